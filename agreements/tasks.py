"""Celery tasks of the agreements: the reminder to report a signing (Celery beat)."""

from celery import shared_task

from . import services


@shared_task(name="agreements.remind_unreported", acks_late=True, ignore_result=True)
def remind_unreported() -> int:
    """Remind the focal agency of agreements signed 15 days ago and not yet reported."""
    return services.remind_unreported()
