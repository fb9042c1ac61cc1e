"""The ABTC cast: the shared one (tests/conftest.py), two businesses, the tax office and
social insurance."""

import pytest

from organizations.models import Role

from ..conftest import _person
from ..factories import UnitFactory


@pytest.fixture
def business(db):
    return UnitFactory(name="Công ty TNHH Hải Phong", code="DNHP", kind="enterprise")


@pytest.fixture
def other_business(db):
    return UnitFactory(name="Công ty Cổ phần Thủy sản Nam Á", code="DNNA", kind="enterprise")


@pytest.fixture
def tax_office(db):
    return UnitFactory(name="Thuế tỉnh", code="CT")


@pytest.fixture
def social_insurance(db):
    return UnitFactory(name="Bảo hiểm xã hội tỉnh", code="BHXH")


@pytest.fixture
def an(business):
    return _person("an", "Nguyễn Văn An", business, Role.UNIT_STAFF, "Nhân viên hành chính")


@pytest.fixture
def binh(business):
    return _person("binh", "Trần Thị Bình", business, Role.UNIT_HEAD, "Giám đốc")


@pytest.fixture
def cuong(other_business):
    return _person("cuong", "Lê Văn Cường", other_business, Role.UNIT_STAFF, "Nhân viên")


@pytest.fixture
def thue(tax_office):
    return _person("thue", "Phan Văn Thuế", tax_office, Role.CONSULTED_AGENCY, "Phó Cục trưởng")


@pytest.fixture
def bao(social_insurance):
    return _person("bao", "Đinh Thị Bảo", social_insurance, Role.CONSULTED_AGENCY, "Phó Giám đốc")


@pytest.fixture
def cast(province, an, binh, cuong, hoa, tuan, dung, thue, bao, pho, kiem, lan, van):
    province.clerk = van  # the committee's clerk registers what is signed (ADR 0012)
    return province
