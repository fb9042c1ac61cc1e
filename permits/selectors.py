"""Reads on requests: one visibility rule that every list, page, download and export uses.

The same rule serves outbound trips (đoàn ra) and inbound visits (đoàn vào):

| role | sees |
|---|---|
| unit staff, unit head | their unit's trips (deputy periods included) |
| department reviewer, department head | every trip that was submitted |
| security officer | trips at or past the security check |
| leader | trips routed to leadership, and their history |
| auditor | everything, read-only |

The person who drafted a request always sees it. Nobody else sees anything.
"""

from django.db import models
from django.db.models import Q

from organizations.models import Role
from organizations.selectors import acting_grants

POST_SECURITY = ("awaiting_approval", "approved", "reporting", "reported", "completed")
POST_APPROVAL_REQUEST = ("awaiting_approval", "approved", "reporting", "reported", "completed")


class RequestQuerySet(models.QuerySet):
    """What trips and visits share: the visibility rule."""

    def visible_to(self, user):
        """Return the requests ``user`` may see today (DESIGN §5)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        # One read of the grants (and deputy periods) serves every role below.
        grants = acting_grants(user)
        roles = {role for role, _ in grants}
        if Role.AUDITOR in roles:
            return self.all()
        rule = Q(submitted_by=user)
        unit_roles = {Role.UNIT_STAFF, Role.UNIT_HEAD} & roles
        if unit_roles:
            units = {unit_id for role, unit_id in grants if role in unit_roles}
            rule |= Q(unit__in=units) & ~Q(status="draft")
        if roles & {Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_HEAD}:
            rule |= ~Q(status="draft")
        if Role.SECURITY_OFFICER in roles:
            rule |= Q(status__in=("security_check", *POST_SECURITY)) | Q(security_vetted=True)
        if Role.LEADER in roles:
            rule |= Q(status__in=POST_APPROVAL_REQUEST) | Q(approver__isnull=False)
        return self.filter(rule)


class OutboundTripQuerySet(RequestQuerySet):
    def for_list(self):
        """Return the trips with what a list row shows, in a fixed number of queries."""
        return self.select_related("unit", "purpose", "submitted_by")

    def for_page(self):
        """Return the trips with what the trip page shows: its members are read once, for
        the page and for the policy warnings."""
        return self.for_list().prefetch_related("members")


class InboundVisitQuerySet(RequestQuerySet):
    def for_list(self):
        """Return the visits with what a list row shows, in a fixed number of queries."""
        return self.select_related("unit", "submitted_by")


def leader_trips_in_year(full_name: str, year: int, *, exclude_trip=None):
    """Return the approved trips of ``year`` on which a person of that name travels."""
    from .models import OutboundTrip

    trips = OutboundTrip.objects.filter(
        members__full_name__iexact=full_name.strip(),
        start_date__year=year,
        status__in=("approved", "reporting", "reported", "completed"),
    )
    if exclude_trip is not None:
        trips = trips.exclude(pk=exclude_trip.pk)
    return trips.distinct()
