"""Writes on the registry of persons and their passports.

Every write is one function, atomic, with its audit entry in the same transaction. What
only the focal agency may do (the Party-committee flag, merging duplicates) checks it
here, whatever page or command calls it.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

import audit
from organizations.models import Province, Role, StaffProfile, Unit

from . import personal_data
from .models import Passport, Person
from .selectors import is_focal_agency
from .text import search_key


def _require_focal_agency(actor) -> None:
    if not is_focal_agency(actor):
        raise PermissionDenied(_("Chỉ cơ quan ngoại vụ được thực hiện thao tác này."))


def _record_focal_update(person: Person, *, actor, **changes) -> None:
    """Audit a correction of ``person``'s record made by the focal agency."""
    audit.record(
        audit.Action.UPDATED,
        actor=actor,
        subject=person,
        role=Role.DEPARTMENT_REVIEWER,
        unit=Province.current().focal_agency,
        payload={"person": person.pk, **changes},
    )


def find_person(*, full_name: str, unit_name: str = "", date_of_birth=None):
    """Return the person of this name, unit and date of birth, or None.

    The rule that made persons from the members typed before the registry (ADR 0016):
    the same name (accents aside), the same unit (by name) and the same date of birth
    (or none known) is the same person. The first one made wins if several match.
    """
    unit_key = search_key(unit_name)
    found = Person.objects.filter(name_key=search_key(full_name), date_of_birth=date_of_birth)
    for person in found.select_related("unit").order_by("pk"):
        if search_key(person.unit_label) == unit_key:
            return person
    return None


def unit_named(name: str):
    """Return the active unit called ``name`` (accents, case and spacing aside), or None."""
    key = search_key(name)
    if not key:
        return None
    first_word = name.split()[0]
    for unit in Unit.objects.filter(name__icontains=first_word, is_active=True):
        if search_key(unit.name) == key:
            return unit
    return None


@transaction.atomic
def create_person(
    *,
    actor,
    full_name: str,
    unit=None,
    unit_name: str = "",
    date_of_birth: datetime.date | None = None,
    sex: str = "",
    identity_number: str = "",
    position: str = "",
    leader_level: str = StaffProfile.LeaderLevel.OTHER,
    staff_profile=None,
) -> Person:
    """Add a person to the registry (the Party-committee flag is the focal agency's)."""
    full_name = _check_person_fields(full_name, date_of_birth)
    person = Person(
        full_name=full_name,
        unit=unit,
        unit_name=unit_name or (unit.name if unit else ""),
        date_of_birth=date_of_birth,
        sex=sex,
        position=position,
        leader_level=leader_level,
        staff_profile=staff_profile,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    person.identity_number = identity_number
    person.save()
    audit.record(
        audit.Action.CREATED,
        actor=actor,
        subject=person,
        payload={"person": person.pk, "full_name": person.full_name},
    )
    return person


def person_for_member(
    *,
    actor,
    full_name: str,
    unit_name: str,
    position: str = "",
    leader_level="",
    date_of_birth=None,
    unit=None,
) -> Person:
    """Return the registry's person for a member typed into a delegation, added if new.

    A member chosen from the registry carries its person; this is for a member typed in
    (or added on the fly from the member form): found by ``find_person``'s rule. A new
    person belongs to the unit named ``unit_name`` if there is one, else to ``unit``
    (the unit whose delegation adds them), so that this unit finds them again.
    """
    person = find_person(full_name=full_name, unit_name=unit_name, date_of_birth=date_of_birth)
    if person is not None:
        return person
    return create_person(
        actor=actor,
        full_name=full_name,
        unit=unit_named(unit_name) or unit,
        unit_name=unit_name,
        position=position,
        leader_level=leader_level or StaffProfile.LeaderLevel.OTHER,
        date_of_birth=date_of_birth,
    )


def _check_person_fields(full_name: str, date_of_birth) -> str:
    """Return ``full_name`` with its spacing tidied; refuse an empty name or a birth
    date that has not come."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError({"full_name": _("Hãy nhập họ và tên.")})
    if date_of_birth and date_of_birth >= datetime.date.today():
        raise ValidationError({"date_of_birth": _("Ngày sinh phải trước ngày hôm nay.")})
    return full_name


# What the focal agency may correct on a person's record (the flag, the account and the
# passports have their own writes).
EDITABLE = ("full_name", "date_of_birth", "sex", "position", "leader_level", "unit")


@transaction.atomic
def update_person(person: Person, *, actor, identity_number: str = "", **fields) -> Person:
    """Correct ``person``'s details (the focal agency's). An empty ``identity_number``
    keeps the one stored; the audit entry names the fields changed, never the number."""
    _require_focal_agency(actor)
    person = Person.objects.select_for_update().get(pk=person.pk)
    fields["full_name"] = _check_person_fields(fields["full_name"], fields.get("date_of_birth"))
    changed = sorted(name for name in EDITABLE if getattr(person, name) != fields[name])
    for name in changed:
        setattr(person, name, fields[name])
    if "unit" in changed:
        person.unit_name = person.unit.name if person.unit else ""
    if identity_number and identity_number != person.identity_number:
        person.identity_number = identity_number
        changed.append("identity_number")
    if not changed:
        return person
    person.save()
    _record_focal_update(person, actor=actor, changed=changed)
    return person


@transaction.atomic
def set_party_committee_managed(person: Person, *, actor, managed: bool) -> Person:
    """Mark ``person`` as a cadre the provincial Party Standing Committee manages (or not).

    The focal agency sets it, never the person's unit.
    """
    _require_focal_agency(actor)
    if person.is_party_committee_managed != managed:
        person.is_party_committee_managed = managed
        person.save(update_fields=["is_party_committee_managed"])
        _record_focal_update(person, actor=actor, is_party_committee_managed=managed)
    return person


@transaction.atomic
def link_staff_profile(person: Person, *, actor, profile) -> Person:
    """Link ``person`` to the staff account ``profile`` (None unlinks): the focal agency's.

    One account is one person; an account linked to another person is refused.
    """
    _require_focal_agency(actor)
    person = Person.objects.select_for_update().get(pk=person.pk)
    profile_id = profile.pk if profile is not None else None
    if person.staff_profile_id == profile_id:
        return person
    other = Person.objects.filter(staff_profile_id=profile_id).exclude(pk=person.pk).first()
    if profile_id is not None and other is not None:
        raise ValidationError(
            {
                "staff_profile": _("Tài khoản này đã gắn với cá nhân khác: %(person)s.")
                % {"person": other}
            }
        )
    person.staff_profile_id = profile_id
    person.save(update_fields=["staff_profile"])
    _record_focal_update(person, actor=actor, staff_profile=profile_id)
    return person


@transaction.atomic
def merge_persons(keep: Person, duplicate: Person, *, actor, comment: str = "") -> Person:
    """Fold ``duplicate`` into ``keep``: every row naming it (delegation members,
    passports, ...) names ``keep`` from now on, and ``duplicate`` is deleted.

    The registry does not know who points at a person: it follows every relation to it,
    so the kinds above (permits' members) need no code here. The audit entry names both.
    """
    _require_focal_agency(actor)
    if keep.pk == duplicate.pk:
        raise ValidationError(_("Hãy chọn hai cá nhân khác nhau để gộp."))
    keep, duplicate = (
        Person.objects.select_for_update().get(pk=keep.pk),
        Person.objects.select_for_update().get(pk=duplicate.pk),
    )
    moved = {}
    for relation in Person._meta.related_objects:
        if relation.one_to_many or relation.one_to_one:
            model, field = relation.related_model, relation.field.name
            moved[model._meta.label_lower] = model._default_manager.filter(
                **{field: duplicate}
            ).update(**{field: keep})
    changed = []
    if keep.staff_profile_id is None and duplicate.staff_profile_id is not None:
        keep.staff_profile_id, duplicate.staff_profile_id = duplicate.staff_profile_id, None
        duplicate.save(update_fields=["staff_profile"])
        changed.append("staff_profile")
    for field in ("date_of_birth", "sex", "unit", "position"):
        if not getattr(keep, field) and getattr(duplicate, field):
            setattr(keep, field, getattr(duplicate, field))
            changed.append(field)
    if not keep.identity_encrypted and duplicate.identity_encrypted:
        keep.identity_encrypted = duplicate.identity_encrypted
        keep.identity_index = duplicate.identity_index
        changed.append("identity_number")
    keep.is_party_committee_managed |= duplicate.is_party_committee_managed
    keep.save()
    duplicate_id, duplicate_name = duplicate.pk, duplicate.full_name
    duplicate.delete()
    audit.record(
        audit.Action.MERGED,
        actor=actor,
        subject=keep,
        comment=comment,
        role=Role.DEPARTMENT_REVIEWER,
        unit=Province.current().focal_agency,
        payload={
            "kept": keep.pk,
            "merged": duplicate_id,
            "merged_name": duplicate_name,
            "moved": moved,
            "filled": changed,
        },
    )
    return keep


@transaction.atomic
def add_passport(
    person: Person,
    *,
    actor,
    kind: str,
    number: str,
    expires_on: datetime.date,
    issued_on: datetime.date | None = None,
    kept_by=None,
) -> Passport:
    """Record an official or diplomatic passport of ``person`` (once per number)."""
    if not 5 <= len(personal_data.normalise(number)) <= 20:
        raise ValidationError({"number": _("Số hộ chiếu phải có từ 5 đến 20 ký tự.")})
    if issued_on and expires_on <= issued_on:
        raise ValidationError({"expires_on": _("Ngày hết hạn phải sau ngày cấp.")})
    if Passport.objects.filter(number_index=personal_data.blind_index(number)).exists():
        raise ValidationError({"number": _("Hộ chiếu số này đã có trong danh bạ.")})
    passport = Passport(
        person=person, kind=kind, issued_on=issued_on, expires_on=expires_on, kept_by=kept_by
    )
    passport.number = number
    passport.save()
    audit.record(
        audit.Action.CREATED,
        actor=actor,
        subject=person,
        payload={"passport": passport.pk, "kind": kind, "passport_number": number},
    )
    return passport
