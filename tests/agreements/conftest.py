"""The agreement cast and helpers.

On top of the shared cast: tai answers for a third agency (Sở Tài chính, CONSULTED_AGENCY),
so a proposal can go to three agencies: the police (dung, always), justice (thao) and
finance (tai).
"""

import pytest


@pytest.fixture
def cast(province, lan, long, minh, hoa, tuan, dung, thao, tai, chu, pho, kiem):
    return province
