"""The steps of a consular case, each one atomic with its audit entry and notifications.

    case = record_case(actor=hoa, role=Role.DEPARTMENT_REVIEWER, fields={...}, persons=[...])
    record_notice(case, actor=hoa, target="ministry", at=..., document="12/SNV-LS")
    change_status(case, actor=hoa, status=Status.RELEASED, comment="...")
    close_case(case, actor=hoa, resolution="...")

The legal basis, and what of it could not be verified, is in docs/flows.md.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

import audit
from matters import steps
from notifications import Event
from organizations.models import Province, Role

from .models import CasePerson, ConsularCase, Group, Incident, Status

REFERENCE_PREFIX = "LS"
NOTICE_TARGETS = ("ministry", "representation")


def _followers(case) -> list:
    """Return who is told about a case: its reviewer (or every reviewer) and the recorder."""
    return [*steps.reviewer_or_reviewers(case), case.submitted_by]


def _initial_status(group: str, incident: str) -> str:
    detained = group == Group.FISHERMEN or incident == Incident.ARREST
    return Status.DETAINED if detained and group != Group.FOREIGNER else Status.RECORDED


@sensitive_variables("persons")
@steps.atomic
def record_case(*, actor, role: Role, fields: dict, persons: list[dict]) -> ConsularCase:
    """Record a new case with its persons, and tell the focal agency."""
    fields = dict(fields)
    owner = fields.pop("vessel_owner", "")
    seat = Province.current().focal_agency
    if role == Role.SECURITY_OFFICER:
        seat = Province.current().security_agency
        if fields["group"] != Group.FOREIGNER:
            raise ValidationError(_("Công an tỉnh chỉ ghi nhận vụ việc người nước ngoài gặp nạn."))
    now = timezone.now()
    case = ConsularCase(
        **fields,
        unit=seat,
        submitted_by=actor,
        reviewer=actor if role == Role.DEPARTMENT_REVIEWER else None,
        status=_initial_status(fields["group"], fields["incident"]),
        last_activity_at=now,
    )
    case.vessel_owner = owner
    case.reference = steps.next_reference(REFERENCE_PREFIX, seat, case.occurred_on.year)
    case.full_clean(exclude=["unit", "submitted_by", "reviewer", "reference"])
    case.save()
    add_persons(case, persons)
    steps.record(
        audit.Action.CREATED,
        case,
        actor=actor,
        role=role,
        unit=seat,
        payload={"group": case.group, "incident": case.incident, "persons": len(persons)},
    )
    to = [*steps.reviewers(), *steps.department(Role.DEPARTMENT_HEAD)]
    steps.notify(Event.CONSULAR_CASE, case, to, actor=actor)
    return case


def add_persons(case, persons: list[dict]) -> None:
    """Write ``persons`` (name, document_number, date_of_birth, nationality, note)."""
    rows = []
    start = case.persons.count()
    for n, data in enumerate(persons, start=start + 1):
        person = CasePerson(
            case=case, order=n, nationality=data.get("nationality", ""), note=data.get("note", "")
        )
        person.full_name = data["full_name"]
        person.document_number = data.get("document_number", "")
        person.date_of_birth = data.get("date_of_birth")
        rows.append(person)
    CasePerson.objects.bulk_create(rows)


def _touch(case, action, *, actor, comment="", payload=None, fields=()):
    """Save ``fields`` of ``case``, record ``action`` and tell its followers."""
    case.last_activity_at = timezone.now()
    if case.reviewer_id is None:
        case.reviewer = actor
        fields = (*fields, "reviewer")
    case.save(update_fields=[*fields, "status", "last_activity_at", "updated_at"])
    steps.record(
        action, case, actor=actor, role=Role.DEPARTMENT_REVIEWER, comment=comment, payload=payload
    )
    key = f"consular-{case.pk}-{case.last_activity_at.isoformat()}"
    steps.notify(
        Event.CONSULAR_UPDATE, case, _followers(case), actor=actor, comment=comment, key=key
    )


def _require_reviewer(case, actor) -> None:
    steps.require_seat(case, actor, Role.DEPARTMENT_REVIEWER)


def _require_open(case) -> None:
    if not case.is_open:
        raise ValidationError(_("Vụ việc đã kết thúc, không thể cập nhật."))


@steps.atomic
def record_notice(
    case, *, actor, target: str, at: datetime.datetime, document: str, representation: str = ""
) -> ConsularCase:
    """Record the notice given to the ministry's Consular Department or to the foreign
    representation: when, and by which document."""
    _require_reviewer(case, actor)
    _require_open(case)
    if target not in NOTICE_TARGETS:
        raise ValidationError(_("Nơi nhận thông báo không hợp lệ."))
    if not document.strip():
        raise ValidationError({"document": _("Hãy ghi số, ký hiệu văn bản hoặc hình thức báo.")})
    if at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"at": _("Thời điểm thông báo không được ở tương lai.")})
    if target == "ministry":
        case.ministry_notified_at, case.ministry_notice = at, document.strip()
        fields = ("ministry_notified_at", "ministry_notice")
    else:
        if not (representation.strip() or case.representation):
            raise ValidationError({"representation": _("Hãy ghi tên cơ quan đại diện.")})
        case.representation = representation.strip() or case.representation
        case.representation_notified_at = at
        case.representation_notice = document.strip()
        fields = ("representation", "representation_notified_at", "representation_notice")
    payload = {"step": f"{target}_notified", "at": at.isoformat(), "document": document.strip()}
    _touch(case, audit.Action.UPDATED, actor=actor, payload=payload, fields=fields)
    return case


@steps.atomic
def add_note(case, *, actor, comment: str) -> ConsularCase:
    """Record what was done on the case (a visit, a call, a document received)."""
    _require_reviewer(case, actor)
    _require_open(case)
    steps.require_comment(comment, _("Hãy ghi nội dung cập nhật."))
    _touch(case, audit.Action.COMMENTED, actor=actor, comment=comment.strip())
    return case


@steps.atomic
def change_status(case, *, actor, status: str, comment: str = "") -> ConsularCase:
    """Move the persons of a case on (detained → released → repatriated)."""
    _require_reviewer(case, actor)
    _require_open(case)
    if status == Status.CLOSED:
        raise ValidationError(_("Hãy dùng chức năng kết thúc vụ việc và ghi kết quả giải quyết."))
    if status not in case.next_statuses():
        raise ValidationError(
            {
                "status": _("Không thể chuyển từ “%(now)s” sang “%(to)s”.")
                % {"now": case.get_status_display(), "to": Status(status).label}
            }
        )
    before = case.status
    case.status = status
    payload = {"step": "status_changed", "from": before, "to": status}
    _touch(case, audit.Action.UPDATED, actor=actor, comment=comment.strip(), payload=payload)
    return case


@steps.atomic
def close_case(case, *, actor, resolution: str, closed_on: datetime.date | None = None):
    """Close a case with how it was resolved.

    A foreigner's case closes only once the ministry's Consular Department was told.
    """
    _require_reviewer(case, actor)
    _require_open(case)
    steps.require_comment(resolution, _("Hãy ghi kết quả giải quyết vụ việc."))
    if case.group == Group.FOREIGNER and case.ministry_notified_at is None:
        raise ValidationError(
            _(
                "Chưa ghi nhận việc thông báo cho Cục Lãnh sự, Bộ Ngoại giao; "
                "hãy ghi trước khi kết thúc."
            )
        )
    if Status.CLOSED not in case.next_statuses():
        raise ValidationError(_("Vụ việc không thể kết thúc ở tình trạng này."))
    case.status = Status.CLOSED
    case.resolution = resolution.strip()
    case.closed_on = closed_on or timezone.localdate()
    payload = {"step": "closed", "closed_on": case.closed_on.isoformat()}
    _touch(
        case, audit.Action.UPDATED, actor=actor, payload=payload, fields=("resolution", "closed_on")
    )
    return case


@sensitive_variables()
@steps.atomic
def reveal_person(person: CasePerson, *, actor, role: Role) -> dict:
    """Return a person's name, document number and date of birth in full; audit it.

    Whether ``actor`` may see them is the caller's business (``selectors``).
    """
    steps.record(
        audit.Action.PERSONAL_DATA_VIEWED,
        person.case,
        actor=actor,
        role=role,
        payload={"person": person.pk, "fields": ["full_name", "document_number", "date_of_birth"]},
    )
    return {
        "full_name": person.full_name,
        "document_number": person.document_number,
        "date_of_birth": person.date_of_birth,
    }
