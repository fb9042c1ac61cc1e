"""The conference cast: the shared one (tests/conftest.py)."""

import pytest


@pytest.fixture
def cast(province, lan, long, minh, hoa, tuan, dung, thao, tai, chu, pho, kiem, van):
    province.clerk = van  # the committee's clerk registers what is signed (ADR 0012)
    return province
