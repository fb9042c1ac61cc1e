"""The embedded scheduler: Celery beat's schedule run by a thread of the development server.

``make run`` serves the demo with no broker (SQLite, ``CELERY_BROKER_URL`` unset, so
Celery runs tasks eagerly) and no ``celery beat``: without this, viewflow's timers
(waiting for a trip's return), the deadline reminders and the outbox sweep would never
run. ``manage.py serve`` (``workflows/management/commands/serve.py``) is ``runserver``
plus a daemon thread that calls ``Scheduler.tick`` every ``EMBEDDED_SCHEDULER_SECONDS``;
each tick runs the entries of ``config.celery.app.conf.beat_schedule`` that are due, by
their own schedules (the sweep every 15 s, the timers every minute, the reminders at
their hours), in the thread, as the workers would.

It runs only with ``DEBUG`` on and Celery eager (``enabled``): never in tests (they run
no server command) nor in production, where ``celery beat`` and the workers do this.
See docs/operations.md, "Timers and the outbox under make run".
"""

import logging
import threading

from celery.schedules import maybe_schedule
from django.conf import settings
from django.db import close_old_connections

from .celery import app as celery_app

logger = logging.getLogger(__name__)

# Run last in a tick, so that what the other tasks queued is delivered in the same tick.
SWEEP = "notifications.sweep"


def enabled() -> bool:
    """Return True when the development server should run the scheduler itself."""
    return bool(
        settings.DEBUG
        and settings.CELERY_TASK_ALWAYS_EAGER
        and getattr(settings, "EMBEDDED_SCHEDULER", True)
    )


class Scheduler:
    """Run the due entries of a Celery beat schedule, in process; one ``tick`` at a time."""

    def __init__(self, schedule: dict | None = None, app=celery_app):
        self.app = app
        # The tasks modules are found lazily (autodiscover_tasks), as a worker imports them.
        app.loader.import_default_modules()
        entries = schedule if schedule is not None else app.conf.beat_schedule
        # The sweep last; otherwise the schedule's order.
        self.entries = dict(sorted(entries.items(), key=lambda item: item[1]["task"] == SWEEP))
        self.last_run: dict[str, object] = {}
        self.failed: list[str] = []  # the entries whose last run failed

    def due(self) -> list[str]:
        """Return the names of the entries due now; every entry is due at the first tick."""
        names = []
        for name, entry in self.entries.items():
            last = self.last_run.get(name)
            if last is None or maybe_schedule(entry["schedule"], app=self.app).is_due(last)[0]:
                names.append(name)
        return names

    def tick(self) -> dict[str, object]:
        """Run every due entry's task now and return its result by entry name.

        A task that fails is logged, named in ``failed`` and left for its next turn; the
        others still run.
        """
        results = {}
        self.failed = []
        for name in self.due():
            entry = self.entries[name]
            self.last_run[name] = self.app.now()
            task = self.app.tasks[entry["task"]]
            try:
                result = task.apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
                results[name] = result.get(propagate=True)
            except Exception:  # noqa: BLE001 - one task's failure must not stop the others
                logger.exception("Embedded scheduler: %s failed", name)
                self.failed.append(name)
        return results


def start(*, interval: float | None = None) -> threading.Thread:
    """Start the scheduler's daemon thread; it ticks at once, then every ``interval`` s."""
    interval = interval or getattr(settings, "EMBEDDED_SCHEDULER_SECONDS", 15)
    scheduler = Scheduler()
    stop = threading.Event()

    def run():
        while True:
            try:
                scheduler.tick()
            except Exception:  # noqa: BLE001 - the thread must outlive a bad tick
                logger.exception("Embedded scheduler: tick failed")
            finally:
                # The thread's own connection, as a request's would be at its end.
                close_old_connections()
            if stop.wait(interval):
                return

    thread = threading.Thread(target=run, name="embedded-scheduler", daemon=True)
    thread.stop = stop
    thread.start()
    return thread
