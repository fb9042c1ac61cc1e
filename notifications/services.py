"""Writes on notifications: emit an event, read it, choose how to be told."""

import datetime
import hashlib
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import selectors
from .events import Event
from .models import Notification, OutboxMessage, Preference

logger = logging.getLogger(__name__)


def _dedup_key(event, subject_type, subject_id, task_id, key, recipient) -> str:
    """Return the key that makes one event reach one person once."""
    base = key or f"{event}:{subject_type.pk if subject_type else '-'}:{subject_id}:{task_id}"
    full = f"{base}:u{recipient.pk}"
    if len(full) <= 255:
        return full
    # Explicit keys may be long; hash them but keep the recipient readable.
    return f"h:{hashlib.sha256(base.encode()).hexdigest()}:u{recipient.pk}"


def emit(
    event,
    *,
    subject=None,
    to=(),
    actor=None,
    task=None,
    url: str = "",
    context: dict | None = None,
    key: str | None = None,
) -> list[Notification]:
    """Tell ``to`` (and their deputies today) that ``event`` happened to ``subject``.

    Call it inside the transaction of the step it reports: the notifications and the
    email outbox rows commit or roll back with the step, and delivery is kicked off
    only after the commit. Emitting the same event twice (same event, subject, task and
    recipient, or the same explicit ``key``) is a no-op for the second call, so a
    reminder sweep can run again safely. Without ``task`` or ``key`` an event reaches
    a person at most once per subject: pass ``key=`` for events that repeat.
    Return the notifications created by this call.
    """
    event = Event(event)
    subject_type = ContentType.objects.get_for_model(subject) if subject is not None else None
    subject_id = str(subject.pk) if subject is not None else ""
    task_id = str(getattr(task, "pk", task) or "")
    created = []
    for recipient, principal in selectors.expand_recipients(to, actor=actor):
        dedup_key = _dedup_key(event, subject_type, subject_id, task_id, key, recipient)
        notification = _insert_once(
            Notification,
            recipient=recipient,
            on_behalf_of=principal,
            event=event,
            actor=actor,
            subject_type=subject_type,
            subject_id=subject_id,
            subject_label=str(subject)[:500] if subject is not None else "",
            task_id=task_id,
            url=url,
            context=context or {},
            dedup_key=dedup_key,
        )
        if notification is None:
            continue
        created.append(notification)
        if selectors.wants_immediate_email(recipient, event):
            enqueue_email(notification)
    return created


def _insert_once(model, **fields):
    """Insert a row unless one with the same dedup_key exists; return it or None."""
    if model.objects.filter(dedup_key=fields["dedup_key"]).exists():
        return None
    try:
        # A savepoint, so a concurrent twin's insert does not spoil the caller's transaction.
        with transaction.atomic():
            return model.objects.create(**fields)
    except IntegrityError:
        logger.info("%s %s already exists", model.__name__, fields["dedup_key"])
        return None


def enqueue_email(notification: Notification) -> OutboxMessage | None:
    """Write the outbox row for one notification's email and kick delivery after commit."""
    return _enqueue(
        kind=OutboxMessage.Kind.NOTIFICATION,
        recipient=notification.recipient,
        notification=notification,
        dedup_key=f"email:{notification.dedup_key}"[:255],
    )


def _enqueue(**fields) -> OutboxMessage | None:
    grace = datetime.timedelta(seconds=settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS)
    # The sweep leaves a fresh row alone for a moment: its kick is probably on the way.
    message = _insert_once(OutboxMessage, next_attempt_at=timezone.now() + grace, **fields)
    if message is not None:
        kick_after_commit(message.pk)
    return message


def kick_after_commit(message_id: int) -> None:
    """Ask a worker to deliver ``message_id`` once the current transaction commits."""
    from .tasks import kick

    # robust: a broker outage must not turn a committed step into an error page; the
    # sweep delivers what the kick could not.
    transaction.on_commit(lambda: kick(message_id), robust=True)


@transaction.atomic
def enqueue_digest(user, *, on: datetime.date) -> OutboxMessage | None:
    """Write the daily digest of ``user`` for ``on``, if they have unread notifications."""
    limit = settings.NOTIFICATIONS_DIGEST_MAX_ITEMS
    ids = list(selectors.unread_for_digest(user).values_list("pk", flat=True)[: limit + 1])
    if not ids:
        return None
    total = selectors.unread_for_digest(user).count() if len(ids) > limit else len(ids)
    return _enqueue(
        kind=OutboxMessage.Kind.DIGEST,
        recipient=user,
        payload={"date": on.isoformat(), "notifications": ids[:limit], "total": total},
        dedup_key=f"digest:{on.isoformat()}:u{user.pk}",
    )


def mark_read(notification: Notification) -> None:
    """Mark one notification read (idempotent)."""
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def mark_all_read(user) -> int:
    """Mark every unread notification of ``user`` read; return how many changed."""
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())


@transaction.atomic
def set_preferences(user, *, email_events, daily_digest: bool | None) -> Preference:
    """Save which kinds ``user`` wants by email and whether they take the daily digest."""
    wanted = {Event(value) for value in email_events}
    preference, _created = Preference.objects.select_for_update().get_or_create(user=user)
    preference.email_off = sorted(e.value for e in Event if e not in wanted)
    preference.daily_digest = daily_digest
    preference.save()
    return preference


@transaction.atomic
def retry_incidents(messages) -> int:
    """Put failed outbox messages back in the queue with a fresh budget of attempts."""
    ids = list(
        OutboxMessage.objects.select_for_update()
        .filter(pk__in=[m.pk for m in messages], status=OutboxMessage.Status.INCIDENT)
        .values_list("pk", flat=True)
    )
    OutboxMessage.objects.filter(pk__in=ids).update(
        status=OutboxMessage.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    for message_id in ids:
        kick_after_commit(message_id)
    return len(ids)
