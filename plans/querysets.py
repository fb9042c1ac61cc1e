"""Who sees which plan item (DESIGN §5, applied to the annual plan).

| role | sees |
|---|---|
| unit staff, unit head | their unit's items; every unit's once approved |
| department reviewer, department head (focal agency) | every item |
| leader | the items of the plans submitted to them, and every approved item |
| auditor | everything, read-only |

Until the People's Committee approves it, a unit's plan is its own business: another
unit sees none of it.
"""

from django.db import models
from django.db.models import Q

from organizations.models import Role
from organizations.selectors import acting_grants

UNIT_ROLES = frozenset({Role.UNIT_STAFF, Role.UNIT_HEAD})
FOCAL_ROLES = frozenset({Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_HEAD})


class PlanItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the plan items ``user`` may see today."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        grants = acting_grants(user)
        roles = {role for role, _unit in grants}
        if not roles:
            return self.none()
        if Role.AUDITOR in roles or roles & FOCAL_ROLES:
            return self.all()
        rule = Q(approved=True)
        own = {unit for role, unit in grants if role in UNIT_ROLES}
        if own:
            rule |= Q(unit_plan__unit__in=own)
        if Role.LEADER in roles:
            # Submitted to them, or approved and on its way to the register.
            rule |= Q(
                unit_plan__round__status__in=("submitted", "signing"),
                unit_plan__status="endorsed",
            )
        return self.filter(rule)

    def in_force(self):
        """Return the items of the plans in force: approved, and not replaced since."""
        return self.filter(approved=True, withdrawn_in__isnull=True)

    def for_table(self):
        return self.select_related("unit_plan__unit", "unit_plan__round", "replaces")


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the rounds ``user`` may open: every round, to anyone holding a role (the
        round's page shows each what is theirs; its registered plans are public acts)."""
        if not user.is_authenticated or not user.is_active or not acting_grants(user):
            return self.none()
        return self.all()
