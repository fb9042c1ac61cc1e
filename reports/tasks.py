"""Celery tasks of the reports app: building a report file in the background."""

from celery import shared_task

from . import services


@shared_task(name="reports.build_export", acks_late=True, ignore_result=True)
def build_export(job_id: str) -> None:
    """Build the Word, Excel or JSON file of one export job."""
    services.build_export(job_id)


@shared_task(name="reports.remind_figure_requests", acks_late=True, ignore_result=True)
def remind_figure_requests() -> dict:
    """Remind the agencies asked for figures the day before the due date; escalate late ones."""
    return services.remind_figure_requests()
