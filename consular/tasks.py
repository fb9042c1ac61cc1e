"""Celery tasks of the consular register."""

from celery import shared_task

from . import reminders


@shared_task(name="consular.remind_open_cases", acks_late=True, ignore_result=True)
def remind_open_cases() -> dict:
    """Remind (and escalate) open consular cases left without an update."""
    return reminders.remind_open_cases()
