"""Who sees and does what on consular cases (docs/flows.md, "Vụ việc lãnh sự").

| role | may |
|---|---|
| focal agency reviewer | record every group, update, notify, close, reveal |
| focal agency head | read every case; escalations of stale cases reach them |
| security officer (Công an tỉnh) | record a foreigner's case and read foreigners' cases |
| auditor | read every case (masked) |
| anyone else (units, leaders) | nothing: 404 |

The police record foreigners' cases because they are usually first on the scene (a
road accident, a death, an arrest of a foreigner); the focal agency follows up, since it
gives the notices to the ministry and the foreign representation.
"""

from django.db.models import Q

from organizations.models import Province, Role
from organizations.selectors import acting_grants, has_role

from .models import Group

READERS = frozenset({Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_HEAD, Role.AUDITOR})


def visibility(user) -> Q | None:
    """Return the rule of the cases ``user`` sees, or None for none at all."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    roles = {role for role, _unit in acting_grants(user)}
    if roles & READERS:
        return Q()
    if Role.SECURITY_OFFICER in roles:
        return Q(group=Group.FOREIGNER)
    return None


def can_see_register(user) -> bool:
    """Return True if ``user`` may open the register (the menu's link)."""
    return visibility(user) is not None


def _holds(user, role: Role, seat: str) -> bool:
    unit = getattr(Province.current(), seat)
    return unit is not None and has_role(user, role, unit)


def recording_role(user, group: str) -> Role | None:
    """Return the role in which ``user`` may record a case of ``group``, or None."""
    if _holds(user, Role.DEPARTMENT_REVIEWER, "focal_agency"):
        return Role.DEPARTMENT_REVIEWER
    if group == Group.FOREIGNER and _holds(user, Role.SECURITY_OFFICER, "security_agency"):
        return Role.SECURITY_OFFICER
    return None


def may_record(user) -> bool:
    """Return True if ``user`` may record a case of some group."""
    return recording_role(user, Group.FOREIGNER) is not None


def may_update(user) -> bool:
    """Return True if ``user`` may update cases (the focal agency's reviewers)."""
    return _holds(user, Role.DEPARTMENT_REVIEWER, "focal_agency")
