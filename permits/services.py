"""Writes on outbound trips (đoàn ra). Every step of the flow calls exactly one of these.

Each function checks the trip is at the step it expects, changes the business status,
writes the audit entry and the notification outbox rows, all in the caller's
transaction; the flow decides what comes next from the status it leaves behind.
``task`` is the viewflow task being completed, passed through to the audit trail.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
import workdays
from notifications import Event, emit
from organizations.models import Province, Role, StaffProfile
from organizations.numbering import issue_number
from organizations.selectors import has_role, principal_for, users_with_role

from .models import Attachment, OutboundTrip, Status, TripMember

REPORT_DUE_DAYS = 15  # results report: 15 days after return (domain research §1.1)
APPROVER_IS_CHAIRMAN_FOR = (
    StaffProfile.LeaderLevel.CHAIRMAN,
    StaffProfile.LeaderLevel.VICE_CHAIRMAN,
)


@dataclass(frozen=True)
class MemberData:
    full_name: str
    position: str
    unit_name: str
    delegation_role: str = TripMember.DelegationRole.MEMBER
    leader_level: str = StaffProfile.LeaderLevel.OTHER
    is_party_committee_managed: bool = False


# -- helpers -----------------------------------------------------------------------------


def trip_url(trip: OutboundTrip) -> str:
    return reverse("outbound_trip", args=[trip.pk])


def _require_status(trip: OutboundTrip, *allowed: str) -> None:
    if trip.status not in allowed:
        raise ValidationError(
            _("Hồ sơ đang ở trạng thái “%(status)s”, không thể thực hiện thao tác này.")
            % {"status": trip.get_status_display()}
        )


def _require_comment(comment: str, message: str) -> None:
    if not comment.strip():
        raise ValidationError({"comment": message})


def _acting(actor, role: Role, unit) -> dict:
    """Return the audit fields for ``actor`` acting as ``role`` in ``unit`` today."""
    on_behalf_of = None
    if actor is not None and unit is not None:
        on_behalf_of = principal_for(actor, role, unit)
    return {"unit": unit, "role": role.value, "on_behalf_of": on_behalf_of}


def _seat(trip, role: Role):
    """Return the unit in which ``role`` acts on ``trip``."""
    if role in (Role.UNIT_STAFF, Role.UNIT_HEAD):
        return trip.unit
    province = Province.current()
    return {
        Role.DEPARTMENT_REVIEWER: province.focal_agency,
        Role.SECURITY_OFFICER: province.security_agency,
        Role.LEADER: province.peoples_committee,
    }[role]


def _record(action, trip, *, actor, role, unit=None, comment="", payload=None, task=None):
    unit = unit if unit is not None else _seat(trip, role)
    audit.record(
        action,
        actor=actor,
        subject=trip,
        task=task,
        process=getattr(task, "process_id", None),
        comment=comment,
        payload=payload,
        **_acting(actor, role, unit),
    )


def _save(trip: OutboundTrip, *fields: str) -> None:
    trip.save(update_fields=[*fields, "status", "updated_at"])


def _move(trip, status, action, *, actor, role, fields=(), comment="", payload=None, task=None):
    """Set ``trip``'s status, save it with ``fields`` and record ``action`` by ``role``."""
    trip.status = status
    _save(trip, *fields)
    _record(action, trip, actor=actor, role=role, comment=comment, payload=payload, task=task)


def _focal_agency():
    return Province.current().focal_agency


def _reviewers():
    agency = _focal_agency()
    return list(users_with_role(Role.DEPARTMENT_REVIEWER, agency)) if agency else []


def _notify(event, trip, to, *, actor, task=None, comment=""):
    recipients = [user for user in to if user is not None and user != actor]
    if recipients:
        emit(
            event,
            subject=trip,
            to=recipients,
            actor=actor,
            task=task,
            url=trip.get_absolute_url(),
            context={"comment": comment} if comment else None,
        )


# -- the unit: submit, revise, withdraw, report ------------------------------------------


def validate_trip(fields: dict, members: list[MemberData]) -> None:
    """Raise ValidationError (field → Vietnamese message) for a trip that cannot be sent."""
    errors = {}
    start, end = fields.get("start_date"), fields.get("end_date")
    if start and end and end < start:
        errors["end_date"] = _("Ngày về phải sau hoặc trùng ngày đi.")
    if not fields.get("countries"):
        errors["countries"] = _("Hãy chọn ít nhất một quốc gia đến.")
    if not members:
        errors["members"] = _("Đoàn phải có ít nhất một thành viên.")
    else:
        heads = [m for m in members if m.delegation_role == TripMember.DelegationRole.HEAD]
        if len(heads) != 1:
            errors["members"] = _("Đoàn phải có đúng một trưởng đoàn.")
    amount = fields.get("funding_amount")
    if amount is not None and amount < 0:
        errors["funding_amount"] = _("Dự toán kinh phí không được âm.")
    if errors:
        raise ValidationError(errors)


def _next_reference(unit, year: int) -> str:
    """Return the next file reference of ``unit`` this year, e.g. ``DR-2026-SCT-007``."""
    number = issue_number(issuer=unit, doc_type="DR", year=year)
    return f"DR-{year}-{unit.code}-{number.sequence:03d}"


def _replace_members(trip: OutboundTrip, members: list[MemberData]) -> None:
    trip.members.all().delete()
    TripMember.objects.bulk_create(
        TripMember(trip=trip, order=index, **member.__dict__)
        for index, member in enumerate(members, start=1)
    )


@transaction.atomic
def submit_trip(*, unit, actor, fields: dict, members: list[MemberData], task=None):
    """Create a trip for ``unit`` and send it to the unit head for endorsement."""
    if not has_role(actor, Role.UNIT_STAFF, unit):
        raise PermissionDenied(_("Bạn không phải cán bộ của đơn vị này."))
    validate_trip(fields, members)
    now = timezone.now()
    trip = OutboundTrip(
        unit=unit,
        submitted_by=actor,
        submitted_at=now,
        status=Status.SUBMITTED,
        reference=_next_reference(unit, timezone.localdate().year),
        **{k: v for k, v in fields.items() if k != "countries"},
    )
    trip.countries = fields["countries"]
    trip.full_clean(exclude=["reference", "submitted_by", "unit", "purpose"])
    trip.save()
    _replace_members(trip, members)
    _record(audit.Action.SUBMITTED, trip, actor=actor, role=Role.UNIT_STAFF, unit=unit, task=task)
    _notify(Event.TASK_QUEUED, trip, users_with_role(Role.UNIT_HEAD, unit), actor=actor, task=task)
    return trip


@transaction.atomic
def resubmit(trip, *, actor, fields: dict, members: list[MemberData], comment="", task=None):
    """Save the submitter's revision and send the trip back to the step that returned it."""
    _require_status(trip, Status.RETURNED)
    validate_trip(fields, members)
    changed = sorted(k for k, v in fields.items() if getattr(trip, k) != v)
    for name, value in fields.items():
        setattr(trip, name, value)
    trip.full_clean(exclude=["reference", "submitted_by", "unit", "purpose"])
    back_to_review = trip.returned_from == OutboundTrip.Stage.REVIEW
    trip.status = Status.IN_REVIEW if back_to_review else Status.SUBMITTED
    trip.returned_from = ""
    trip.security_vetted = False  # new members, not vetted yet
    trip.save()
    _replace_members(trip, members)
    _record(
        audit.Action.RESUBMITTED,
        trip,
        actor=actor,
        role=Role.UNIT_STAFF,
        unit=trip.unit,
        comment=comment,
        payload={"changed": changed, "members": len(members)},
        task=task,
    )
    to = [trip.reviewer] if back_to_review else users_with_role(Role.UNIT_HEAD, trip.unit)
    _notify(Event.TASK_ASSIGNED, trip, to, actor=actor, task=task)
    return trip


@transaction.atomic
def withdraw(trip, *, actor, comment=""):
    """Withdraw a trip that leadership has not yet approved (the submitter only)."""
    if actor != trip.submitted_by:
        raise PermissionDenied(_("Chỉ người lập hồ sơ mới được rút hồ sơ."))
    _require_status(
        trip,
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.RETURNED,
        Status.PARTY_OPINION,
        Status.SECURITY_CHECK,
        Status.AWAITING_APPROVAL,
    )
    _move(
        trip,
        Status.WITHDRAWN,
        audit.Action.WITHDRAWN,
        actor=actor,
        role=Role.UNIT_STAFF,
        comment=comment,
    )
    return trip


def can_withdraw(trip, user) -> bool:
    return user == trip.submitted_by and trip.status in (
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.RETURNED,
        Status.PARTY_OPINION,
        Status.SECURITY_CHECK,
        Status.AWAITING_APPROVAL,
    )


@transaction.atomic
def open_report(trip, *, task=None):
    """The delegation is back: ask the unit for its results report (due in 15 days)."""
    _require_status(trip, Status.APPROVED)
    trip.status = Status.REPORTING
    trip.report_due_on = workdays.due_date("outbound.report", trip.end_date)
    _save(trip, "report_due_on")
    _notify(Event.REPORT_DUE, trip, [trip.submitted_by], actor=None, task=task)
    return trip


@transaction.atomic
def submit_report(trip, *, actor, text: str, task=None):
    """File the results report of a trip that has come back."""
    _require_status(trip, Status.REPORTING)
    if not text.strip():
        raise ValidationError({"text": _("Hãy nhập nội dung báo cáo kết quả chuyến đi.")})
    trip.report_text = text
    trip.report_submitted_at = timezone.now()
    _move(
        trip,
        Status.REPORTED,
        audit.Action.REPORT_SUBMITTED,
        actor=actor,
        role=Role.UNIT_STAFF,
        fields=("report_text", "report_submitted_at"),
        task=task,
    )
    _notify(Event.TASK_ASSIGNED, trip, [trip.reviewer], actor=actor, task=task)
    return trip


# -- the unit head ------------------------------------------------------------------------


@transaction.atomic
def endorse(trip, *, actor, comment="", task=None):
    """The unit head signs the request off to the focal agency."""
    _require_status(trip, Status.SUBMITTED)
    _move(
        trip,
        Status.IN_REVIEW,
        audit.Action.ENDORSED,
        actor=actor,
        role=Role.UNIT_HEAD,
        comment=comment,
        task=task,
    )
    to = [trip.reviewer] if trip.reviewer else _reviewers()
    _notify(Event.TASK_QUEUED, trip, to, actor=actor, task=task)
    return trip


@transaction.atomic
def return_to_submitter(trip, *, actor, comment: str, stage: str, task=None):
    """Send the trip back to its submitter for revision, from endorsement or review."""
    expected = Status.SUBMITTED if stage == OutboundTrip.Stage.ENDORSEMENT else Status.IN_REVIEW
    _require_status(trip, expected)
    _require_comment(comment, _("Hãy ghi rõ nội dung cần chỉnh sửa, bổ sung."))
    by_head = stage == OutboundTrip.Stage.ENDORSEMENT
    if not by_head:
        trip.reviewer = actor
    trip.returned_from = stage
    _move(
        trip,
        Status.RETURNED,
        audit.Action.RETURNED,
        actor=actor,
        role=Role.UNIT_HEAD if by_head else Role.DEPARTMENT_REVIEWER,
        fields=("returned_from", "reviewer"),
        comment=comment,
        task=task,
    )
    _notify(Event.RETURNED, trip, [trip.submitted_by], actor=actor, task=task, comment=comment)
    return trip


# -- the focal agency (Sở Ngoại vụ) ---------------------------------------------------------


@transaction.atomic
def forward(trip, *, actor, comment="", task=None):
    """The reviewer forwards the trip: to the Party opinion step if needed, else security."""
    _require_status(trip, Status.IN_REVIEW)
    trip.reviewer = actor
    to = Status.PARTY_OPINION if trip.needs_party_opinion else Status.SECURITY_CHECK
    _move(
        trip,
        to,
        audit.Action.FORWARDED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        fields=("reviewer",),
        comment=comment,
        payload={"to": to},
        task=task,
    )
    if trip.status == Status.SECURITY_CHECK:
        _notify_security(trip, actor=actor, task=task)
    return trip


def _notify_security(trip, *, actor, task):
    agency = Province.current().security_agency
    if agency:
        to = users_with_role(Role.SECURITY_OFFICER, agency)
        _notify(Event.TASK_QUEUED, trip, to, actor=actor, task=task)


@transaction.atomic
def reject(trip, *, actor, comment: str, task=None):
    """The reviewer or a leader refuses the trip; the flow ends."""
    _require_status(trip, Status.IN_REVIEW, Status.AWAITING_APPROVAL)
    _require_comment(comment, _("Hãy ghi rõ lý do không chấp thuận."))
    by_leader = trip.status == Status.AWAITING_APPROVAL
    if by_leader:
        _refuse_self_decision(trip, actor)
        trip.approver = actor
        trip.decided_at = timezone.now()
    else:
        trip.reviewer = actor
    _move(
        trip,
        Status.REJECTED,
        audit.Action.REJECTED,
        actor=actor,
        role=Role.LEADER if by_leader else Role.DEPARTMENT_REVIEWER,
        fields=("approver", "decided_at", "reviewer"),
        comment=comment,
        task=task,
    )
    _notify(Event.REJECTED, trip, [trip.submitted_by], actor=actor, task=task, comment=comment)
    return trip


@transaction.atomic
def record_party_opinion(trip, *, actor, number: str, date, content: str, comment="", task=None):
    """Record the Party Standing Committee's written opinion, then go to security."""
    _require_status(trip, Status.PARTY_OPINION)
    errors = {}
    if not number.strip():
        errors["number"] = _("Hãy nhập số văn bản ý kiến.")
    if date is None:
        errors["date"] = _("Hãy nhập ngày của văn bản ý kiến.")
    elif date > timezone.localdate():
        errors["date"] = _("Ngày văn bản không được sau ngày hôm nay.")
    if not content.strip():
        errors["content"] = _("Hãy tóm tắt nội dung ý kiến.")
    if errors:
        raise ValidationError(errors)
    trip.party_opinion_number = number.strip()
    trip.party_opinion_date = date
    trip.party_opinion_content = content
    _move(
        trip,
        Status.SECURITY_CHECK,
        audit.Action.PARTY_OPINION_RECORDED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        fields=("party_opinion_number", "party_opinion_date", "party_opinion_content"),
        comment=comment,
        payload={"number": trip.party_opinion_number, "date": date.isoformat()},
        task=task,
    )
    _notify_security(trip, actor=actor, task=task)
    return trip


@transaction.atomic
def acknowledge(trip, *, actor, comment="", task=None):
    """The focal agency accepts the results report; the matter is complete."""
    _require_status(trip, Status.REPORTED)
    _move(
        trip,
        Status.COMPLETED,
        audit.Action.ACKNOWLEDGED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        comment=comment,
        task=task,
    )
    return trip


# -- the security check (Công an tỉnh) ------------------------------------------------------


@transaction.atomic
def security_check(trip, *, actor, verdicts: dict, notes="", comment="", task=None):
    """Record a verdict per member; any objection sends the trip back to the reviewer.

    ``verdicts`` maps member id → (verdict, note). Every member needs a verdict, and an
    objection needs its reason.
    """
    _require_status(trip, Status.SECURITY_CHECK)
    members = {m.pk: m for m in trip.members.all()}
    apply_verdicts(members, verdicts)
    TripMember.objects.bulk_update(members.values(), ["security_verdict", "security_note"])
    objected = [m for m in members.values() if m.security_verdict == TripMember.Verdict.OBJECTED]
    trip.security_notes = notes
    trip.security_vetted = True
    _move(
        trip,
        Status.IN_REVIEW if objected else Status.AWAITING_APPROVAL,
        audit.Action.SECURITY_OBJECTED if objected else audit.Action.SECURITY_CLEARED,
        actor=actor,
        role=Role.SECURITY_OFFICER,
        fields=("security_notes", "security_vetted"),
        comment=comment,
        payload={"verdicts": {str(pk): m.security_verdict for pk, m in members.items()}},
        task=task,
    )
    if objected:
        to = [trip.reviewer] if trip.reviewer else _reviewers()
        _notify(Event.SECURITY_OBJECTION, trip, to, actor=actor, task=task, comment=comment)
    else:
        _notify(Event.TASK_ASSIGNED, trip, [approver_for(trip)], actor=actor, task=task)
    return trip


def apply_verdicts(people: dict, verdicts: dict) -> None:
    """Set each person's verdict and note from ``verdicts`` (id → (verdict, note)).

    Raise ValidationError unless every person has a verdict and every objection a reason.
    """
    errors = []
    for pk, person in people.items():
        verdict, note = verdicts.get(pk, (TripMember.Verdict.PENDING, ""))
        if verdict == TripMember.Verdict.PENDING:
            errors.append(_("Chưa có kết quả thẩm tra cho %(name)s.") % {"name": person.full_name})
        elif verdict == TripMember.Verdict.OBJECTED and not note.strip():
            errors.append(
                _("Hãy ghi lý do không đồng ý với %(name)s.") % {"name": person.full_name}
            )
        person.security_verdict, person.security_note = verdict, note.strip()
    if errors:
        raise ValidationError({"verdicts": errors})


# -- leadership (UBND tỉnh) ------------------------------------------------------------------


def approver_for(trip):
    """Return the leader who decides: the Chairman when a Vice-Chairman or above leads."""
    province = Province.current()
    head = trip.head
    if head is not None and head.leader_level in APPROVER_IS_CHAIRMAN_FOR:
        return province.chairman
    return province.foreign_affairs_leader or province.chairman


def _refuse_self_decision(trip, actor):
    # A visit has guests, not members: only its submitter is refused.
    members = getattr(trip, "members", None)
    if actor == trip.submitted_by or (members is not None and members.filter(user=actor).exists()):
        raise PermissionDenied(_("Người lập hồ sơ hoặc thành viên đoàn không được tự phê duyệt."))


@transaction.atomic
def approve(trip, *, actor, comment="", task=None):
    """A leader approves the trip; the decision is issued right after (issue_decision)."""
    _require_status(trip, Status.AWAITING_APPROVAL)
    _refuse_self_decision(trip, actor)
    trip.approver = actor
    trip.decided_at = timezone.now()
    _move(
        trip,
        Status.APPROVED,
        audit.Action.APPROVED,
        actor=actor,
        role=Role.LEADER,
        fields=("approver", "decided_at"),
        comment=comment,
        task=task,
    )
    to = [trip.submitted_by, trip.reviewer]
    _notify(Event.APPROVED, trip, to, actor=actor, task=task, comment=comment)
    return trip


@transaction.atomic
def return_to_department(trip, *, actor, comment: str, task=None):
    """A leader sends the trip back to the focal agency's reviewer."""
    _require_status(trip, Status.AWAITING_APPROVAL)
    _require_comment(comment, _("Hãy ghi rõ nội dung cần cơ quan ngoại vụ làm rõ."))
    _move(
        trip,
        Status.IN_REVIEW,
        audit.Action.RETURNED,
        actor=actor,
        role=Role.LEADER,
        comment=comment,
        payload={"to": "department"},
        task=task,
    )
    to = [trip.reviewer] if trip.reviewer else _reviewers()
    _notify(Event.RETURNED, trip, to, actor=actor, task=task, comment=comment)
    return trip


@transaction.atomic
def issue_decision(trip, *, task=None):
    """Number the decision (gap-free, per issuer, type and year) in the approving step.

    The Word file is made from the number, date and signer on first download
    (``decision_document``), outside the step: building it inside would hold the audit
    chain's lock, and with it every other step of the province, for a tenth of a second.
    """
    _require_status(trip, Status.APPROVED)
    province = Province.current()
    issuer = province.peoples_committee
    today = timezone.localdate()
    number = issue_number(issuer=issuer, doc_type="QĐ", year=today.year)
    trip.decision_number = number.text
    trip.decision_date = today
    _save(trip, "decision_number", "decision_date")
    _record(
        audit.Action.DECISION_ISSUED,
        trip,
        actor=trip.approver,
        role=Role.LEADER,
        unit=issuer,
        payload={"number": number.text},
        task=task,
    )
    return trip


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@transaction.atomic
def decision_document(trip) -> Attachment:
    """Return the trip's Word decision, making and storing it the first time it is asked for."""
    from .documents import decision_docx

    if not trip.decision_number:
        raise ValidationError(_("Hồ sơ chưa có quyết định."))
    sequence = trip.decision_number.split("/")[0]
    return stored_document(
        trip,
        kind=Attachment.Kind.DECISION,
        name=f"Quyet-dinh-{sequence}-{trip.decision_date.year}-{trip.reference}.docx",
        build=lambda locked: decision_docx(
            locked,
            number=locked.decision_number,
            signed_on=locked.decision_date,
            signer=locked.approver,
        ),
    )


@transaction.atomic
def stored_document(owner, *, kind: str, name: str, build) -> Attachment:
    """Return ``owner``'s generated ``kind`` file, storing ``build(owner)`` the first time.

    The owner's row is locked first, so two first downloads make one file.
    """
    owner = type(owner).objects.select_for_update().get(pk=owner.pk)
    existing = owner.attachments.filter(kind=kind).first()
    if existing is not None:
        return existing
    return _attach_generated(owner, build(owner), kind=kind, name=name)


def _attach_generated(owner, content: bytes, *, kind: str, name: str) -> Attachment:
    """Store a document the system produced itself on a trip or visit (no upload checks)."""
    from .uploads import owner_fields

    attachment = Attachment(
        **owner_fields(owner),
        kind=kind,
        original_name=name,
        content_type=DOCX_TYPE,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        created_at=timezone.now(),
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment
