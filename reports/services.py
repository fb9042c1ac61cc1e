"""Writes of the reports app: rendering the report, and export jobs built by Celery.

A job row carries status and progress; the page polls it (a meta refresh). With an
eager Celery (the embedded default, and tests) the job is built inside the request.
"""

import json
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop
from kombu.exceptions import OperationalError

import audit

from . import documents, figures, spreadsheets, structure
from .models import ExportJob

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
