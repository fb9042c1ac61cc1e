"""The outbox listener: hands new outbox rows to the workers as soon as their step commits.

On PostgreSQL a step writes its outbox rows and a ``NOTIFY`` of their ids in its flush
(``notifications.sql``), and PostgreSQL delivers the ``NOTIFY`` only if the step
commits. This process (``manage.py outbox_listener``) listens on that channel and
publishes one delivery task per id, so that a step never waits for the broker.

Nothing depends on it for correctness, only for speed: ids whose publish failed (the
broker is down) are kept and published again every few seconds; on (re)connecting to
PostgreSQL, the pending rows still inside the sweep's grace period are handed over too
(a ``NOTIFY`` sent while no listener was connected is lost); and the periodic sweep
(Celery beat) delivers whatever is left once its grace period is over.
"""

import logging
import time

import psycopg
from django.db import close_old_connections, connection

from . import delivery, tasks
from .sql import CHANNEL

logger = logging.getLogger(__name__)


def listen(*, stop, retry_seconds: float = 2.0, tick_seconds: float = 1.0) -> None:
    """Hand new outbox rows to the workers until ``stop()`` returns True."""
    backlog: set[int] = set()
    while not stop():
        try:
            with _connect() as listening:
                listening.execute(f"LISTEN {CHANNEL}")
                backlog |= set(_fresh_ids())
                logger.info("Listening on %s; %s rows to hand over", CHANNEL, len(backlog))
                backlog = _serve(listening, backlog, stop, retry_seconds, tick_seconds)
        except psycopg.OperationalError as error:
            logger.warning("Outbox listener lost PostgreSQL (%s); reconnecting", error)
            time.sleep(retry_seconds)


def _serve(listening, backlog: set[int], stop, retry_seconds, tick_seconds) -> set[int]:
    """Hand over what is announced, retrying failures every ``retry_seconds``."""
    retry_at = 0.0
    while not stop():
        for note in listening.notifies(timeout=tick_seconds):
            backlog |= ids_of(note.payload)
            if time.monotonic() >= retry_at:
                backlog, retry_at = _hand_off(backlog, retry_seconds)
            if stop():
                break
        if backlog and time.monotonic() >= retry_at:
            backlog, retry_at = _hand_off(backlog, retry_seconds)
    return backlog


def _hand_off(backlog: set[int], retry_seconds: float) -> tuple[set[int], float]:
    left = set(tasks.hand_off(sorted(backlog)))
    return left, (time.monotonic() + retry_seconds if left else 0.0)


def ids_of(payload: str) -> set[int]:
    """Return the outbox ids a ``NOTIFY`` payload ("3,4,5") names."""
    return {int(part) for part in payload.split(",") if part.strip().isdigit()}


def _fresh_ids() -> list[int]:
    close_old_connections()
    try:
        return delivery.fresh_message_ids()
    finally:
        connection.close()


def _connect() -> psycopg.Connection:
    """Open a connection of its own (autocommit, as LISTEN needs) to Django's database."""
    params = connection.get_connection_params()
    for key in ("cursor_factory", "context", "prepare_threshold"):
        params.pop(key, None)
    return psycopg.connect(**params, autocommit=True)
