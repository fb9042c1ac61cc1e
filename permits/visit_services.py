"""Writes on inbound visits (đoàn vào). Every step of InboundVisitFlow calls one of these.

The contract is that of every kind (``matters.services``): check the step, set the
business status, audit and notify in the caller's transaction. The unit head's
endorsement, the returns, the rejection, the approval, the report and its
acknowledgement are the shared steps, re-exported from ``permits.services`` as a trip
has them; what differs is here: the guest list with its personal data, the security
check guest by guest, and the approval letter.

Approval is routed by who receives the delegation: the Chairman decides when provincial
leaders (UBND tỉnh) receive it, since the reception commits the Chairman's calendar and
the Bắc Giang rule (domain research §1.2) sends such proposals to the Chairman; any
other visit goes to the Vice-Chairman in charge of foreign affairs.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

import audit
import workdays
from matters import issuance, steps
from matters import services as shared
from notifications import Event
from organizations.models import Province, Role

from . import personal_data
from .models import Attachment, Guest, InboundVisit, Status
from .services import (  # noqa: F401 - the steps a visit shares with a trip, re-exported
    acknowledge,
    apply_verdicts,
    approve,
    can_withdraw,
    endorse,
    issued_document,
    reject,
    return_to_department,
    return_to_submitter,
    stored_document,
    submit_report,
    withdraw,
)


class Outcome:
    """What an objection to a guest does: remove the guest, or return the request."""

    REMOVE = "remove"
    RETURN = "return"


@dataclass(frozen=True)
class GuestData:
    """One guest as typed or imported; its repr leaves out the personal data (logs)."""

    full_name: str
    nationality: str
    passport_number: str = field(repr=False)
    passport_expiry: datetime.date
    date_of_birth: datetime.date = field(repr=False)
    organisation: str = ""
    position: str = ""


# -- the unit: submit, revise --------------------------------------------------------------


def validate_visit(fields: dict, guests: list[GuestData] | None) -> None:
    """Raise ValidationError (field → Vietnamese message) for a visit that cannot be sent."""
    errors = {}
    start, end = fields.get("start_date"), fields.get("end_date")
    if start and end and end < start:
        errors["end_date"] = _("Ngày đi phải sau hoặc trùng ngày đến.")
    if not fields.get("countries"):
        errors["countries"] = _("Hãy chọn ít nhất một quốc gia.")
    if guests is not None:
        passports = [personal_data.normalise(g.passport_number) for g in guests]
        if not guests:
            errors["guests"] = _("Đoàn phải có ít nhất một khách.")
        elif len(set(passports)) != len(passports):
            errors["guests"] = _("Một số hộ chiếu xuất hiện hai lần trong danh sách khách.")
    if errors:
        raise ValidationError(errors)


@sensitive_variables()
def _guest(visit, order: int, data: GuestData) -> Guest:
    guest = Guest(
        visit=visit,
        order=order,
        full_name=data.full_name,
        nationality=data.nationality,
        passport_expiry=data.passport_expiry,
        organisation=data.organisation,
        position=data.position,
    )
    guest.passport_number = data.passport_number
    guest.date_of_birth = data.date_of_birth
    return guest


def _replace_guests(visit, guests: list[GuestData]) -> None:
    visit.guests.all().delete()
    Guest.objects.bulk_create(_guest(visit, i, g) for i, g in enumerate(guests, start=1))


def _set_fields(visit, fields: dict) -> list[str]:
    """Copy ``fields`` onto ``visit``; return the names of those that changed."""
    # The form may have set the new values on ``visit`` already: compare with the row.
    stored = InboundVisit.objects.get(pk=visit.pk) if visit.pk else None
    changed = sorted(k for k, v in fields.items() if stored and getattr(stored, k) != v)
    for name, value in fields.items():
        setattr(visit, name, value)
    # validate_visit checked the dates: no query to check the constraint again.
    visit.full_clean(exclude=["reference", "submitted_by", "unit"], validate_constraints=False)
    return changed


@steps.atomic
def submit_visit(*, unit, actor, fields: dict, guests: list[GuestData], task=None):
    """Create a visit hosted by ``unit`` and send it to the unit head for endorsement."""
    shared.require_staff(actor, unit)
    validate_visit(fields, guests)
    visit = shared.new_matter(InboundVisit, "DV", unit=unit, actor=actor)
    _set_fields(visit, fields)
    visit.save()
    _replace_guests(visit, guests)
    return shared.submitted(visit, actor=actor, payload={"guests": len(guests)}, task=task)


def _guest_key(guest) -> tuple:
    return (
        guest.full_name,
        guest.nationality,
        personal_data.normalise(guest.passport_number),
        guest.passport_expiry,
        guest.date_of_birth,
        guest.organisation,
        guest.position,
    )


def guests_changed(visit, guests: list[GuestData] | None) -> bool:
    """Return True if ``guests`` brings a guest who is not on the visit's list now.

    Leaving guests out is no change of substance: the unit head endorsed each of them.
    """
    if guests is None:
        return False
    old = {_guest_key(guest) for guest in visit.guests.filter(removed=False)}
    return any(_guest_key(guest) not in old for guest in guests)


# What the unit head endorses: a revision that changes one goes back to the head.
SUBSTANTIVE = ("countries", "start_date", "end_date", "guests")


def resubmit(visit, *, actor, fields: dict, guests=None, comment="", task=None):
    """Save a returned visit's revision and send it back to the step that returned it,
    or to the unit head when the dates, the countries or the guests changed.

    ``guests`` replaces the guest list when given; otherwise the list stays and the
    guests still on it are vetted afresh.
    """

    def revise(visit):
        validate_visit(fields, guests)
        new_guests = guests_changed(visit, guests)
        changed = _set_fields(visit, fields) + (["guests"] if new_guests else [])
        if guests is not None:
            _replace_guests(visit, guests)
        else:
            visit.guests.filter(removed=False).update(security_verdict=Guest.Verdict.PENDING)
        # Guests taken off at the security check keep their verdicts.
        vetted = visit.guests.exclude(security_verdict=Guest.Verdict.PENDING)
        visit.security_vetted = vetted.exists()
        return {"changed": changed, "guests": visit.guests.filter(removed=False).count()}

    return shared.resubmit(
        visit, actor=actor, revise=revise, substantive=SUBSTANTIVE, comment=comment, task=task
    )


# -- the focal agency (Sở Ngoại vụ) -----------------------------------------------------------


def forward(visit, *, actor, comment="", task=None):
    """The reviewer sends the visit on to the security check of its guests."""
    return shared.forward(visit, Status.SECURITY_CHECK, actor=actor, comment=comment, task=task)


# -- the security check (Công an tỉnh), guest by guest ----------------------------------------


@steps.atomic
def vet_guests(
    visit, *, actor, verdicts: dict, outcome=Outcome.REMOVE, notes="", comment="", task=None
):
    """Record a verdict per guest. An objection removes the guest or returns the request.

    ``verdicts`` maps guest id → (verdict, reason). With ``Outcome.REMOVE`` the objected
    guests leave the delegation and the rest goes to leadership; with ``Outcome.RETURN``
    the request goes back to its unit, and after revision to the same reviewer.
    """
    steps.require_status(visit, Status.SECURITY_CHECK)
    guests = {g.pk: g for g in visit.guests.filter(removed=False)}
    apply_verdicts(guests, verdicts)
    objected = [g for g in guests.values() if g.security_verdict == Guest.Verdict.OBJECTED]
    returning = bool(objected) and outcome == Outcome.RETURN
    if objected and not returning and len(objected) == len(guests):
        raise ValidationError(
            {"outcome": _("Không thể loại toàn bộ khách; hãy trả lại hồ sơ cho đơn vị.")}
        )
    if returning:
        steps.require_comment(comment, _("Hãy ghi rõ nội dung đơn vị cần bổ sung, điều chỉnh."))
    for guest in objected:
        guest.removed = not returning
    Guest.objects.bulk_update(guests.values(), ["security_verdict", "security_note", "removed"])
    visit.security_notes = notes
    visit.security_vetted = True
    visit.returned_from = InboundVisit.Stage.REVIEW if returning else ""
    payload = {
        "verdicts": {str(pk): g.security_verdict for pk, g in guests.items()},
        "removed": [] if returning else [g.pk for g in objected],
    }
    steps.move(
        visit,
        Status.RETURNED if returning else Status.AWAITING_APPROVAL,
        audit.Action.SECURITY_OBJECTED if objected else audit.Action.SECURITY_CLEARED,
        actor=actor,
        role=Role.SECURITY_OFFICER,
        fields=("security_notes", "security_vetted", "returned_from"),
        comment=comment,
        payload=payload,
        task=task,
    )
    _after_vetting(visit, actor=actor, task=task, returning=returning, comment=comment)
    return visit


def _after_vetting(visit, *, actor, task, returning, comment):
    if returning:
        to = [visit.submitted_by, visit.reviewer]
        steps.notify(Event.SECURITY_OBJECTION, visit, to, actor=actor, task=task, comment=comment)
    else:
        steps.notify(Event.TASK_ASSIGNED, visit, [approver_for(visit)], actor=actor, task=task)


@sensitive_variables()
@steps.atomic
def reveal_personal_data(guest: Guest, *, actor, role: Role) -> dict:
    """Return a guest's passport number and date of birth in full, and audit the reveal.

    Whether ``actor`` may see them (the security officer or the reviewer on the task at
    hand) is the caller's business.
    """
    visit = guest.visit
    steps.record(
        audit.Action.PERSONAL_DATA_VIEWED,
        visit,
        actor=actor,
        role=role,
        payload={"guest": guest.pk, "fields": ["passport_number", "date_of_birth"]},
    )
    return {"passport_number": guest.passport_number, "date_of_birth": guest.date_of_birth}


# -- leadership (UBND tỉnh) and the approval letter --------------------------------------------


def approver_for(visit):
    """Return who decides: the Chairman when provincial leaders receive the delegation."""
    province = Province.current()
    if visit.received_by_provincial_leaders:
        return province.chairman
    return province.foreign_affairs_leader or province.chairman


# The reviewer proposes a refusal; the Chairman (his matters) or the agency head decides.
rejection = shared.Rejection(approver_for)


def letter_document(visit) -> Attachment:
    """Return the visit's Word approval letter, made the first time it is asked for."""
    from .visit_documents import approval_letter_docx

    return issued_document(
        visit,
        kind=Attachment.Kind.APPROVAL_LETTER,
        stem="Cong-van",
        missing=_("Hồ sơ chưa có văn bản chấp thuận."),
        build=lambda locked: issuance.with_submission(approval_letter_docx, locked),
    )


def letter_draft(visit, document) -> bytes:
    """The draft approval letter the leader signs: no number, no date (ADR 0012)."""
    from .visit_documents import approval_letter_docx

    return issuance.draft_bytes(approval_letter_docx, visit, document)


# -- after the visit -------------------------------------------------------------------------------


def open_report(visit, *, due_on: datetime.date | None = None, task=None):
    """The delegation has left: ask the unit for its results report, due on ``due_on``
    (default: the "inbound.report" due date, the one its task shows).
    """
    visit.report_due_on = due_on or workdays.due_date("inbound.report", visit.end_date)
    return shared.open_report(visit, task=task)
