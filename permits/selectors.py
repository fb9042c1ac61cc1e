"""Reads on requests: the visibility rule of trips and visits, and what their pages read.

The rule is ``matters.querysets.MatterQuerySet.visible_to``, the same for every kind:
the unit sees its submitted requests, the focal agency every submitted one, the leaders
those routed to them, the auditors everything. For trips and visits the security agency
sees a request from its security check on, and any request whose people it has vetted.
"""

from django.db.models import Q

from matters import status
from matters.querysets import MatterQuerySet
from organizations.models import Role

POST_SECURITY = status.FROM_APPROVAL_REQUEST
POST_APPROVAL_REQUEST = status.FROM_APPROVAL_REQUEST


class RequestQuerySet(MatterQuerySet):
    """What trips and visits share: the visibility rule."""

    def seen_by_agencies(self, grants) -> Q:
        """Return the requests at or past the security check, and those already vetted."""
        rule = super().seen_by_agencies(grants)
        if any(role == Role.SECURITY_OFFICER for role, _ in grants):
            rule |= Q(security_vetted=True)
        return rule


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
        status__in=status.COUNTED,
    )
    if exclude_trip is not None:
        trips = trips.exclude(pk=exclude_trip.pk)
    return trips.distinct()
