"""Celery tasks of the travel cards: the reminder before a card expires (Celery beat)."""

from celery import shared_task

from . import services


@shared_task(name="abtc.remind_expiring", acks_late=True, ignore_result=True)
def remind_expiring() -> int:
    """Remind businesses and the focal agency of cards expiring soon (each card once)."""
    return services.remind_expiring()
