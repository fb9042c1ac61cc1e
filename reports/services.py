"""Writes of the reports app: rendering the report, and export jobs built by Celery.

A job row carries status and progress; the page polls it (a meta refresh). With an
eager Celery (the embedded default, and tests) the job is built inside the request.
"""

import json
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from kombu.exceptions import OperationalError

import audit
from matters import issuance, steps
from notifications import Event
from organizations.models import Province, Role
from organizations.selectors import users_with_role

from . import documents, figures, spreadsheets, structure
from .models import ExportJob, ExternalFigure, ReportDraft, ReportStatus, Section

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
    key = {k: fields.pop(k) for k in ("indicator", "date_from", "date_to")}
    figure = ExternalFigure.objects.select_for_update().filter(**key).first()
    before = str(figure.value) if figure is not None else None
    figure = figure or ExternalFigure(**key)
    for name, value in fields.items():
        setattr(figure, name, value)
    figure.entered_by, figure.entered_at = actor, timezone.now()
    figure.save()
    audit.record(
        audit.Action.UPDATED if before is not None else audit.Action.CREATED,
        actor=actor,
        subject=figure,
        payload={
            "indicator": figure.indicator,
            "value": str(figure.value),
            "before": before,
            "source": figure.source_agency,
            "document": figure.source_document,
        },
        **steps.acting(actor, Role.DEPARTMENT_REVIEWER, Province.current().focal_agency),
    )
    return figure


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
