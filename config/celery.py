"""The Celery application. Configuration lives in settings (CELERY_* names)."""

import os
from contextlib import ExitStack

from celery import Celery
from celery.schedules import crontab
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("doingoai")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Each task is a unit of work: it reads the settings under one version
# (organizations.settings_cache). An eager task joins its caller's.
_units_of_work: dict[str, ExitStack] = {}


@task_prerun.connect
def _start_unit_of_work(task_id=None, **kwargs):
    from organizations.settings_cache import unit_of_work

    stack = ExitStack()
    stack.enter_context(unit_of_work())
    _units_of_work[task_id] = stack


@task_postrun.connect
def _end_unit_of_work(task_id=None, **kwargs):
    stack = _units_of_work.pop(task_id, None)
    if stack is not None:
        stack.close()


# Periodic tasks are added here only when the task they run exists. Values come from the
# environment directly: this module is imported while settings are still loading.
_SWEEP_SECONDS = float(os.environ.get("NOTIFICATIONS_SWEEP_SECONDS", 15))
app.conf.beat_schedule = {
    # Deliver outbox mail whose kick was lost (broker down, crash) and retry failures.
    "notifications-sweep": {
        "task": "notifications.sweep",
        "schedule": _SWEEP_SECONDS,
        # A sweep that waited longer than its interval is superseded by the next one.
        "options": {"expires": _SWEEP_SECONDS},
    },
    # One digest email per leader per day (the outbox key makes a second run a no-op).
    "notifications-daily-digest": {
        "task": "notifications.send_daily_digests",
        "schedule": crontab(minute=0, hour=int(os.environ.get("NOTIFICATIONS_DIGEST_HOUR", 7))),
    },
    # Deadline reminders and escalations, each sent once; office hours, so nobody is
    # emailed about tomorrow's deadline at midnight.
    "workflows-deadline-reminders": {
        "task": "workflows.send_deadline_reminders",
        "schedule": crontab(minute=0, hour="7-17"),
    },
    # Agreements signed 15 days ago and not yet reported to the Prime Minister and MOFA
    # (each one reminded once: the notification key).
    "agreements-report-reminders": {
        "task": "agreements.remind_unreported",
        "schedule": crontab(minute=30, hour=7),
    },
    # The annual plan: units that have not sent their plan, one working day before the
    # round's deadline (each unit reminded once: the notification key).
    "plans-deadline-reminders": {
        "task": "plans.remind_deadline",
        "schedule": crontab(minute=45, hour=7),
    },
    # Open consular cases left without an update: reminded, then escalated (each once
    # per quiet spell).
    "consular-reminders": {
        "task": "consular.remind_open_cases",
        "schedule": crontab(minute=15, hour="7-17"),
    },
    # APEC business travel cards expiring within ABTC_EXPIRY_REMINDER_DAYS (each card once).
    "abtc-card-expiry-reminders": {
        "task": "abtc.remind_expiring",
        "schedule": crontab(minute=45, hour=7),
    },
    # Foreign NGO aid approved and not started: the aid owner is warned once, then the
    # approval lapses after the regulation's period (ngo_aid.lapse).
    "ngo-aid-lapse-warnings": {
        "task": "ngo_aid.warn_unstarted",
        "schedule": crontab(minute=40, hour=7),
    },
    "ngo-aid-lapses": {
        "task": "workflows.lapse_ngo_aid",
        "schedule": crontab(minute=45, hour=7),
    },
    # Official passports not handed back after a trip: a reminder on the last day, then
    # an escalation (each once: the notification key).
    "permits-passport-reminders": {
        "task": "permits.remind_passports",
        "schedule": crontab(minute=45, hour=7),
    },
    # Requests for the report's figures to other agencies: reminded the working day before
    # their due date, escalated once overdue (each once: the notification key).
    "reports-figure-request-reminders": {
        "task": "reports.remind_figure_requests",
        "schedule": crontab(minute=50, hour=7),
    },
    # The audit chain's head, verified and written outside the database (AUDIT_CHECKPOINT_SINK)
    # every hour: a cut or rewritten tail is caught against it (docs/adr/0006-audit-chain.md).
    "audit-checkpoint": {
        "task": "audit.checkpoint",
        "schedule": crontab(minute=5),
    },
    # viewflow's timers (wait until the delegation returns) and conditional waits.
    "workflows-timers": {
        "task": "workflows.fire_timers",
        "schedule": 60.0,
        "options": {"expires": 60},
    },
}
