"""Reads on the registry of persons: who may see whom, and the search that chooses
delegation members.

The focal agency, the security agency, the provincial leaders and the auditors see
every person; a unit sees the persons of its own units, and the provincial leaders
(whose names and dates of birth are public), so that it can put one at the head of
its delegation. Nobody else sees anyone.
"""

from django.db import models
from django.db.models import Q

from organizations.models import Province, Role, StaffProfile
from organizations.selectors import acting_grants

from .text import search_key

SEE_EVERYONE = (
    Role.DEPARTMENT_REVIEWER,
    Role.DEPARTMENT_HEAD,
    Role.SECURITY_OFFICER,
    Role.LEADER,
    Role.AUDITOR,
)
SEE_THEIR_UNIT = (Role.UNIT_STAFF, Role.UNIT_HEAD)
PROVINCE_LEADERS = (
    StaffProfile.LeaderLevel.CHAIRMAN,
    StaffProfile.LeaderLevel.VICE_CHAIRMAN,
    StaffProfile.LeaderLevel.PROVINCE_LEADER,
)
SEARCH_LIMIT = 20


def is_focal_agency(user) -> bool:
    """Return True if ``user`` acts for the focal agency (reviewer or head) today."""
    agency_id = Province.current().focal_agency_id
    return any(
        role in (Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_HEAD) and unit_id == agency_id
        for role, unit_id in acting_grants(user)
    )


def may_see_registry(user) -> bool:
    """Return True if ``user`` acts in a role that sees some of the registry."""
    if not user.is_authenticated:
        return False
    return any(role in SEE_EVERYONE + SEE_THEIR_UNIT for role, _unit in acting_grants(user))


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the persons ``user`` may see (see the module's docstring)."""
        if not user.is_authenticated:
            return self.none()
        grants = acting_grants(user)
        if any(role in SEE_EVERYONE for role, _unit in grants):
            return self
        units = {unit_id for role, unit_id in grants if role in SEE_THEIR_UNIT}
        if not units:
            return self.none()
        return self.filter(Q(unit_id__in=units) | Q(leader_level__in=PROVINCE_LEADERS))

    def matching(self, text: str):
        """Return the persons whose name contains ``text``, accents and case aside."""
        key = search_key(text)
        if not key:
            return self.none()
        return self.filter(name_key__contains=key)

    def search(self, user, text: str):
        """Return the first persons ``user`` may see whose name matches ``text``."""
        found = self.visible_to(user).matching(text).select_related("unit")
        return found.order_by("name_key", "date_of_birth", "pk")[:SEARCH_LIMIT]


def namesakes(person):
    """Return the other persons of the same name (accents aside), for the merge tool."""
    from .models import Person

    return Person.objects.filter(name_key=person.name_key).exclude(pk=person.pk)
