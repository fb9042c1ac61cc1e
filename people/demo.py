"""Demo registry (``load_demo``): the demo trips' members as persons with a date of
birth, an identity number and an official passport kept by the focal agency, and a
namesake to tell apart. Runs after the kinds' demos made the members; idempotent."""

import datetime

from organizations.models import StaffProfile, Unit

from . import personal_data
from .models import Passport, Person
from .text import search_key

# (full name, unit code, date of birth, sex, identity number, passport kind and number)
PERSONS = [
    (
        "Lê Quang Minh",
        "SCT",
        datetime.date(1971, 3, 14),
        "male",
        "052071000314",
        "official",
        "C0100314",
    ),  # noqa: E501
    (
        "Trần Thị Lan",
        "SCT",
        datetime.date(1988, 7, 2),
        "female",
        "052188000702",
        "official",
        "C0200702",
    ),  # noqa: E501
    # A namesake in another unit, born later: the search shows both, told apart.
    ("Trần Thị Lan", "DHQN", datetime.date(1995, 11, 20), "female", "052195001120", "", ""),
]
EXPIRES = datetime.date(2031, 12, 31)


def load(stdout) -> None:
    units = {unit.code: unit for unit in Unit.objects.all()}
    keeper = units.get("SNV")
    made = 0
    for name, code, born, sex, identity, kind, number in PERSONS:
        unit = units.get(code)
        if unit is None:
            continue
        person = _person(name, unit, born)
        person.date_of_birth, person.sex, person.unit = born, sex, unit
        person.unit_name = person.unit_name or unit.name
        person.identity_number = identity
        profile = StaffProfile.objects.filter(user__full_name=name, unit=unit).first()
        if (
            profile
            and not Person.objects.filter(staff_profile=profile).exclude(pk=person.pk).exists()
        ):
            person.staff_profile = profile
        person.save()
        if (
            number
            and not Passport.objects.filter(number_index=personal_data.blind_index(number)).exists()
        ):
            passport = Passport(person=person, kind=kind, expires_on=EXPIRES, kept_by=keeper)
            passport.issued_on = datetime.date(2021, 12, 31)
            passport.number = number
            passport.save()
            made += 1
    stdout.write(f"Danh bạ cá nhân minh họa: {Person.objects.count()} người, {made} hộ chiếu mới.")


def _person(name: str, unit: Unit, born) -> Person:
    """Return the person the demo trips made for ``name`` in ``unit`` (or a new one)."""
    candidates = Person.objects.filter(name_key=search_key(name))
    for person in candidates.filter(date_of_birth=born):
        return person
    for person in candidates.filter(date_of_birth__isnull=True):
        if search_key(person.unit_label) == search_key(unit.name):
            return person
    return Person(full_name=name, unit=unit, unit_name=unit.name)
