"""Writes of the reports app: rendering the report, and export jobs built by Celery.

A job row carries status and progress; the page polls it (a meta refresh). With an
eager Celery (the embedded default, and tests) the job is built inside the request.
"""

import json
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from kombu.exceptions import OperationalError

import audit
import workdays
from matters import issuance, steps
from notifications import Event, emit
from organizations.models import Province, Role
from organizations.selectors import roles_of, users_with_role

from . import documents, figures, spreadsheets, structure
from .models import (
    ANSWERING_ROLES,
    ExportJob,
    ExternalFigure,
    FigureRequest,
    Indicator,
    ReportDraft,
    ReportStatus,
    Section,
)

logger = logging.getLogger(__name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = {
    "json": "application/json",
    "docx": DOCX,
    "xlsx": spreadsheets.XLSX,
}


INTERNAL_FORMATS = ("json", "xlsx")


def render(date_from, date_to, fmt: str, progress=None, *, report: str = "ministry") -> bytes:
    """Return the report of ``date_from``..``date_to`` as the bytes of a ``fmt`` file.

    ``report`` is "ministry" (the report sent outside) or "internal" (the management
    report: JSON or Excel).
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown report format {fmt!r}.")
    if report == ExportJob.Report.INTERNAL:
        if fmt not in INTERNAL_FORMATS:
            raise ValueError(f"The internal report has no {fmt!r} format.")
        data = figures.internal_report(date_from, date_to)
        if fmt == "xlsx":
            return spreadsheets.internal_xlsx(data)
        return json.dumps(data, ensure_ascii=False, indent=2).encode()
    report = structure.for_period(date_from, date_to)
    if progress is not None:
        progress(60)
    if fmt == "docx":
        return documents.report_docx(report)
    if fmt == "xlsx":
        return spreadsheets.report_xlsx(report)
    return json.dumps(report, ensure_ascii=False, indent=2).encode()


def start_export(user, date_from, date_to, fmt: str, report: str = "ministry") -> ExportJob:
    """Record ``user``'s request for the report as a file and queue its building."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown report format {fmt!r}.")
    job = ExportJob.objects.create(
        requested_by=user, date_from=date_from, date_to=date_to, format=fmt, report=report
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id) -> None:
    from .tasks import build_export

    try:
        build_export.delay(str(job_id))
    except OperationalError:
        logger.exception("Could not queue report export %s", job_id)
        _fail(job_id, gettext_noop("Không gửi được yêu cầu lập báo cáo; hãy thử lại sau."))


def build_export(job_id) -> None:
    """Build the file of job ``job_id``; a second delivery of the same job builds it again."""
    claimed = ExportJob.objects.filter(
        pk=job_id, status__in=(ExportJob.Status.PENDING, ExportJob.Status.RUNNING)
    ).update(status=ExportJob.Status.RUNNING, progress=10)
    if not claimed:
        return
    job = ExportJob.objects.get(pk=job_id)
    try:
        content = render(
            job.date_from, job.date_to, job.format, progress=_progress(job_id), report=job.report
        )
        job.file.save(job.filename, ContentFile(content), save=False)
    except Exception:
        logger.exception("Report export %s failed", job_id)
        _fail(job_id, gettext_noop("Lập báo cáo không thành công; hãy thử lại hoặc báo quản trị."))
        return
    ExportJob.objects.filter(pk=job_id).update(
        file=job.file.name,
        status=ExportJob.Status.DONE,
        progress=100,
        finished_at=timezone.now(),
    )


def _progress(job_id):
    def report(percent: int) -> None:
        ExportJob.objects.filter(pk=job_id).update(progress=percent)

    return report


def _fail(job_id, message: str) -> None:
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportJob.Status.FAILED, error=message, finished_at=timezone.now()
    )


def record_download(job: ExportJob, user) -> None:
    """Note in the audit trail that ``user`` downloaded the report file of ``job``."""
    audit.record(
        audit.Action.FILE_DOWNLOADED,
        actor=user,
        subject=job,
        # Stored data stays in Vietnamese whatever language the user reads in.
        comment=gettext_noop("Tải báo cáo công tác đối ngoại"),
        payload={
            "format": job.format,
            "report": job.report,
            "from": job.date_from.isoformat(),
            "to": job.date_to.isoformat(),
        },
    )


# -- The report's draft: written, submitted, approved, signed and registered (ADR 0021) ----


def _require_specialist(actor) -> None:
    """The focal agency's specialists (its reviewers) write the report and its figures."""
    steps.require_role(
        actor,
        Role.DEPARTMENT_REVIEWER,
        Province.current().focal_agency,
        _("Chỉ chuyên viên của cơ quan ngoại vụ được soạn báo cáo và nhập số liệu."),
    )


@steps.atomic
def record_figure(*, actor, fields: dict) -> ExternalFigure:
    """Record a figure another office gave (its source agency and document), or replace
    the figure of the same indicator and period; the old value stays in the audit entry."""
    _require_specialist(actor)
    fields = dict(fields)
    if fields["date_from"] > fields["date_to"]:
        raise ValidationError({"date_to": _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")})
    focal = Province.current().focal_agency
    return _store_figure(fields, actor=actor, acting=(Role.DEPARTMENT_REVIEWER, focal))


def _store_figure(fields: dict, *, actor, acting, request=None) -> ExternalFigure:
    """Write one figure (replacing that of the same indicator and period) and its audit
    entry, by ``actor`` acting as ``acting`` (role, unit); ``request`` it answers, if any."""
    fields = dict(fields)
    key = {k: fields.pop(k) for k in ("indicator", "date_from", "date_to")}
    figure = ExternalFigure.objects.select_for_update().filter(**key).first()
    before = str(figure.value) if figure is not None else None
    figure = figure or ExternalFigure(**key)
    for name, value in fields.items():
        setattr(figure, name, value)
    figure.entered_by, figure.entered_at = actor, timezone.now()
    figure.save()
    payload = {
        "indicator": figure.indicator,
        "value": str(figure.value),
        "before": before,
        "source": figure.source_agency,
        "document": figure.source_document,
    }
    if request is not None:
        payload["request"] = request.pk
    audit.record(
        audit.Action.UPDATED if before is not None else audit.Action.CREATED,
        actor=actor,
        subject=figure,
        payload=payload,
        **steps.acting(actor, *acting),
    )
    return figure


# -- Requests for figures to other agencies (issue #22) -------------------------------------


def _agency_people(agency) -> list:
    """Return who answers for ``agency``: its people in every role that answers, once each."""
    people = []
    for role in ANSWERING_ROLES:
        people += [u for u in users_with_role(role, agency) if u not in people]
    return people


def answers_for(user, agency) -> bool:
    """Return True if ``user`` answers requests for figures addressed to ``agency``."""
    return _answering_role(user, agency) is not None


def _answering_role(actor, agency):
    """Return the role in which ``actor`` answers for ``agency``, or None."""
    roles = roles_of(actor, agency)
    return next((role for role in ANSWERING_ROLES if role in roles), None)


@steps.atomic
def request_figures(
    *, actor, agency, indicators, date_from, date_to, note: str = ""
) -> FigureRequest:
    """Ask ``agency`` for the figures of ``indicators`` over a period, due in the working
    days of ``report.figures``; the agency's people are notified."""
    _require_specialist(actor)
    focal = Province.current().focal_agency
    if agency is None or agency == focal:
        raise ValidationError({"agency": _("Hãy chọn cơ quan khác cơ quan ngoại vụ.")})
    indicators = [key for key in dict.fromkeys(indicators) if key in Indicator.values]
    if not indicators:
        raise ValidationError({"indicators": _("Hãy chọn ít nhất một chỉ tiêu.")})
    if date_from > date_to:
        raise ValidationError({"date_to": _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")})
    now = timezone.now()
    request = FigureRequest.objects.create(
        agency=agency,
        indicators=indicators,
        date_from=date_from,
        date_to=date_to,
        note=note.strip(),
        requested_by=actor,
        requested_at=now,
        due_on=workdays.due_date("report.figures", timezone.localdate(now)),
    )
    audit.record(
        audit.Action.CREATED,
        actor=actor,
        subject=request,
        payload={
            "agency": agency.code,
            "indicators": indicators,
            "from": date_from.isoformat(),
            "to": date_to.isoformat(),
            "due_on": request.due_on.isoformat(),
        },
        **steps.acting(actor, Role.DEPARTMENT_REVIEWER, focal),
    )
    steps.notify(Event.OPINION_REQUESTED, request, _agency_people(agency), actor=actor)
    return request


@steps.atomic
def answer_figure_request(request, *, actor, values: dict, document: str, note: str = ""):
    """The agency answers: each figure asked becomes (or replaces) the period's
    ``ExternalFigure`` with the agency as its source and ``document`` as its document;
    the focal agency's reviewer who asked is told. Return the figures written."""
    request = FigureRequest.objects.select_for_update().get(pk=request.pk)
    role = _answering_role(actor, request.agency)
    if role is None:
        raise PermissionDenied(_("Chỉ cơ quan được đề nghị mới cung cấp được số liệu này."))
    if not request.is_pending:
        raise ValidationError(_("Cơ quan đã cung cấp số liệu cho đề nghị này."))
    if not document.strip():
        raise ValidationError({"document": _("Hãy ghi số, ngày văn bản cung cấp số liệu.")})
    missing = [key for key in request.indicators if values.get(key) is None]
    if missing:
        labels = ", ".join(str(Indicator(key).label) for key in missing)
        raise ValidationError(_("Hãy nhập đủ các chỉ tiêu: %(labels)s.") % {"labels": labels})
    acting = (role, request.agency)
    figures = [
        _store_figure(
            {
                "indicator": key,
                "date_from": request.date_from,
                "date_to": request.date_to,
                "value": values[key],
                "note": note.strip()[:500],
                "source_agency": request.agency.name,
                "source_document": document.strip(),
            },
            actor=actor,
            acting=acting,
            request=request,
        )
        for key in request.indicators
    ]
    request.answered_at, request.answered_by = timezone.now(), actor
    request.answer_document = document.strip()
    request.save(update_fields=["answered_at", "answered_by", "answer_document"])
    audit.record(
        audit.Action.OPINION_GIVEN,
        actor=actor,
        subject=request,
        comment=note,
        payload={
            "agency": request.agency.code,
            "document": request.answer_document,
            "late": request.is_late(),
        },
        **steps.acting(actor, *acting),
    )
    steps.notify(Event.TASK_QUEUED, request, [request.requested_by], actor=actor)
    return figures


def remind_figure_requests(today=None) -> dict:
    """Remind the agencies whose request is due on the next working day; once overdue,
    tell them again and escalate to the agency's head and the focal agency's head. Each
    request is reminded and escalated once (the notification key); return the counts."""
    today = today or timezone.localdate()
    horizon = workdays.next_working_day(today)
    counts = {"reminded": 0, "escalated": 0}
    pending = FigureRequest.objects.pending().filter(due_on__lte=horizon)
    for request in pending.select_related("agency", "requested_by"):
        people = _agency_people(request.agency)
        url = request.get_absolute_url()
        with transaction.atomic():
            if request.due_on >= today:
                emit(Event.DEADLINE_NEAR, subject=request, to=people, url=url,
                     key=f"figures-remind-{request.pk}")  # fmt: skip
                counts["reminded"] += 1
                continue
            emit(Event.OVERDUE, subject=request, to=people, url=url,
                 key=f"figures-overdue-{request.pk}")  # fmt: skip
            heads = list(users_with_role(Role.UNIT_HEAD, request.agency))
            heads += [h for h in steps.department(Role.DEPARTMENT_HEAD) if h not in heads]
            emit(Event.ESCALATED, subject=request, to=heads, url=url,
                 key=f"figures-escalate-{request.pk}")  # fmt: skip
            counts["escalated"] += 1
    return counts


@steps.atomic
def save_draft(
    *, actor, date_from, date_to, subject="", request="", texts=None, draft=None
) -> ReportDraft:
    """Create the period's draft, or save the specialist's text of ``draft``."""
    _require_specialist(actor)
    focal = Province.current().focal_agency
    if draft is None:
        if ReportDraft.objects.filter(date_from=date_from, date_to=date_to).exists():
            raise ValidationError(_("Kỳ báo cáo này đã có dự thảo; hãy mở dự thảo đó để sửa."))
        draft = ReportDraft(
            date_from=date_from,
            date_to=date_to,
            unit=focal,
            submitted_by=actor,
            reviewer=actor,
            reference=steps.next_reference("BC", focal, date_to.year),
        )
        action = audit.Action.CREATED
    else:
        draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
        if not draft.editable:
            raise ValidationError(_("Báo cáo đã trình lãnh đạo, không thể sửa."))
        action = audit.Action.UPDATED
    draft.subject, draft.request = subject.strip(), request.strip()
    if texts is not None:
        draft.texts = {key: (texts.get(key) or "").strip() for key in Section.values}
    draft.save()
    steps.record(
        action,
        draft,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        payload={"from": draft.date_from.isoformat(), "to": draft.date_to.isoformat()},
    )
    return draft


@steps.atomic
def submit_draft(draft, *, actor) -> ReportDraft:
    """Submit the draft to the leader in charge with a tờ trình: every part must be
    complete; the figures as they stand now are frozen, and what the leader approves,
    signs and the clerk registers is that frozen report."""
    _require_specialist(actor)
    draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
    if not draft.editable:
        raise ValidationError(_("Báo cáo đã được trình lãnh đạo."))
    report = structure.assemble(draft.date_from, draft.date_to, draft, live=True)
    missing = structure.incomplete(report)
    if missing:
        raise ValidationError(
            _("Báo cáo chưa đủ nội dung, chưa thể trình: %(parts)s.")
            % {"parts": "; ".join(f"{row['title']} ({row['missing']})" for row in missing)}
        )
    report.pop("draft")
    draft.frozen = report
    draft.reviewer = actor
    draft.submitted_at = timezone.now()
    steps.move(
        draft,
        ReportStatus.AWAITING_APPROVAL,
        audit.Action.SUBMITTED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        fields=("frozen", "reviewer", "submitted_at"),
    )
    issuance.file_submission(draft, summary=_("Dự thảo %(title)s.") % {"title": draft.title})
    steps.notify(Event.TASK_QUEUED, draft, _leaders(), actor=actor)
    return draft


def _leaders() -> list:
    province = Province.current()
    leader = province.foreign_affairs_leader or province.chairman
    if leader is not None:
        return [leader]
    return list(users_with_role(Role.LEADER, province.peoples_committee))


@steps.atomic
def decide_draft(draft, *, actor, approve: bool, comment: str = "") -> ReportDraft:
    """The leader approves the submitted report (a draft to sign), or returns it to the
    specialist with a reason: the figures are then thawed, to be frozen again."""
    steps.require_role(actor, Role.LEADER, Province.current().peoples_committee)
    draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
    steps.require_status(draft, ReportStatus.AWAITING_APPROVAL)
    steps.refuse_own_decision(draft, actor)
    if not approve:
        steps.require_comment(comment, _("Hãy ghi rõ nội dung cần chỉnh sửa."))
        draft.frozen = None
        steps.move(
            draft,
            ReportStatus.RETURNED,
            audit.Action.RETURNED,
            actor=actor,
            role=Role.LEADER,
            fields=("frozen",),
            comment=comment,
        )
        steps.notify(Event.RETURNED, draft, [draft.reviewer], actor=actor, comment=comment)
        return draft
    draft.approver, draft.decided_at = actor, timezone.now()
    steps.move(
        draft,
        ReportStatus.APPROVED,
        audit.Action.APPROVED,
        actor=actor,
        role=Role.LEADER,
        fields=("approver", "decided_at"),
        comment=comment,
    )
    issuance.approved(draft)
    committee = Province.current().peoples_committee
    steps.notify(Event.TASK_QUEUED, draft, users_with_role(Role.CLERK, committee), actor=actor)
    steps.notify(Event.APPROVED, draft, [draft.reviewer], actor=actor)
    return draft


def sign_draft(draft, *, actor, upload, signed_on):
    """The leader, or the clerk for them, records the signed report (``issuance.sign``)."""
    return issuance.sign(draft, actor=actor, upload=upload, signed_on=signed_on)


def register_draft(draft, *, actor, issued_on, sequence=None):
    """The clerk registers the signed report in the People's Committee's register: it is
    issued, numbered ``…/BC-UBND`` (``issuance.register``), its figures stay frozen."""
    return issuance.register(draft, actor=actor, issued_on=issued_on, sequence=sequence)
