"""The PostgreSQL statement that writes a step's notifications and outbox rows at once.

Used by ``services`` on PostgreSQL only; the portable path is the ORM's.
"""

import datetime
import json

from django.conf import settings
from django.utils import timezone

from .models import Notification, OutboxMessage

# The channel ``manage.py outbox_listener`` listens on; the payload is outbox ids, "1,2".
CHANNEL = "notifications_outbox"

# The notification columns a step writes, with the type of each in the VALUES list.
COLUMNS = (
    ("recipient_id", "bigint"),
    ("on_behalf_of_id", "bigint"),
    ("event", "text"),
    ("actor_id", "bigint"),
    ("subject_type_id", "integer"),
    ("subject_id", "text"),
    ("subject_label", "text"),
    ("task_id", "text"),
    ("url", "text"),
    ("context", "jsonb"),
    ("dedup_key", "text"),
    ("created_at", "timestamptz"),
)

INSERT = """
WITH new ({names}, emailed) AS (VALUES {values}),
told AS (
    INSERT INTO {notification} ({names}) SELECT {names} FROM new
    ON CONFLICT (dedup_key) DO NOTHING
    RETURNING id, recipient_id, dedup_key
),
queued AS (
    INSERT INTO {outbox} (kind, recipient_id, notification_id, payload, dedup_key, status,
                          attempts, next_attempt_at, last_error, created_at)
    SELECT %s, told.recipient_id, told.id, '{{}}', left('email:' || told.dedup_key, 255), %s,
           0, %s, '', %s
    FROM told JOIN new USING (dedup_key) WHERE new.emailed
    ON CONFLICT (dedup_key) DO NOTHING
    RETURNING id, notification_id
)
SELECT told.id, told.dedup_key, queued.id{notify}
FROM told LEFT JOIN queued ON queued.notification_id = told.id
"""

# Sent on commit only, and only when there are outbox rows.
NOTIFY = """,
    (SELECT pg_notify(%s, ids) FROM (SELECT string_agg(id::text, ',') AS ids FROM queued) AS q
     WHERE ids IS NOT NULL)"""


def insert_notifications(told, *, notify: bool = True) -> tuple[str, list]:
    """Return the statement inserting ``told`` ((notification, emailed) pairs, keys unique).

    It returns (notification id, dedup key, outbox id or NULL) for each notification
    inserted; a key already taken, by an earlier step or a concurrent twin, is skipped.
    With ``notify``, a ``NOTIFY`` of the new outbox ids goes out on commit.
    """
    names = ", ".join(name for name, _type in COLUMNS)
    row = "(" + ", ".join(f"%s::{type_}" for _name, type_ in COLUMNS) + ", %s::boolean)"
    params = []
    for notification, emailed in told:
        params += [*_values(notification), emailed]
    now = timezone.now()
    grace = datetime.timedelta(seconds=settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS)
    # The sweep leaves a fresh row alone for a moment: its hand-off is probably on the way.
    params += [OutboxMessage.Kind.NOTIFICATION, OutboxMessage.Status.PENDING, now + grace, now]
    if notify:
        params.append(CHANNEL)
    sql = INSERT.format(
        names=names,
        values=", ".join([row] * len(told)),
        notification=Notification._meta.db_table,
        outbox=OutboxMessage._meta.db_table,
        notify=NOTIFY if notify else "",
    )
    return sql, params


def _values(notification: Notification) -> list:
    return [
        notification.recipient_id,
        notification.on_behalf_of_id,
        str(notification.event),
        notification.actor_id,
        notification.subject_type_id,
        notification.subject_id,
        notification.subject_label,
        notification.task_id,
        notification.url,
        json.dumps(notification.context),
        notification.dedup_key,
        notification.created_at,
    ]
