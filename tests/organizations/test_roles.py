from organizations.models import Role
from organizations.selectors import units_where
from organizations.services import revoke_role


def test_a_role_granted_in_unit_a_gives_nothing_in_unit_b(lan, unit_a, unit_b):
    assert lan.has_perm(Role.UNIT_STAFF.permission, unit_a)
    assert not lan.has_perm(Role.UNIT_STAFF.permission, unit_b)
    assert list(units_where(lan, Role.UNIT_STAFF)) == [unit_a]


def test_revoking_the_last_unit_removes_the_group(lan, unit_a):
    revoke_role(lan, Role.UNIT_STAFF, unit_a)
    assert not lan.groups.filter(name=Role.UNIT_STAFF.value).exists()
    assert not units_where(lan, Role.UNIT_STAFF).exists()
