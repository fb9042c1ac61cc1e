"""The aid cast: the shared one (tests/conftest.py), and a donor in the register."""

import pytest

from ngo_aid.models import ForeignNGO


@pytest.fixture
def cast(province, lan, long, minh, hoa, tuan, dung, thao, tai, chu, pho, kiem, van):
    province.clerk = van  # the committee's clerk registers what is signed (ADR 0012)
    return province


@pytest.fixture
def donor(db):
    return ForeignNGO.objects.create(
        name="Children of Vietnam Foundation",
        name_vi="Quỹ Trẻ em Việt Nam",
        country="US",
        registration_kind=ForeignNGO.Registration.OPERATION,
        registration_number="123/CNV-HĐ",
        registration_issuer="Bộ Ngoại giao",
        areas="Y tế, giáo dục",
    )
