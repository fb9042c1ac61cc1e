"""Celery tasks. Messages carry outbox row ids only, never names, addresses or text."""

import logging

from celery import shared_task
from django.utils import timezone

from . import delivery, selectors, services

logger = logging.getLogger(__name__)


@shared_task(name="notifications.deliver", acks_late=True, ignore_result=True)
def deliver(message_id: int) -> str:
    """Deliver one outbox message (the kick sent after the emitting transaction commits)."""
    return delivery.deliver(message_id)


@shared_task(name="notifications.sweep", acks_late=True, ignore_result=True)
def sweep() -> dict:
    """Deliver every pending message whose time has come (Celery beat, every few seconds)."""
    return delivery.sweep()


@shared_task(name="notifications.send_daily_digests", acks_late=True, ignore_result=True)
def send_daily_digests() -> int:
    """Queue today's digest for each person on the digest; at most one per person per day."""
    today = timezone.localdate()
    queued = 0
    for user in selectors.digest_recipients().iterator():
        if services.enqueue_digest(user, on=today) is not None:
            queued += 1
    return queued


def kick(message_id: int) -> None:
    """Publish a delivery task for ``message_id``; log, never raise, if the broker is down."""
    hand_off([message_id])


def hand_off(message_ids: list[int]) -> list[int]:
    """Publish a delivery task for each of ``message_ids`` over one broker connection.

    Return the ids not published (the broker is down): logged, never raised; the sweep
    delivers them if nobody hands them over again.
    """
    app = deliver.app
    published = 0
    try:
        if app.conf.task_always_eager:
            for message_id in message_ids:
                deliver.apply_async((message_id,))
                published += 1
            return []
        # A fresh connection checked with one quick try: a pooled one may be stale, and
        # redis-py's own retries would hold up the request for seconds per message.
        with app.connection_for_write(connect_timeout=3) as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0)
            for message_id in message_ids:
                deliver.apply_async((message_id,), connection=connection, retry=False)
                published += 1
    except Exception:  # noqa: BLE001 - any broker failure is covered by the sweep
        left = message_ids[published:]
        logger.warning("Could not queue outbox messages %s; the sweep will", left)
    return message_ids[published:]
