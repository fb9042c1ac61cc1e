"""Persons for the registry tests: namesakes, one person typed two ways, their trips."""

import datetime

from people.models import Person

from ..permits.factories_trips import make_trip


def person(full_name, *, born=None, unit=None, unit_name="Sở Công Thương", identity="", **fields):
    """Return a new person of the registry (no service, no audit entry)."""
    found = Person(
        full_name=full_name,
        date_of_birth=born,
        unit=unit,
        unit_name=unit_name if unit is None else unit.name,
        **fields,
    )
    found.identity_number = identity
    found.save()
    return found


def trip_with(unit, submitted_by, *people, start=datetime.date(2026, 3, 9), days=5, **fields):
    """Return a trip of ``unit`` whose members are ``people`` (persons), the first the head."""
    members = [
        {
            "full_name": p.full_name,
            "person": p,
            "leader_level": p.leader_level,
            "unit_name": p.unit_label,
        }
        for p in people
    ]
    end = start + datetime.timedelta(days=days - 1)
    return make_trip(unit, submitted_by, members=members, start_date=start, end_date=end, **fields)
