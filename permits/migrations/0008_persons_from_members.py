"""Make the registry's persons from the delegation members typed before it (#23, ADR 0016).

The rule: one person per distinct full name and unit name (accents, case and spacing
aside); members recorded before the registry carry no date of birth, so none is used.
The person takes the position and leader level of the latest row, the unit whose name
matches (else the unit of that row's trip, which then sees the person), and the staff profile of the account the rows are linked to (once). Going back
unlinks the members; the persons stay (they are registry data from then on).
"""

from django.db import migrations

from people.text import search_key

BATCH = 1000


def make_persons(apps, schema_editor):
    TripMember = apps.get_model("permits", "TripMember")
    Person = apps.get_model("people", "Person")
    Unit = apps.get_model("organizations", "Unit")
    StaffProfile = apps.get_model("organizations", "StaffProfile")
    units = {search_key(name): pk for pk, name in Unit.objects.values_list("pk", "name")}
    profiles = dict(StaffProfile.objects.values_list("user_id", "pk"))
    taken = set(Person.objects.exclude(staff_profile=None).values_list("staff_profile", flat=True))
    groups = {}
    rows = TripMember.objects.filter(person__isnull=True).order_by("pk")
    fields = ("pk", "full_name", "unit_name", "position", "leader_level", "user_id", "trip__unit_id")
    for member in rows.select_related("trip").only(*fields):
        key = (search_key(member.full_name), search_key(member.unit_name))
        groups.setdefault(key, []).append(member)
    existing = {
        (p.name_key, search_key(p.unit_name)): p
        for p in Person.objects.filter(date_of_birth__isnull=True)
    }
    for key, members in groups.items():
        person = existing.get(key)
        if person is None:
            latest = members[-1]
            profile = next(
                (profiles[m.user_id] for m in reversed(members) if m.user_id in profiles), None
            )
            if profile in taken:
                profile = None
            taken.add(profile)
            person = Person.objects.create(
                full_name=" ".join(latest.full_name.split()),
                name_key=key[0],
                unit_name=latest.unit_name,
                unit_id=units.get(key[1]) or latest.trip.unit_id,
                position=latest.position,
                leader_level=latest.leader_level,
                identity_encrypted="",
                staff_profile_id=profile,
            )
        for member in members:
            member.person_id = person.pk
    every = [m for members in groups.values() for m in members]
    for start in range(0, len(every), BATCH):
        TripMember.objects.bulk_update(every[start : start + BATCH], ["person"])


def unlink(apps, schema_editor):
    apps.get_model("permits", "TripMember").objects.update(person=None)


class Migration(migrations.Migration):
    dependencies = [
        ("permits", "0007_member_person_and_trip_passports"),
        ("organizations", "0001_initial"),
    ]

    operations = [migrations.RunPython(make_persons, unlink)]
