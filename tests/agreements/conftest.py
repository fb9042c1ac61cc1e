"""The agreement cast and helpers.

On top of the shared cast: tai answers for a third agency (Sở Tài chính, CONSULTED_AGENCY),
so a proposal can go to three agencies: the police (dung, always), justice (thao) and
finance (tai).
"""

import pytest

from organizations.models import Role

from ..conftest import _person
from ..factories import UnitFactory


@pytest.fixture
def finance(db):
    return UnitFactory(name="Sở Tài chính", code="STC")


@pytest.fixture
def tai(finance):
    return _person("tai", "Lê Văn Tài", finance, Role.CONSULTED_AGENCY, "Phó Giám đốc Sở")


@pytest.fixture
def cast(province, lan, long, minh, hoa, tuan, dung, thao, tai, chu, pho, kiem):
    return province
