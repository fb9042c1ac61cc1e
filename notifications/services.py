"""Writes on notifications: emit an event, read it, choose how to be told."""

import datetime
import hashlib
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from audit import flush

from . import selectors, sql
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
    email outbox rows commit or roll back with the step, and delivery is handed to
    the workers only after the commit. Emitting the same event twice (same event,
    subject, task and recipient, or the same explicit ``key``) is a no-op for the
    second call, so a reminder sweep can run again safely. Without ``task`` or ``key``
    an event reaches a person at most once per subject: pass ``key=`` for events that
    repeat. Return the notifications created by this call; inside a step's flush
    (``audit.batched``) the rows are written when the step ends, and those queued are
    returned unsaved.
    """
    event = Event(event)
    subject_type = ContentType.objects.get_for_model(subject) if subject is not None else None
    subject_id = str(subject.pk) if subject is not None else ""
    task_id = str(getattr(task, "pk", task) or "")
    rows = [
        Notification(
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
            dedup_key=_dedup_key(event, subject_type, subject_id, task_id, key, recipient),
        )
        for recipient, principal in selectors.expand_recipients(to, actor=actor)
    ]
    if not rows:
        return []
    emailed = selectors.immediate_email_recipients([row.recipient for row in rows], event)
    told = [(row, row.recipient_id in emailed) for row in rows]
    if flush.active():
        flush.write(NOTIFICATIONS, told)
        return rows
    return NOTIFICATIONS.insert(told)


class _Notifications(flush.Writer):
    """Writes notifications and the outbox rows of those to be emailed now.

    On PostgreSQL: one ``INSERT … ON CONFLICT DO NOTHING`` of the notifications whose
    key is new, the outbox rows of those inserted in the same statement (a CTE), and,
    when a listener hands the outbox to the workers (``handed_to_listener``), a
    ``NOTIFY`` of their ids, delivered on commit. No read, no savepoint: a concurrent
    twin waits on the unique key and then inserts nothing. Elsewhere the portable path:
    a read of the keys taken, and the inserts in a savepoint.
    """

    def sql(self, rows):
        return sql.insert_notifications(_unique(rows), notify=handed_to_listener())

    def done(self, result):
        """Publish the new outbox rows after the commit, unless a listener hands them over."""
        if handed_to_listener():
            return
        for _notification_id, _dedup_key, outbox_id, *_notified in result or ():
            if outbox_id is not None:
                kick_after_commit(outbox_id)

    def write(self, rows, before):
        self.insert(rows, before)

    def insert(self, told, before=()) -> list[Notification]:
        """Insert ``told`` ((notification, emailed) pairs); return the notifications new."""
        told = _unique(told)
        if connection.vendor != "postgresql":
            emailed = {row.recipient_id for row, is_emailed in told if is_emailed}
            return _insert_new([row for row, _emailed in told], emailed)
        (inserted,) = flush.send(list(before), self.sql(told))
        self.done(inserted)
        by_key = {row.dedup_key: row for row, _emailed in told}
        created = []
        for notification_id, dedup_key, *_outbox in inserted or ():
            by_key[dedup_key].pk = notification_id
            created.append(by_key[dedup_key])
        return created


NOTIFICATIONS = _Notifications()


def _unique(told: list) -> list:
    """Return ``told`` without a second row for a key already in it."""
    first = {}
    for row, emailed in told:
        first.setdefault(row.dedup_key, (row, emailed))
    return list(first.values())


def handed_to_listener() -> bool:
    """Return True if new outbox rows reach the workers through the outbox listener.

    Then the step only sends a ``NOTIFY`` (on commit) and ``manage.py outbox_listener``
    publishes the delivery tasks; otherwise (SQLite, eager Celery, or
    ``NOTIFICATIONS_HANDOFF = "commit"``) the step publishes them after its commit.
    Either way the sweep delivers what neither handed over.
    """
    from .tasks import deliver

    return (
        settings.NOTIFICATIONS_HANDOFF == "listener"
        and connection.vendor == "postgresql"
        and not deliver.app.conf.task_always_eager
    )


def _insert_new(rows: list[Notification], emailed: set[int]) -> list[Notification]:
    """Insert the notifications whose dedup_key is not taken yet, and the outbox rows of
    those to be emailed to ``emailed`` (user ids) now; return the notifications inserted.

    The portable path: one read and two inserts for an event, however many recipients.
    """
    taken = set(
        Notification.objects.filter(dedup_key__in=[row.dedup_key for row in rows]).values_list(
            "dedup_key", flat=True
        )
    )
    fresh = [row for row in rows if row.dedup_key not in taken]
    if not fresh:
        return []
    try:
        # A savepoint, so a concurrent twin's insert does not spoil the caller's transaction.
        with transaction.atomic():
            Notification.objects.bulk_create(fresh)
            _enqueue([_email_row(n) for n in fresh if n.recipient_id in emailed], checked=True)
        return fresh
    except IntegrityError:
        # A twin inserted some of them between the read and the insert: one at a time.
        created = [row for row in fresh if _insert_one(row)]
        for notification in created:
            if notification.recipient_id in emailed:
                enqueue_email(notification)
        return created


def _insert_one(row) -> bool:
    """Insert ``row`` unless its dedup_key is taken; return True if it was inserted."""
    if type(row).objects.filter(dedup_key=row.dedup_key).exists():
        return False
    try:
        with transaction.atomic():
            row.save(force_insert=True)
        return True
    except IntegrityError:
        logger.info("%s %s already exists", type(row).__name__, row.dedup_key)
        row.pk = None
        return False


def _email_row(notification: Notification) -> OutboxMessage:
    return OutboxMessage(
        kind=OutboxMessage.Kind.NOTIFICATION,
        recipient=notification.recipient,
        notification=notification,
        dedup_key=f"email:{notification.dedup_key}"[:255],
    )


def enqueue_email(notification: Notification) -> OutboxMessage | None:
    """Write the outbox row for one notification's email and kick delivery after commit."""
    return next(iter(_enqueue([_email_row(notification)])), None)


def _enqueue(messages: list[OutboxMessage], *, checked=False) -> list[OutboxMessage]:
    """Write the outbox rows not written yet and kick their delivery after the commit.

    ``checked``: the caller knows none of them exists (they belong to notifications it
    has just inserted) and handles the IntegrityError of a concurrent twin itself.
    """
    grace = datetime.timedelta(seconds=settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS)
    # The sweep leaves a fresh row alone for a moment: its kick is probably on the way.
    for message in messages:
        message.next_attempt_at = timezone.now() + grace
    if checked:
        queued = OutboxMessage.objects.bulk_create(messages) if messages else []
    else:
        queued = [message for message in messages if _insert_one(message)]
    for message in queued:
        kick_after_commit(message.pk)
    return queued


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
    digest = OutboxMessage(
        kind=OutboxMessage.Kind.DIGEST,
        recipient=user,
        payload={"date": on.isoformat(), "notifications": ids[:limit], "total": total},
        dedup_key=f"digest:{on.isoformat()}:u{user.pk}",
    )
    return next(iter(_enqueue([digest])), None)


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
