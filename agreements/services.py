"""Writes on international agreements. Every step of the flow calls exactly one of these.

As for trips (``permits.services``, whose helpers these reuse): each function checks the
agreement is at the step it expects, changes the business status, writes the audit
entry and the notification outbox rows in the caller's transaction; the flow decides
what comes next from the status left behind. ``task`` is the viewflow task completed.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
import workdays
from notifications import Event, emit
from organizations.models import Province, Role
from organizations.numbering import issue_number
from organizations.selectors import has_role, users_with_role
from permits.services import _notify, _record, _require_comment, _require_status, _save

from .models import (
    LIFE_CYCLE_STATUSES,
    SIGNED_STATUSES,
    Agreement,
    ImplementationReport,
    Opinion,
    Status,
)

REPORT_DUE_DAYS = 15  # report to the Prime Minister and MOFA, days after signing
FIELDS = (
    "title",
    "kind",
    "field",
    "partner",
    "partner_kind",
    "partner_country",
    "purpose",
    "content",
    "term",
    "proposed_signer",
    "signer_level",
)
WITHDRAWABLE = (
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.RETURNED,
    Status.CONSULTING,
    Status.SYNTHESIS,
    Status.AWAITING_APPROVAL,
)

# -- helpers -----------------------------------------------------------------------------


def _seat(agreement, role: Role, agency=None):
    """Return the unit in which ``role`` acts on ``agreement``."""
    if agency is not None:
        return agency
    if role in (Role.UNIT_STAFF, Role.UNIT_HEAD):
        return agreement.unit
    province = Province.current()
    if role == Role.LEADER:
        return province.peoples_committee
    return province.focal_agency  # department reviewer and head


def _move(agreement, status, action, *, actor, role, fields=(), agency=None, **entry):
    """Set the status, save it with ``fields`` and record ``action`` by ``role``."""
    agreement.status = status
    _save(agreement, *fields)
    _record(action, agreement, actor=actor, role=role, unit=_seat(agreement, role, agency), **entry)


def _department(role: Role) -> list:
    agency = Province.current().focal_agency
    return list(users_with_role(role, agency)) if agency else []


def _require_role(actor, role: Role, unit) -> None:
    if not has_role(actor, role, unit):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def validate(fields: dict) -> None:
    """Raise ValidationError (field → Vietnamese message) for a proposal that cannot be sent."""
    errors = {
        name: _("Trường này là bắt buộc.")
        for name in ("title", "partner", "partner_country", "purpose", "content")
        if not str(fields.get(name) or "").strip()
    }
    if errors:
        raise ValidationError(errors)


def _next_reference(unit, year: int) -> str:
    """Return the next reference of ``unit`` this year, e.g. ``TT-2026-SCT-001``."""
    number = issue_number(issuer=unit, doc_type="TT", year=year)
    return f"TT-{year}-{unit.code}-{number.sequence:03d}"


# -- the proposing unit ----------------------------------------------------------------------


@transaction.atomic
def submit(*, unit, actor, fields: dict, task=None) -> Agreement:
    """Create a proposal of ``unit`` and send it to the unit head for endorsement."""
    if not has_role(actor, Role.UNIT_STAFF, unit):
        raise PermissionDenied(_("Bạn không phải cán bộ của đơn vị này."))
    validate(fields)
    agreement = Agreement(
        unit=unit,
        submitted_by=actor,
        submitted_at=timezone.now(),
        status=Status.SUBMITTED,
        reference=_next_reference(unit, timezone.localdate().year),
        **{name: fields[name] for name in FIELDS if name in fields},
    )
    agreement.full_clean(exclude=["reference", "submitted_by", "unit"])
    agreement.save()
    _record(
        audit.Action.SUBMITTED, agreement, actor=actor, role=Role.UNIT_STAFF, unit=unit, task=task
    )
    heads = users_with_role(Role.UNIT_HEAD, unit)
    _notify(Event.TASK_QUEUED, agreement, heads, actor=actor, task=task)
    return agreement


@transaction.atomic
def resubmit(agreement, *, actor, fields: dict, comment="", task=None) -> Agreement:
    """Save the submitter's revision and send it back to the step that returned it."""
    _require_status(agreement, Status.RETURNED)
    validate(fields)
    changed = sorted(k for k, v in fields.items() if k in FIELDS and getattr(agreement, k) != v)
    for name in FIELDS:
        if name in fields:
            setattr(agreement, name, fields[name])
    agreement.full_clean(exclude=["reference", "submitted_by", "unit"])
    back_to_review = agreement.returned_from == Agreement.Stage.REVIEW
    agreement.returned_from = ""
    _move(
        agreement,
        Status.IN_REVIEW if back_to_review else Status.SUBMITTED,
        audit.Action.RESUBMITTED,
        actor=actor,
        role=Role.UNIT_STAFF,
        fields=(*FIELDS, "returned_from"),
        comment=comment,
        payload={"changed": changed},
        task=task,
    )
    to = [agreement.reviewer] if back_to_review else users_with_role(Role.UNIT_HEAD, agreement.unit)
    _notify(Event.TASK_ASSIGNED, agreement, to, actor=actor, task=task)
    return agreement


# Who may take each action on the agreement page, whatever the agreement's state: the
# page refuses (403) anyone else before reading the form.
SIDE_ACTION_SEATS = {
    "escalate": Role.LEADER,
    "report": Role.DEPARTMENT_REVIEWER,
    "life_cycle": Role.DEPARTMENT_REVIEWER,
    "cancel_opinion": Role.DEPARTMENT_REVIEWER,
    "implementation": Role.UNIT_STAFF,
}


def holds_seat_for(agreement, user, action: str) -> bool:
    """Return True if ``user`` is the one who may take ``action`` on ``agreement``."""
    if action == "withdraw":
        return user == agreement.submitted_by
    role = SIDE_ACTION_SEATS[action]
    unit = agreement.unit if role == Role.UNIT_STAFF else _seat(agreement, role)
    return has_role(user, role, unit)


def can_withdraw(agreement, user) -> bool:
    return user == agreement.submitted_by and agreement.status in WITHDRAWABLE


@transaction.atomic
def withdraw(agreement, *, actor, comment="") -> Agreement:
    """Withdraw a proposal not yet decided (the submitter only)."""
    if actor != agreement.submitted_by:
        raise PermissionDenied(_("Chỉ người lập hồ sơ mới được rút hồ sơ."))
    _require_status(agreement, *WITHDRAWABLE)
    _move(
        agreement,
        Status.WITHDRAWN,
        audit.Action.WITHDRAWN,
        actor=actor,
        role=Role.UNIT_STAFF,
        comment=comment,
    )
    return agreement


# -- the unit head and the department's review -------------------------------------------


@transaction.atomic
def endorse(agreement, *, actor, comment="", task=None) -> Agreement:
    """The unit head signs the proposal off to the focal agency."""
    _require_status(agreement, Status.SUBMITTED)
    _move(
        agreement,
        Status.IN_REVIEW,
        audit.Action.ENDORSED,
        actor=actor,
        role=Role.UNIT_HEAD,
        comment=comment,
        task=task,
    )
    to = [agreement.reviewer] if agreement.reviewer else _department(Role.DEPARTMENT_REVIEWER)
    _notify(Event.TASK_QUEUED, agreement, to, actor=actor, task=task)
    return agreement


@transaction.atomic
def return_to_submitter(agreement, *, actor, comment: str, stage: str, task=None):
    """Send the proposal back to its submitter, from endorsement or from review."""
    by_head = stage == Agreement.Stage.ENDORSEMENT
    _require_status(agreement, Status.SUBMITTED if by_head else Status.IN_REVIEW)
    _require_comment(comment, _("Hãy ghi rõ nội dung cần chỉnh sửa, bổ sung."))
    if not by_head:
        agreement.reviewer = actor
    agreement.returned_from = stage
    _move(
        agreement,
        Status.RETURNED,
        audit.Action.RETURNED,
        actor=actor,
        role=Role.UNIT_HEAD if by_head else Role.DEPARTMENT_REVIEWER,
        fields=("returned_from", "reviewer"),
        comment=comment,
        task=task,
    )
    _notify(
        Event.RETURNED, agreement, [agreement.submitted_by], actor=actor, task=task, comment=comment
    )
    return agreement


@transaction.atomic
def accept(agreement, *, actor, comment="", task=None) -> Agreement:
    """The reviewer finds the dossier complete; next they choose whom to consult."""
    _require_status(agreement, Status.IN_REVIEW)
    agreement.reviewer = actor
    _save(agreement, "reviewer")
    _record(
        audit.Action.FORWARDED,
        agreement,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        unit=_seat(agreement, Role.DEPARTMENT_REVIEWER),
        comment=comment,
        payload={"to": "consultation"},
        task=task,
    )
    return agreement


@transaction.atomic
def reject(agreement, *, actor, comment: str, task=None) -> Agreement:
    """The reviewer or the leader refuses the proposal; the flow ends."""
    _require_status(agreement, Status.IN_REVIEW, Status.AWAITING_APPROVAL)
    _require_comment(comment, _("Hãy ghi rõ lý do không chấp thuận."))
    by_leader = agreement.status == Status.AWAITING_APPROVAL
    if by_leader:
        agreement.approver, agreement.decided_at = actor, timezone.now()
    else:
        agreement.reviewer = actor
    _move(
        agreement,
        Status.REJECTED,
        audit.Action.REJECTED,
        actor=actor,
        role=Role.LEADER if by_leader else Role.DEPARTMENT_REVIEWER,
        fields=("approver", "decided_at", "reviewer"),
        comment=comment,
        task=task,
    )
    _notify(
        Event.REJECTED, agreement, [agreement.submitted_by], actor=actor, task=task, comment=comment
    )
    return agreement


# -- consultation -----------------------------------------------------------------------------


@transaction.atomic
def request_opinions(agreement, *, actor, agencies, comment="", task=None) -> list[Opinion]:
    """Ask ``agencies`` and the security agency (always) for their written opinions."""
    _require_status(agreement, Status.IN_REVIEW)
    security = Province.current().security_agency
    if security is None:
        raise ValidationError(_("Chưa cấu hình cơ quan an ninh (Công an tỉnh)."))
    chosen = [security] + [a for a in dict.fromkeys(agencies) if a.pk != security.pk]
    now = timezone.now()
    opinions = Opinion.objects.bulk_create(
        Opinion(agreement=agreement, agency=a, is_security=a == security, requested_at=now)
        for a in chosen
    )
    agreement.reviewer = actor
    _move(
        agreement,
        Status.CONSULTING,
        audit.Action.FORWARDED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        fields=("reviewer",),
        comment=comment,
        payload={"to": "consultation", "agencies": [a.code for a in chosen]},
        task=task,
    )
    for opinion in opinions:
        to = users_with_role(opinion.role, opinion.agency)
        _notify(Event.OPINION_REQUESTED, agreement, to, actor=actor, task=task)
    return opinions


def _close_consultation_if_done(agreement) -> None:
    """Move to synthesis once no opinion is awaited, and tell the department heads."""
    if agreement.opinions.filter(answered_at__isnull=True, cancelled_at__isnull=True).exists():
        return
    agreement.status = Status.SYNTHESIS
    _save(agreement)
    _notify(Event.TASK_QUEUED, agreement, _department(Role.DEPARTMENT_HEAD), actor=None)


@transaction.atomic
def give_opinion(opinion, *, actor, verdict: str, text="", task=None) -> Opinion:
    """Record an agency's opinion; a disagreement needs its reasons."""
    agreement = opinion.agreement
    _require_status(agreement, Status.CONSULTING)
    if not opinion.is_pending:
        raise ValidationError(_("Cơ quan đã cho ý kiến hoặc việc lấy ý kiến đã bị hủy."))
    if verdict not in Opinion.Verdict.values:
        raise ValidationError({"verdict": _("Hãy chọn ý kiến.")})
    if verdict != Opinion.Verdict.AGREE and not text.strip():
        raise ValidationError({"text": _("Hãy ghi rõ ý kiến, điều kiện hoặc lý do.")})
    opinion.verdict, opinion.text = verdict, text
    opinion.answered_at, opinion.answered_by = timezone.now(), actor
    opinion.save(update_fields=["verdict", "text", "answered_at", "answered_by"])
    _record(
        audit.Action.OPINION_GIVEN,
        agreement,
        actor=actor,
        role=opinion.role,
        unit=opinion.agency,
        comment=text,
        payload={"agency": opinion.agency.code, "verdict": verdict, "late": opinion.is_late},
        task=task,
    )
    _close_consultation_if_done(agreement)
    return opinion


@transaction.atomic
def cancel_opinion(opinion, *, actor, comment: str) -> Opinion:
    """The reviewer no longer waits for one agency (never the security agency)."""
    agreement = opinion.agreement
    _require_status(agreement, Status.CONSULTING)
    _require_role(actor, Role.DEPARTMENT_REVIEWER, _seat(agreement, Role.DEPARTMENT_REVIEWER))
    if opinion.is_security:
        raise ValidationError(_("Không thể hủy lấy ý kiến của cơ quan an ninh."))
    if not opinion.is_pending:
        raise ValidationError(_("Cơ quan đã cho ý kiến hoặc việc lấy ý kiến đã bị hủy."))
    _require_comment(comment, _("Hãy ghi rõ lý do hủy lấy ý kiến."))
    opinion.cancelled_at = timezone.now()
    opinion.save(update_fields=["cancelled_at"])
    _record(
        audit.Action.UPDATED,
        agreement,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        unit=_seat(agreement, Role.DEPARTMENT_REVIEWER),
        comment=comment,
        payload={"opinion_cancelled": opinion.agency.code},
    )
    _close_consultation_if_done(agreement)
    return opinion


@transaction.atomic
def synthesize(agreement, *, actor, summary: str, comment="", task=None) -> Agreement:
    """The department head sums the opinions up for leadership; disagreement is flagged."""
    _require_status(agreement, Status.SYNTHESIS)
    if not summary.strip():
        raise ValidationError({"summary": _("Hãy nhập báo cáo tổng hợp ý kiến.")})
    answered = agreement.opinions.filter(cancelled_at__isnull=True)
    agreement.synthesis = summary
    agreement.has_disagreement = answered.filter(verdict=Opinion.Verdict.DISAGREE).exists()
    _move(
        agreement,
        Status.AWAITING_APPROVAL,
        audit.Action.FORWARDED,
        actor=actor,
        role=Role.DEPARTMENT_HEAD,
        fields=("synthesis", "has_disagreement"),
        comment=comment,
        payload={"to": "leadership", "disagreement": agreement.has_disagreement},
        task=task,
    )
    _notify(Event.TASK_ASSIGNED, agreement, [approver_for(agreement)], actor=actor, task=task)
    return agreement


# -- leadership (the Chairman decides, Law 70/2020 Art. 19) -----------------------------------


def approver_for(agreement):
    return Province.current().chairman


@transaction.atomic
def escalate_to_prime_minister(agreement, *, actor, sent_on, comment="") -> Agreement:
    """Record that the province asked the Prime Minister, an agency having disagreed."""
    _require_status(agreement, Status.AWAITING_APPROVAL)
    _require_role(actor, Role.LEADER, _seat(agreement, Role.LEADER))
    if not agreement.has_disagreement:
        raise ValidationError(_("Không có cơ quan nào không đồng ý."))
    if sent_on is None or sent_on > timezone.localdate():
        raise ValidationError({"sent_on": _("Hãy nhập ngày gửi văn bản, không sau hôm nay.")})
    agreement.escalated_on = sent_on
    _save(agreement, "escalated_on")
    _record(
        audit.Action.COMMENTED,
        agreement,
        actor=actor,
        role=Role.LEADER,
        unit=_seat(agreement, Role.LEADER),
        comment=comment,
        payload={"escalated_to": "prime_minister", "sent_on": sent_on.isoformat()},
    )
    return agreement


@transaction.atomic
def approve(agreement, *, actor, comment="", pm_consent="", task=None) -> Agreement:
    """The Chairman approves signing; after a disagreement, only with the PM's consent."""
    _require_status(agreement, Status.AWAITING_APPROVAL)
    if actor == agreement.submitted_by:
        raise PermissionDenied(_("Người lập hồ sơ không được tự phê duyệt."))
    if agreement.has_disagreement and not pm_consent.strip():
        raise ValidationError(
            {"pm_consent": _("Có cơ quan không đồng ý: cần văn bản đồng ý của Thủ tướng.")}
        )
    agreement.approver, agreement.decided_at = actor, timezone.now()
    agreement.pm_consent = pm_consent.strip()
    _move(
        agreement,
        Status.APPROVED,
        audit.Action.APPROVED,
        actor=actor,
        role=Role.LEADER,
        fields=("approver", "decided_at", "pm_consent"),
        comment=comment,
        task=task,
    )
    to = [agreement.submitted_by, agreement.reviewer]
    _notify(Event.APPROVED, agreement, to, actor=actor, task=task, comment=comment)
    return agreement


@transaction.atomic
def return_to_department(agreement, *, actor, comment: str, task=None) -> Agreement:
    """The leader sends the synthesis back to the department head."""
    _require_status(agreement, Status.AWAITING_APPROVAL)
    _require_comment(comment, _("Hãy ghi rõ nội dung cần cơ quan ngoại vụ làm rõ."))
    _move(
        agreement,
        Status.SYNTHESIS,
        audit.Action.RETURNED,
        actor=actor,
        role=Role.LEADER,
        comment=comment,
        payload={"to": "department"},
        task=task,
    )
    to = _department(Role.DEPARTMENT_HEAD)
    _notify(Event.RETURNED, agreement, to, actor=actor, task=task, comment=comment)
    return agreement


# -- after the decision: signing, report, life cycle ------------------------------------------


@transaction.atomic
def record_signing(agreement, *, actor, signing: dict, task=None) -> Agreement:
    """Record the signing (date, place, signer, validity); the agreement joins the registry."""
    _require_status(agreement, Status.APPROVED)
    signed_on, valid_from, valid_until = (
        signing.get(k) for k in ("signed_on", "valid_from", "valid_until")
    )
    if signed_on is None or signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("Hãy nhập ngày ký, không sau hôm nay.")})
    if valid_from and valid_until and valid_until < valid_from:
        raise ValidationError({"valid_until": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})
    for name in ("signed_on", "signed_place", "signed_by", "valid_from", "valid_until"):
        setattr(agreement, name, signing.get(name) or getattr(agreement, name))
    _move(
        agreement,
        Status.SIGNED,
        audit.Action.UPDATED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        fields=("signed_on", "signed_place", "signed_by", "valid_from", "valid_until"),
        payload={"signed_on": signed_on.isoformat()},
        task=task,
    )
    return agreement


def report_due_on(agreement) -> datetime.date | None:
    if agreement.signed_on is None:
        return None
    return workdays.due_date("agreement.report", agreement.signed_on)


@transaction.atomic
def record_report(agreement, *, actor, reported_on) -> Agreement:
    """Record the date of the written report to the Prime Minister (copy to MOFA)."""
    _require_status(agreement, *SIGNED_STATUSES)
    _require_role(actor, Role.DEPARTMENT_REVIEWER, _seat(agreement, Role.DEPARTMENT_REVIEWER))
    if reported_on is None or not agreement.signed_on <= reported_on <= timezone.localdate():
        raise ValidationError({"reported_on": _("Ngày báo cáo phải từ ngày ký đến hôm nay.")})
    agreement.reported_on = reported_on
    agreement.save(update_fields=["reported_on", "updated_at"])
    _record(
        audit.Action.REPORT_SUBMITTED,
        agreement,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        unit=_seat(agreement, Role.DEPARTMENT_REVIEWER),
        payload={"to": "prime_minister", "reported_on": reported_on.isoformat()},
    )
    return agreement


@transaction.atomic
def change_life_cycle(agreement, *, actor, status: str, valid_until=None, comment=""):
    """Record that a signed agreement came into force, was amended, extended or ended."""
    _require_status(agreement, *SIGNED_STATUSES)
    _require_role(actor, Role.DEPARTMENT_REVIEWER, _seat(agreement, Role.DEPARTMENT_REVIEWER))
    if status not in LIFE_CYCLE_STATUSES:
        raise ValidationError({"status": _("Trạng thái không hợp lệ.")})
    if status == Status.EXTENDED and valid_until is None:
        raise ValidationError({"valid_until": _("Hãy nhập ngày hết hiệu lực mới.")})
    if valid_until is not None:
        agreement.valid_until = valid_until
    _move(
        agreement,
        status,
        audit.Action.UPDATED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        fields=("valid_until",),
        comment=comment,
        payload={"life_cycle": status},
    )
    return agreement


@transaction.atomic
def file_implementation_report(agreement, *, actor, year: int, text: str):
    """The proposing unit reports how the agreement was carried out in ``year``."""
    _require_status(agreement, *SIGNED_STATUSES)
    _require_role(actor, Role.UNIT_STAFF, agreement.unit)
    if not text.strip():
        raise ValidationError({"text": _("Hãy nhập nội dung báo cáo.")})
    if agreement.implementation_reports.filter(year=year).exists():
        raise ValidationError({"year": _("Đã có báo cáo của năm này.")})
    report = ImplementationReport.objects.create(
        agreement=agreement, year=year, text=text, submitted_by=actor, submitted_at=timezone.now()
    )
    _record(
        audit.Action.REPORT_SUBMITTED,
        agreement,
        actor=actor,
        role=Role.UNIT_STAFF,
        unit=agreement.unit,
        payload={"implementation_year": year},
    )
    return report


def remind_unreported(today: datetime.date | None = None) -> int:
    """Tell the focal agency about each agreement not yet reported after its due date.

    Each agreement is reminded once (the notification key); return how many were found.
    """
    today = today or timezone.localdate()
    overdue = Agreement.objects.signed().filter(
        reported_on__isnull=True,
        signed_on__lt=today - datetime.timedelta(days=REPORT_DUE_DAYS),
    )
    reviewers = _department(Role.DEPARTMENT_REVIEWER)
    count = 0
    for agreement in overdue.select_related("reviewer"):
        if report_due_on(agreement) >= today:
            continue  # day 15 fell on a day off: the due date, as the page shows it, is later
        to = [agreement.reviewer] if agreement.reviewer else reviewers
        with transaction.atomic():
            emit(
                Event.REPORT_OVERDUE,
                subject=agreement,
                to=to,
                url=agreement.get_absolute_url(),
                key=f"agreement-report-{agreement.pk}",
            )
        count += 1
    return count
