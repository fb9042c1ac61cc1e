"""Build outbound trips for tests without going through the flow.

    trip = make_trip(unit_a, lan, members=[minh, "Trần Văn Bình"])
    trip = make_trip(unit_a, lan, members=[pho, chu], status=Status.APPROVED,
                     start_date=date(2026, 5, 4), end_date=date(2026, 5, 8))

A member is a user (name, position, unit and leader level come from their profile), a
full name, or a dict of TripMember fields. The first member leads the delegation unless
another one is marked ``delegation_role="head"``.
"""

import datetime

from django.db.models import Max
from django.utils import timezone

from permits.models import OutboundTrip, Status, TripMember, TripPurpose

START = datetime.date(2026, 3, 9)

DEFAULTS = {
    "title": "Đoàn xúc tiến đầu tư tại Nhật Bản",
    "purpose_detail": "Làm việc với các nhà đầu tư về khu công nghiệp",
    "countries": ["JP"],
    "cities": "Tokyo, Osaka",
    "start_date": START,
    "end_date": START + datetime.timedelta(days=5),
    "inviting_partner": "Tổ chức Xúc tiến Thương mại Nhật Bản (JETRO)",
    "funding_source": OutboundTrip.Funding.STATE_BUDGET,
    "funding_amount": 250_000_000,
    "programme": "Ngày 1: làm việc với JETRO; ngày 2–5: thăm các khu công nghiệp.",
    "status": Status.SUBMITTED,
}


def make_trip(unit, submitted_by, members=("Trần Văn Bình",), **fields) -> OutboundTrip:
    """Create a trip of ``unit`` drafted by ``submitted_by`` with ``members``.

    Any OutboundTrip field may be given; by default the trip is submitted (not a
    draft), goes to Japan for six days from 9 March 2026 and is paid by the State.
    """
    values = {**DEFAULTS, **fields}
    values.setdefault("purpose", purpose())
    values.setdefault("reference", next_reference(values["start_date"].year))
    if values["status"] != Status.DRAFT:
        values.setdefault("submitted_at", timezone.now())
    trip = OutboundTrip.objects.create(unit=unit, submitted_by=submitted_by, **values)
    add_members(trip, members)
    return trip


def add_members(trip, members) -> list[TripMember]:
    """Append ``members`` (users, names or dicts) to ``trip``'s delegation."""
    rows = [member_fields(member) for member in members]
    has_head = trip.members.filter(delegation_role=TripMember.DelegationRole.HEAD).exists()
    if rows and not has_head and not any(r.get("delegation_role") == "head" for r in rows):
        rows[0]["delegation_role"] = TripMember.DelegationRole.HEAD
    start = trip.members.count() + 1
    return [
        TripMember.objects.create(trip=trip, order=order, **row)
        for order, row in enumerate(rows, start=start)
    ]


def member_fields(member) -> dict:
    """Return TripMember fields for a user, a full name or a dict of fields."""
    if isinstance(member, dict):
        return {"position": "Chuyên viên", "unit_name": "Sở Công Thương", **member}
    if isinstance(member, str):
        return {"full_name": member, "position": "Chuyên viên", "unit_name": "Sở Công Thương"}
    profile = member.profile
    return {
        "full_name": member.get_full_name(),
        "position": profile.position,
        "unit_name": profile.unit.name,
        "leader_level": profile.leader_level,
        "is_party_committee_managed": profile.is_party_committee_managed,
        "user": member,
    }


def purpose(name: str = "Xúc tiến đầu tư") -> TripPurpose:
    return TripPurpose.objects.get_or_create(name=name)[0]


def next_reference(year: int) -> str:
    """Return the next free reference of ``year``, as permits.services numbers them."""
    prefix = f"DR-{year}-"
    last = OutboundTrip.objects.filter(reference__startswith=prefix).aggregate(
        last=Max("reference")
    )["last"]
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:03d}"
