"""Deadlines of workflow steps (hạn xử lý): set when a task opens, shown in the inbox,
reminded the working day before, escalated to the superior once overdue.

A flow gives a human step its deadline in one line::

    review = RoleView(...).onCreate(deadlines.on_create("outbound.review")).Next(...)

The step key names an entry of ``settings.WORKFLOW_DEADLINES`` ("5 working" or "15
calendar"), read by ``workdays.deadline_for``; the due date is ``workdays.due_date``,
the same one the services store on the matter. Keys ending in ``.report`` are results
reports and use the report events.
A deadline that counts from another day than the task's creation passes ``start``::

    report_results = RoleView(...).onCreate(deadlines.on_create(
        "outbound.report", start=lambda activation: activation.process.trip.end_date))
Celery beat runs ``send_deadline_reminders`` (``workflows.tasks``); a second run, on this
machine or another, sends nothing more.
"""

import datetime
import logging
from collections import Counter

from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.urls import NoReverseMatch, get_resolver
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

import workdays
from audit import flush
from notifications import Event, emit
from organizations.selectors import superior_of
from workdays import calendar
from workdays.models import TaskDeadline
from workdays.steps import deadline_for  # noqa: F401 - the flows and tests read it here

logger = logging.getLogger(__name__)

# A task still waiting for someone: not yet taken, taken, or being worked on.
OPEN_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


# Setting deadlines -----------------------------------------------------------------------


def set_deadline(task: Task, step_key: str, start: datetime.date | None = None) -> TaskDeadline:
    """Give ``task`` the due date of ``step_key``, counted from ``start`` (default: the
    day the task was created). Idempotent: a task that has a due date keeps it.
    """
    existing = TaskDeadline.objects.filter(task=task).first()
    return existing or _new_deadline(task, step_key, start)


# Inside a step (``audit.batched``) a task's deadline row is written with the step's flush.
DEADLINES = flush.Inserts(TaskDeadline)


def _new_deadline(task: Task, step_key: str, start: datetime.date | None) -> TaskDeadline:
    deadline = deadline_for(step_key)
    start = start or timezone.localdate(task.created)
    row = TaskDeadline(
        task=task,
        step=step_key,
        days=deadline.days,
        working=deadline.working,
        # The same function the services use for the date they store on the matter.
        due_on=workdays.due_date(step_key, start),
    )
    flush.write(DEADLINES, [row])
    return row


def on_create(step_key: str, start=None):
    """Return a viewflow ``onCreate`` callback that sets the deadline of ``step_key``.

    ``start(activation)``, if given, returns the day the deadline counts from (default:
    the day the task is created). viewflow calls it once, right after it created the
    task, so there is no earlier due date to keep.
    """

    def set_task_deadline(activation):
        _new_deadline(activation.task, step_key, start(activation) if start else None)

    set_task_deadline.__name__ = f"set_deadline_{step_key.replace('.', '_')}"
    return set_task_deadline


# Reading deadlines -----------------------------------------------------------------------


def with_deadlines(tasks, *, today: datetime.date | None = None):
    """Annotate ``tasks`` with ``due_on`` and ``is_overdue``, in the same single query.

    A task is overdue when it is still open and today is after its due date (the due
    date itself is the last day allowed). Tasks without a deadline get None and False.
    """
    today = today or timezone.localdate()
    overdue = Q(deadline__due_on__lt=today, status__in=OPEN_STATUSES)
    return tasks.annotate(
        due_on=F("deadline__due_on"),
        is_overdue=Case(When(overdue, then=Value(True)), default=Value(False)),
    )


# Hooks the flows fill in -----------------------------------------------------------------


def task_candidates(task: Task) -> list:
    """Return who may take the unassigned ``task``: told when it nears or passes its deadline.

    A flow answers by defining ``task_candidates(self, task)`` on the step (node) or on
    the Flow class, e.g. the focal agency's reviewers for a review waiting in their queue.
    By default nobody.
    """
    node = task.flow_task
    if node is None:
        return []
    for provider in (node, node.flow_class.instance):
        hook = getattr(provider, "task_candidates", None)
        if callable(hook):
            return [user for user in hook(task) if user is not None]
    return []


def task_subject(task: Task):
    """Return what a deadline notification is about: the flow's ``task_subject(task)`` if
    it defines one, else the task's process.
    """
    node = task.flow_task
    hook = getattr(node.flow_class.instance, "task_subject", None) if node else None
    return hook(task) if callable(hook) else task.coerced_process


def _task_url(task: Task) -> str:
    """Return the path of ``task``'s page, or "" if its flow is not mounted."""
    # viewflow learns a node's URL namespace when the URLconf is built; a Celery worker
    # has not built it yet.
    get_resolver().url_patterns  # noqa: B018
    try:
        return task.reverse("index")
    except (NoReverseMatch, AttributeError):
        return ""


# The reminder sweep ----------------------------------------------------------------------


def send_deadline_reminders(*, today: datetime.date | None = None) -> dict[str, int]:
    """Remind open tasks due on the next working day; escalate the overdue ones. Return
    how many rows ended in each outcome ("reminded", "escalated", "closed", ...).

    Each row is handled once, in its own transaction, under ``SELECT … FOR UPDATE SKIP
    LOCKED``: two sweeps at the same moment split the rows between them, and a row
    already reminded or escalated is not told again.
    """
    today = today or timezone.localdate()
    horizon = calendar.next_working_day(today)
    due = TaskDeadline.objects.filter(closed_at__isnull=True, due_on__lte=horizon)
    outcomes = Counter()
    for task_id in list(due.order_by("due_on").values_list("task_id", flat=True)):
        try:
            outcomes[_sweep_one(task_id, today=today)] += 1
        except Exception:  # one broken task must not hold up everyone else's reminders
            logger.exception("Deadline of task %s could not be handled", task_id)
            outcomes["failed"] += 1
    return dict(outcomes)


@transaction.atomic
def _sweep_one(task_id: int, *, today: datetime.date) -> str:
    """Handle one deadline row; return what was done with it."""
    row = (
        TaskDeadline.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("task__owner")
        .filter(task_id=task_id, closed_at__isnull=True)
        .first()
    )
    if row is None:
        return "skipped"  # another sweep holds it, or has just finished it
    now = timezone.now()
    if row.task.status not in OPEN_STATUSES:
        row.closed_at = now
        row.save(update_fields=["closed_at"])
        return "closed"
    if row.due_on < today:
        _escalate(row)
        row.escalated_at = row.closed_at = now
        row.save(update_fields=["escalated_at", "closed_at"])
        return "escalated"
    if row.reminded_at is None:
        _remind(row)
        row.reminded_at = now
        row.save(update_fields=["reminded_at"])
        return "reminded"
    return "waiting"


def _holders(task: Task) -> list:
    """Return who is expected to do ``task``: its owner, or those who may take it."""
    return [task.owner] if task.owner_id else task_candidates(task)


def _emit(event, row: TaskDeadline, to) -> None:
    task = row.task
    emit(
        event,
        subject=task_subject(task),
        to=to,
        task=task,
        url=_task_url(task),
        context={"due_on": row.due_on.isoformat(), "step": row.step},
    )


def _is_results_report(row: TaskDeadline) -> bool:
    """Return True for a results report (báo cáo kết quả), told in its own words."""
    return row.step.endswith(".report")


def _remind(row: TaskDeadline) -> None:
    """Tell the holders of ``row``'s task that it is due on the next working day."""
    event = Event.REPORT_DUE if _is_results_report(row) else Event.DEADLINE_NEAR
    if holders := _holders(row.task):
        _emit(event, row, holders)


def _escalate(row: TaskDeadline) -> None:
    """Tell the holders that the task is overdue, and their superiors that it is."""
    holders = _holders(row.task)
    if not holders:
        logger.warning("Overdue task %s has nobody to tell", row.task_id)
        return
    _emit(Event.REPORT_OVERDUE if _is_results_report(row) else Event.OVERDUE, row, holders)
    superiors = {superior_of(person) for person in holders} - {None, *holders}
    if superiors:
        _emit(Event.ESCALATED, row, sorted(superiors, key=lambda user: user.pk))
