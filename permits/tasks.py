"""Celery tasks of trips: the reminder about passports not handed back (Celery beat)."""

from celery import shared_task

from . import passports


@shared_task(name="permits.remind_passports", acks_late=True, ignore_result=True)
def remind_passports() -> dict:
    """Remind, then escalate, about official passports not handed back after a trip."""
    return passports.remind_passports()
