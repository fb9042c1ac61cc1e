"""Policy checks on an outbound trip: warnings for the reviewer, never a refusal.

Limits are settings (DESIGN §2), after the Hà Nội rules found in domain research §1.1:
at most 10 members, 10 days and 3 countries per delegation; a provincial leader abroad
at most twice a year; no two key leaders in one delegation; and nobody in two
delegations at once.

People are matched as persons of the registry (``TripMember.person``, ADR 0016): two
namesakes are two people, one person typed two ways is one. A row with no person (only
code that bypasses the services writes one) falls back to its full name, case and
spacing aside (``name_key``), compared in Python so that Vietnamese capitals match
whatever the database's collation (SQLite folds only ASCII). The checks run in a fixed
number of queries however large the delegation.
"""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from organizations.models import StaffProfile

from . import passports
from .models import Status, TripMember

Level = StaffProfile.LeaderLevel

PROVINCE_LEADERS = (Level.CHAIRMAN, Level.VICE_CHAIRMAN, Level.PROVINCE_LEADER)
KEY_LEADERS = (Level.CHAIRMAN, Level.VICE_CHAIRMAN)
# Trips that count towards a leader's trips of the year (as selectors.leader_trips_in_year).
TRAVELLED = (Status.APPROVED, Status.ISSUED, Status.REPORTING, Status.REPORTED, Status.COMPLETED)
# Trips whose members are taken: all but drafts and trips that will not happen.
NOT_TAKING_PLACE = (Status.DRAFT, Status.REJECTED, Status.WITHDRAWN)


def limit(name: str, default: int) -> int:
    return getattr(settings, name, default)


def name_key(full_name: str) -> str:
    """Return the form under which two spellings of one name compare equal."""
    return " ".join(full_name.split()).casefold()


def person_key(person_id, full_name: str) -> tuple:
    """Return what identifies a member: its person, or its name when it has none."""
    return ("person", person_id) if person_id else ("name", name_key(full_name))


def member_key(member) -> tuple:
    return person_key(member.person_id, member.full_name)


def warnings_for(trip) -> list[str]:
    """Return the policy warnings on ``trip``, as sentences for the reviewer."""
    members = list(trip.members.all())
    return [
        *_size_warnings(trip, members),
        *_key_leader_warnings(members),
        *_frequent_traveller_warnings(trip, members),
        *_overlap_warnings(trip, members),
        *passports.expiry_warnings(trip, members),
    ]


def _size_warnings(trip, members) -> list[str]:
    warnings = []
    max_members = limit("POLICY_MAX_MEMBERS", 10)
    if len(members) > max_members:
        warnings.append(
            _("Đoàn có %(count)d thành viên, vượt quá %(limit)d người theo quy định.")
            % {"count": len(members), "limit": max_members}
        )
    max_days = limit("POLICY_MAX_DAYS", 10)
    if trip.days > max_days:
        warnings.append(
            _("Chuyến đi kéo dài %(count)d ngày, vượt quá %(limit)d ngày theo quy định.")
            % {"count": trip.days, "limit": max_days}
        )
    max_countries = limit("POLICY_MAX_COUNTRIES", 3)
    if len(trip.countries) > max_countries:
        warnings.append(
            _("Đoàn đi %(count)d quốc gia, vượt quá %(limit)d quốc gia theo quy định.")
            % {"count": len(trip.countries), "limit": max_countries}
        )
    return warnings


def _key_leader_warnings(members) -> list[str]:
    leaders = [m.full_name for m in members if m.leader_level in KEY_LEADERS]
    if len(leaders) < 2:
        return []
    return [
        _("Đoàn có %(count)d lãnh đạo chủ chốt UBND tỉnh cùng đi: %(names)s.")
        % {"count": len(leaders), "names": ", ".join(leaders)}
    ]


def _frequent_traveller_warnings(trip, members) -> list[str]:
    """Warn about each provincial leader for whom this would be the third trip or more."""
    leaders = {member_key(m): m for m in members if m.leader_level in PROVINCE_LEADERS}
    if not leaders:
        return []
    year = trip.start_date.year
    # Another trip may record the same person at another level: match them too.
    same_person = Q(leader_level__in=PROVINCE_LEADERS) | _named(leaders.values())
    earlier = _trips_by_name(
        TripMember.objects.filter(same_person, trip__status__in=TRAVELLED)
        .filter(trip__start_date__year=year)
        .exclude(trip=trip)
    )
    warnings = []
    for key, member in leaders.items():
        count = len(earlier.get(key, ()))
        if count >= 2:
            warnings.append(
                _(
                    "%(name)s (%(level)s) đã đi công tác nước ngoài %(count)d lần trong năm "
                    "%(year)d; đây là chuyến thứ %(nth)d."
                )
                % {
                    "name": member.full_name,
                    "level": member.get_leader_level_display(),
                    "count": count,
                    "year": year,
                    "nth": count + 1,
                }
            )
    return warnings


def _overlap_warnings(trip, members) -> list[str]:
    """Warn about each member already in another delegation on overlapping dates."""
    if not members:
        return []
    # Everyone on a trip overlapping this one: few rows, matched by name in Python.
    others = _trips_by_name(
        TripMember.objects.filter(
            trip__start_date__lte=trip.end_date, trip__end_date__gte=trip.start_date
        )
        .exclude(trip__status__in=NOT_TAKING_PLACE)
        .exclude(trip=trip)
    )
    warnings = []
    for member in _unique_by_name(members):
        for other in others.get(member_key(member), ()):
            warnings.append(
                _(
                    "%(name)s đã có tên trong đoàn %(reference)s (%(start)s – %(end)s), "
                    "trùng thời gian với chuyến đi này."
                )
                % {
                    "name": member.full_name,
                    "reference": other["trip__reference"],
                    "start": f"{other['trip__start_date']:%d/%m/%Y}",
                    "end": f"{other['trip__end_date']:%d/%m/%Y}",
                }
            )
    return warnings


def _named(members) -> Q:
    persons = {m.person_id for m in members if m.person_id}
    names = {" ".join(m.full_name.split()) for m in members if not m.person_id}
    rules = [Q(full_name__iexact=name) for name in names]
    if persons:
        rules.append(Q(person_id__in=persons))
    return reduce(or_, rules)


def _trips_by_name(rows) -> dict[str, list[dict]]:
    """Run one query and return, per person (or name) key, the distinct trips found, by
    start date."""
    found = defaultdict(dict)
    fields = (
        "full_name",
        "person_id",
        "trip_id",
        "trip__reference",
        "trip__start_date",
        "trip__end_date",
    )
    for row in rows.order_by("trip__start_date", "trip_id").values(*fields):
        found[person_key(row["person_id"], row["full_name"])].setdefault(row["trip_id"], row)
    return {key: list(trips.values()) for key, trips in found.items()}


def _unique_by_name(members):
    seen = {}
    for member in members:
        seen.setdefault(member_key(member), member)
    return seen.values()
