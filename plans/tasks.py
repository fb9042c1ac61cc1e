"""Celery tasks of the annual plan: the reminder before the units' deadline (Celery beat)."""

from celery import shared_task

from . import services


@shared_task(name="plans.remind_deadline", acks_late=True, ignore_result=True)
def remind_deadline() -> int:
    """Remind the units that have not sent their plan, one working day before the deadline."""
    return services.remind_deadline()
