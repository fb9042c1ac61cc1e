"""The conference cast: the shared one (tests/conftest.py)."""

import pytest


@pytest.fixture
def cast(province, lan, long, minh, hoa, tuan, dung, thao, tai, chu, pho, kiem):
    return province
