"""Celery tasks of the workflows: deadline reminders and viewflow's timers (Celery beat)."""

from celery import shared_task
from viewflow.workflow import timers

from . import deadlines, services


@shared_task(name="workflows.send_deadline_reminders", acks_late=True, ignore_result=True)
def send_deadline_reminders() -> dict:
    """Remind tasks due on the next working day and escalate overdue ones (once each)."""
    return deadlines.send_deadline_reminders()


@shared_task(name="workflows.fire_timers", acks_late=True, ignore_result=True)
def fire_timers() -> dict:
    """Fire viewflow's due ``flow.Timer`` tasks and satisfied ``ConditionalCatch`` waits.

    Both re-check each task under its flow lock, so overlapping runs are safe. Scheduled
    process starts (``StartTimer``) are left out: viewflow cannot guard them against a
    second dispatcher, and no flow of ours starts on a timer.
    """
    return {"timers": timers.fire_due_timers(), "conditions": timers.fire_due_conditions()}


@shared_task(name="workflows.lapse_ngo_aid", acks_late=True, ignore_result=True)
def lapse_ngo_aid() -> int:
    """Let the approvals of foreign NGO aid not started in time lapse, and end their flows."""
    return services.lapse_ngo_aid()
