"""Periodic work on the audit trail (Celery beat, config/celery.py)."""

from celery import shared_task

from . import services


@shared_task(name="audit.checkpoint", acks_late=True, ignore_result=True)
def checkpoint() -> None:
    """Verify the chain, store its head and append it to the checkpoint sink."""
    services.ship_checkpoint()
