"""Writes on foreign NGO aid. Every step of NgoAidFlow calls one of these.

As for every kind of matter, the shared steps (``matters.services``) and the consultation
(``matters.consultation``) are bound here. What is the aid's own: the dossier and its
amounts (original currency, USD at the recorded rate), the appraising agency the
province designates, the numbered approval decision, the start of the aid, its
disbursements and periodic reports, and the lapse of an approval not acted on.

Legal basis (docs/flows.md): Nghị định 80/2020/NĐ-CP, replaced from 08/12/2025 by Nghị
định 313/2025/NĐ-CP. The time limits are step keys in ``settings.WORKFLOW_DEADLINES``
(``ngo_aid.*``).
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
import workdays
from matters import files, issuance, steps
from matters import services as shared
from matters.consultation import Consultation
from notifications import Event, emit
from organizations.models import Province, Role, Unit
from organizations.selectors import users_with_role

from .models import (
    AidAttachment,
    AidProject,
    Disbursement,
    PeriodicReport,
    Status,
    usd,
)

PREFIX = "VT"  # VT-2026-SYT-001
FIELDS = (
    "donor",
    "title",
    "form",
    "field",
    "objectives",
    "location",
    "beneficiaries",
    "start_date",
    "end_date",
    "currency",
    "amount",
    "usd_rate",
    "rate_date",
    "counterpart_vnd",
)
# What the unit head endorses: a revision that changes one goes back to the head.
SUBSTANTIVE = ("donor", "objectives", "amount", "currency", "start_date", "end_date")
WITHDRAWABLE = (
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.RETURNED,
    Status.REJECTION_PROPOSED,
    Status.CONSULTING,
    Status.SYNTHESIS,
    Status.AWAITING_APPROVAL,
)


def appraising_agency() -> Unit | None:
    """Return the unit the province designates to appraise aid (settings, by unit code).

    None (no setting, or no such unit) means the focal agency for foreign affairs.
    """
    code = getattr(settings, "NGO_AID_APPRAISING_AGENCY", "")
    return Unit.objects.filter(code=code).first() if code else None


def report_every_months() -> int:
    return int(getattr(settings, "NGO_AID_REPORT_MONTHS", 6))


# -- the aid owner (chủ khoản viện trợ) ---------------------------------------------------


def _apply(project, fields: dict) -> list[str]:
    """Set ``fields`` on ``project``, check them; return the names that changed."""
    stored = AidProject.objects.filter(pk=project.pk).first() if project.pk else None
    changed = sorted(
        name
        for name, value in fields.items()
        if name in FIELDS and stored is not None and getattr(stored, name) != value
    )
    for name in FIELDS:
        if name in fields:
            setattr(project, name, fields[name])
    project.currency = (project.currency or "").strip().upper()
    errors = {}
    if len(project.currency) != 3 or not project.currency.isalpha():
        errors["currency"] = _("Hãy nhập mã loại tiền gồm 3 chữ cái (ISO 4217), ví dụ USD, EUR.")
    if project.currency == "USD":
        project.usd_rate = Decimal(1)
    if project.amount is None or project.amount <= 0:
        errors["amount"] = _("Giá trị khoản viện trợ phải lớn hơn 0.")
    if project.usd_rate is None or project.usd_rate <= 0:
        errors["usd_rate"] = _("Tỷ giá quy đổi phải lớn hơn 0.")
    if project.counterpart_vnd is not None and project.counterpart_vnd < 0:
        errors["counterpart_vnd"] = _("Vốn đối ứng không được âm.")
    if errors:
        raise ValidationError(errors)
    project.amount_usd = usd(project.amount, project.usd_rate)
    project.full_clean(exclude=["reference", "submitted_by", "unit"])
    return changed


@steps.atomic
def submit(*, unit, actor, fields: dict, task=None) -> AidProject:
    """Create ``unit``'s request for approval of an aid and send it to its head."""
    shared.require_staff(actor, unit)
    project = shared.new_matter(
        AidProject, PREFIX, unit=unit, actor=actor, report_every_months=report_every_months()
    )
    _apply(project, fields)
    project.save()
    return shared.submitted(project, actor=actor, task=task)


def resubmit(project, *, actor, fields: dict, comment="", task=None) -> AidProject:
    """Save the submitter's revision and send it back to the step that returned it."""
    return shared.resubmit(
        project,
        actor=actor,
        revise=lambda project: {"changed": _apply(project, fields)},
        substantive=SUBSTANTIVE,
        comment=comment,
        task=task,
    )


can_withdraw, withdraw = shared.withdrawal(WITHDRAWABLE)


# -- the unit head and the appraising agency ------------------------------------------------

endorse = shared.endorse
return_to_submitter = shared.return_to_submitter
reject = shared.reject
acknowledge = shared.acknowledge

# The agencies consulted answer within the regulation's limit ("ngo_aid.opinion").
consultation = Consultation(
    step_key="ngo_aid.opinion",
    asked_in=Status.IN_REVIEW,
    consulting=Status.CONSULTING,
    answered=Status.SYNTHESIS,
)
accept = consultation.accept
request_opinions = consultation.request
give_opinion = consultation.give
cancel_opinion = consultation.cancel


def synthesize(project, *, actor, summary: str, comment="", task=None) -> AidProject:
    """The appraising agency's head reports the appraisal to the People's Committee."""
    return consultation.synthesize(
        project, actor=actor, summary=summary, to=approver_for(project), comment=comment, task=task
    )


# -- the People's Committee (Chủ tịch UBND tỉnh approves the aid) ---------------------------


def approver_for(project):
    """Return who decides: the Chairman (or, where none is set, the leader in charge of
    foreign affairs, who signs for him)."""
    province = Province.current()
    return province.chairman or province.foreign_affairs_leader


# The reviewer proposes a refusal; the Chairman (his matters) or the agency head decides.
rejection = shared.Rejection(approver_for)


def approve(project, *, actor, comment="", task=None) -> AidProject:
    return shared.approve(project, actor=actor, comment=comment, task=task)


def return_to_department(project, *, actor, comment: str, task=None) -> AidProject:
    """The leader sends the appraisal back to the appraising agency's head."""
    return shared.return_to_department(
        project,
        actor=actor,
        comment=comment,
        status=Status.SYNTHESIS,
        to=steps.department(Role.DEPARTMENT_HEAD, project),
        task=task,
    )


def decision_draft(project, document) -> bytes:
    """The draft decision the leader signs: no number, no date (ADR 0012)."""
    from .documents import decision_docx

    return issuance.draft_bytes(decision_docx, project, document)


def decision_document(project) -> AidAttachment:
    """Return the project's Word approval decision, made the first time it is asked for."""
    from .documents import decision_docx

    return files.issued_document(
        project,
        model=AidAttachment,
        kind=AidAttachment.Kind.DECISION,
        stem="Quyet-dinh",
        missing=_("Hồ sơ chưa có quyết định phê duyệt."),
        build=lambda locked: issuance.with_submission(decision_docx, locked),
    )


# -- implementation: start, disbursements, periodic reports, the end -------------------------


def lapse_due_on(project) -> datetime.date:
    """Return the last day the aid may start before its approval lapses."""
    return workdays.due_date("ngo_aid.lapse", project.decision_date)


def lapse_warning_on(project) -> datetime.date:
    """Return the day the aid owner is warned that the approval is about to lapse."""
    return workdays.due_date("ngo_aid.lapse_warning", project.decision_date)


@steps.atomic
def record_start(project, *, actor, started_on, comment="", task=None) -> AidProject:
    """The aid owner reports the day the aid started; reports are due from then on."""
    steps.require_status(project, Status.ISSUED)
    steps.require_role(actor, Role.UNIT_STAFF, project.unit)
    today = timezone.localdate()
    if started_on is None or not project.decision_date <= started_on <= today:
        raise ValidationError(
            {"started_on": _("Ngày bắt đầu thực hiện phải từ ngày phê duyệt đến hôm nay.")}
        )
    project.started_on = started_on
    steps.move(
        project,
        Status.IMPLEMENTING,
        audit.Action.UPDATED,
        actor=actor,
        role=Role.UNIT_STAFF,
        fields=("started_on",),
        comment=comment,
        payload={"started_on": started_on.isoformat()},
        task=task,
    )
    return project


def _months_later(day: datetime.date, months: int) -> datetime.date:
    """Return the same day ``months`` later (the month's last day where it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def next_period(project) -> tuple[datetime.date, datetime.date, bool]:
    """Return the period the aid owner reports on next: (first day, last day, final).

    Periods run ``report_every_months`` from the start; the last one ends with the aid.
    """
    last = project.reports.order_by("-period_end").first()
    begin = (last.period_end + datetime.timedelta(days=1)) if last else project.started_on
    end = _months_later(begin, project.report_every_months) - datetime.timedelta(days=1)
    end_date = max(project.end_date, begin)
    if end >= end_date:
        return begin, end_date, True
    return begin, end, False


def report_due_on(project) -> datetime.date:
    """Return the due date of the next periodic report (the one its task shows)."""
    return workdays.due_date("ngo_aid.report", next_period(project)[1])


@steps.atomic
def submit_periodic_report(project, *, actor, text: str, task=None) -> PeriodicReport:
    """File the report on the current period; the final one closes the implementation."""
    steps.require_status(project, Status.IMPLEMENTING)
    steps.require_role(actor, Role.UNIT_STAFF, project.unit)
    if not text.strip():
        raise ValidationError({"text": _("Hãy nhập nội dung báo cáo.")})
    begin, end, final = next_period(project)
    report = PeriodicReport.objects.create(
        project=project,
        period_start=begin,
        period_end=end,
        final=final,
        text=text,
        submitted_by=actor,
        submitted_at=timezone.now(),
    )
    payload = {"period": [begin.isoformat(), end.isoformat()], "final": final}
    if final:
        project.report_submitted_at = report.submitted_at
        steps.move(
            project,
            Status.REPORTED,
            audit.Action.REPORT_SUBMITTED,
            actor=actor,
            role=Role.UNIT_STAFF,
            payload=payload,
            task=task,
        )
        steps.notify(
            Event.TASK_ASSIGNED, project, steps.reviewer_or_reviewers(project), actor=actor
        )
    else:
        steps.record(
            audit.Action.REPORT_SUBMITTED,
            project,
            actor=actor,
            role=Role.UNIT_STAFF,
            payload=payload,
            task=task,
        )
    return report


def _decimal(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: _("Số tiền không hợp lệ.")}) from None
    if not number.is_finite() or number <= 0:
        raise ValidationError({field: _("Số tiền phải lớn hơn 0.")})
    return number.quantize(Decimal("0.01"))


@steps.atomic
def record_disbursement(project, *, actor, disbursed_on, amount, note="") -> Disbursement:
    """The aid owner records what the donor disbursed on a day, in the original currency.

    The total may not exceed the amount approved.
    """
    project = AidProject.objects.select_for_update().get(pk=project.pk)
    steps.require_status(project, Status.IMPLEMENTING, Status.REPORTED)
    steps.require_role(actor, Role.UNIT_STAFF, project.unit)
    amount = _decimal(amount, "amount")
    today = timezone.localdate()
    if disbursed_on is None or not project.started_on <= disbursed_on <= today:
        raise ValidationError(
            {"disbursed_on": _("Ngày giải ngân phải từ ngày bắt đầu thực hiện đến hôm nay.")}
        )
    so_far = project.disbursements.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if so_far + amount > project.amount:
        raise ValidationError(
            {"amount": _("Tổng số đã giải ngân vượt giá trị khoản viện trợ đã phê duyệt.")}
        )
    row = Disbursement.objects.create(
        project=project,
        disbursed_on=disbursed_on,
        amount=amount,
        amount_usd=usd(amount, project.usd_rate),
        note=note.strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    steps.record(
        audit.Action.UPDATED,
        project,
        actor=actor,
        role=Role.UNIT_STAFF,
        payload={
            "disbursement": str(amount),
            "currency": project.currency,
            "on": disbursed_on.isoformat(),
        },
    )
    return row


# -- an approval not acted on lapses (a warning first) ------------------------------------


def unstarted():
    """Return the approved projects whose aid has not started."""
    return AidProject.objects.filter(
        status=Status.ISSUED, started_on__isnull=True, decision_date__isnull=False
    )


def _owners(project) -> list:
    return [project.submitted_by, *users_with_role(Role.UNIT_HEAD, project.unit)]


def last_day_to_start(project, today: datetime.date) -> datetime.date:
    """Return the last day the aid may still start: the regulation's, or, for an owner
    warned only after it (the beat was down), the day of the warning."""
    if project.lapse_warned_on is None:
        return max(lapse_due_on(project), today)
    return max(lapse_due_on(project), project.lapse_warned_on)


def warn_unstarted(today: datetime.date | None = None) -> int:
    """Warn the aid owner (and its head, and the reviewer) of each approval about to lapse.

    Each project is warned once (``lapse_warned_on``), from ``ngo_aid.lapse_warning``
    after the decision on, even past the lapse date (it lapses after the warning, never
    before: ``to_lapse``); return how many were warned.
    """
    today = today or timezone.localdate()
    count = 0
    for project in unstarted().filter(lapse_warned_on__isnull=True).select_related("reviewer"):
        if lapse_warning_on(project) > today:
            continue
        due_on = last_day_to_start(project, today)
        with transaction.atomic():
            project.lapse_warned_on = today
            project.save(update_fields=["lapse_warned_on", "updated_at"])
            steps.record(
                audit.Action.COMMENTED,
                project,
                actor=None,
                role=Role.DEPARTMENT_REVIEWER,
                payload={"lapse_warning": due_on.isoformat()},
            )
            emit(
                Event.DEADLINE_NEAR,
                subject=project,
                to=[*_owners(project), project.reviewer],
                url=project.get_absolute_url(),
                context={"due_on": due_on.isoformat(), "step": "ngo_aid.lapse"},
                key=f"ngo-aid-lapse-warning-{project.pk}",
            )
        count += 1
    return count


def to_lapse(today: datetime.date | None = None) -> list[AidProject]:
    """Return the approved projects not started by their last day (``today`` is after
    it): the owner was warned first, a day before at least."""
    today = today or timezone.localdate()
    warned = unstarted().filter(lapse_warned_on__lt=today).select_related("unit")
    return [p for p in warned if last_day_to_start(p, today) < today]


@steps.atomic
def lapse(project, *, actor=None, comment="") -> AidProject:
    """The approval of an aid that has not started in time lapses (the regulation's period).

    Called by the beat (``actor`` None), never from a page.
    """
    steps.require_status(project, Status.ISSUED)
    if project.started_on is not None or project not in to_lapse():
        raise ValidationError(_("Khoản viện trợ chưa quá thời hạn triển khai."))
    steps.move(
        project,
        Status.LAPSED,
        audit.Action.UPDATED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        comment=comment,
        payload={"lapsed": lapse_due_on(project).isoformat()},
    )
    to = [*_owners(project), project.reviewer, project.approver]
    steps.notify(Event.OVERDUE, project, to, actor=actor)
    return project
