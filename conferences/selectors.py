"""Reads on conferences: who sees which, and what the registry lists.

| role | sees |
|---|---|
| unit staff, unit head | their unit's conferences (deputy periods included) |
| department reviewer, department head, leader, auditor | every conference |

Nobody else sees anything.
"""

from django.db import models

from matters.querysets import units_in
from organizations.models import Role
from organizations.selectors import acting_grants

SEE_ALL = {Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_HEAD, Role.LEADER, Role.AUDITOR}
SEE_OWN_UNIT = {Role.UNIT_STAFF, Role.UNIT_HEAD}


class ConferenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the conferences ``user`` may see today (DESIGN §5)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        # One read of the grants (and deputy periods) serves every role.
        grants = acting_grants(user)
        if SEE_ALL & {role for role, _ in grants}:
            return self.all()
        units = units_in(grants, SEE_OWN_UNIT)
        return self.filter(unit__in=units) if units else self.none()

    def for_list(self):
        """Return the conferences with what a list row shows, in a fixed number of queries."""
        return self.select_related("unit")
