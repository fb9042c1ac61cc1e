"""Deliver outbox messages: claim, send, record; retry with backoff; give up as an incident.

The guarantee is *at-least-once attempt, at-most-once record*: a message marked sent is
never sent again, and two workers never send one message at the same time, because the
send happens while the row is locked (``SELECT ... FOR UPDATE SKIP LOCKED``) and the row
is marked sent in that same transaction, after the mail server accepted the message.

One window remains, and no SMTP client can close it: if the process dies, or the
database connection breaks, *after* the server accepted the message and *before* the
transaction commits, the row is still pending and the message is sent again later. The
window is the time of one UPDATE and COMMIT (milliseconds); every copy carries the same
Message-ID, so mail clients and servers can recognise the duplicate. A crash anywhere
else (before or during the SMTP conversation) only delays the message.
"""

import datetime
import logging
import random

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .emails import build_email
from .models import OutboxMessage

logger = logging.getLogger(__name__)

Status = OutboxMessage.Status


def backoff(attempts: int) -> datetime.timedelta:
    """Return the wait before attempt ``attempts + 1``: exponential, capped, full jitter."""
    base = settings.NOTIFICATIONS_RETRY_BASE_SECONDS
    cap = settings.NOTIFICATIONS_RETRY_MAX_SECONDS
    ceiling = min(cap, base * 2 ** max(attempts - 1, 0))
    # Half fixed, half random: spreads a burst of retries without ever retrying at once.
    return datetime.timedelta(seconds=ceiling / 2 + random.uniform(0, ceiling / 2))


def _locked(message_id: int):
    """Return the pending row locked for this transaction, or None if taken or done."""
    return (
        OutboxMessage.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(pk=message_id, status=Status.PENDING)
        .select_related("recipient", "notification")
        .first()
    )


def _count_attempt(message_id: int) -> bool:
    """Record one more attempt in its own committed transaction; return False to stop.

    Committed before sending, so a worker killed in the middle of a send still counts
    the attempt, and a message that kills its worker every time (a poison message,
    requeued forever by ``task_reject_on_worker_lost``) ends as an incident.
    """
    with transaction.atomic():
        message = _locked(message_id)
        if message is None:
            return False
        if message.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
            _give_up(message, message.last_error or "worker lost during delivery")
            return False
        message.attempts += 1
        message.last_attempt_at = timezone.now()
        message.save(update_fields=["attempts", "last_attempt_at"])
        return True


def deliver(message_id: int) -> str:
    """Send outbox message ``message_id`` if it is still pending; return its new status.

    Safe to call any number of times and from any number of workers at once.
    """
    if not _count_attempt(message_id):
        return "skipped"
    with transaction.atomic():
        message = _locked(message_id)
        if message is None:
            return "skipped"
        try:
            email = build_email(message)
            if email is not None:
                email.send(fail_silently=False)
        except Exception as exc:  # noqa: BLE001 - any failure of a send is retried later
            return _record_failure(message, exc)
        message.status = Status.SENT if email is not None else Status.CANCELLED
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["status", "sent_at", "last_error"])
        return message.status


def _record_failure(message: OutboxMessage, exc: Exception) -> str:
    error = f"{type(exc).__name__}: {exc}"[:2000]
    logger.warning("Outbox message %s failed (attempt %s): %s", message.pk, message.attempts, error)
    if message.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        return _give_up(message, error)
    message.last_error = error
    message.next_attempt_at = timezone.now() + backoff(message.attempts)
    message.save(update_fields=["last_error", "next_attempt_at"])
    return message.status


def _give_up(message: OutboxMessage, error: str) -> str:
    logger.error("Outbox message %s became an incident: %s", message.pk, error)
    message.status = Status.INCIDENT
    message.last_error = error
    message.save(update_fields=["status", "last_error"])
    return message.status


def due_message_ids(limit: int) -> list[int]:
    """Return up to ``limit`` pending messages whose time has come, skipping busy ones."""
    with transaction.atomic():
        return list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status=Status.PENDING, next_attempt_at__lte=timezone.now())
            .order_by("next_attempt_at", "id")
            .values_list("pk", flat=True)[:limit]
        )


def fresh_message_ids() -> list[int]:
    """Return the pending messages never tried that the sweep is still leaving alone.

    What an outbox listener hands over when it (re)connects: their announcement may
    have gone out while it was away.
    """
    return list(
        OutboxMessage.objects.filter(
            status=Status.PENDING, attempts=0, next_attempt_at__gt=timezone.now()
        )
        .order_by("id")
        .values_list("pk", flat=True)
    )


def sweep(*, limit: int | None = None, budget_seconds: float | None = None) -> dict:
    """Deliver what is due (missed kicks, retries after backoff); return counts by status.

    Stops after ``budget_seconds`` so a long backlog never runs into the task time
    limit; the next sweep continues where this one stopped.
    """
    limit = limit or settings.NOTIFICATIONS_SWEEP_BATCH
    budget = budget_seconds or settings.NOTIFICATIONS_SWEEP_BUDGET_SECONDS
    deadline = timezone.now() + datetime.timedelta(seconds=budget)
    counts: dict[str, int] = {}
    for message_id in due_message_ids(limit):
        if timezone.now() > deadline:
            break
        status = deliver(message_id)
        counts[status] = counts.get(status, 0) + 1
    return counts
