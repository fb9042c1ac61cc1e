"""Deadlines of tasks across Tết 2026, reminders and escalation.

hoa (focal agency reviewer) gets a review on Thursday 12/02/2026 with 2 working days:
Friday 13/02 is the last working day before Tết (14/02–22/02), so the review is due on
Monday 23/02. She is reminded on Friday 13/02, not on Sunday 22/02; on Tuesday 24/02
it is overdue and tuan, the head of the focal agency, hears about it.
"""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.template.loader import render_to_string
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from notifications import Event
from notifications.models import Notification
from workdays.calendar import Deadline
from workdays.models import TaskDeadline
from workflows import deadlines, tasks

from .flows_for_tests import ReviewFlow

pytestmark = [
    pytest.mark.usefixtures("flows_for_tests_app"),
    pytest.mark.urls("tests.workflows.urls_for_tests"),
]

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str, hour: int = 9) -> datetime.datetime:
    """Return the local time ``hour`` o'clock on the day written dd/mm/yyyy."""
    day = datetime.datetime.strptime(text, "%d/%m/%Y")
    return day.replace(hour=hour, tzinfo=LOCAL)


@pytest.fixture
def clock():
    with time_machine.travel(at("12/02/2026"), tick=False) as traveller:
        yield traveller


@pytest.fixture
def two_working_days(settings):
    settings.WORKFLOW_DEADLINES = {
        **settings.WORKFLOW_DEADLINES,
        "test.review": "2 working",
        "test.report": "15 calendar",
    }


@pytest.fixture
def open_review(db, two_working_days, province):
    """Return a function that opens a review (for ``owner``, or in the queue) through viewflow."""

    def open_review(owner=None) -> Task:
        process = ReviewFlow.start.run(owner=owner)
        return Task.objects.get(process=process, flow_task=ReviewFlow.review)

    return open_review


def sweep_on(clock, day: str, hour: int = 9) -> dict:
    clock.move_to(at(day, hour))
    return deadlines.send_deadline_reminders()


def told(event) -> list[str]:
    """Return the usernames told about ``event`` so far, in order."""
    rows = Notification.objects.filter(event=event).order_by("pk")
    return list(rows.values_list("recipient__username", flat=True))


# Setting the due date ---------------------------------------------------------------------


def test_a_task_opened_before_tet_is_due_after_it(clock, open_review, hoa):
    task = open_review(owner=hoa)
    row = TaskDeadline.objects.get(task=task)
    assert (row.step, row.days, row.working) == ("test.review", 2, True)
    assert row.due_on == datetime.date(2026, 2, 23)


def test_setting_a_deadline_twice_keeps_the_first(clock, open_review, hoa):
    task = open_review(owner=hoa)
    again = deadlines.set_deadline(task, "test.review", start=datetime.date(2026, 3, 2))
    assert again.due_on == datetime.date(2026, 2, 23)
    assert TaskDeadline.objects.filter(task=task).count() == 1


def test_a_step_missing_from_the_settings_gets_the_default(settings):
    settings.WORKFLOW_DEADLINE_DEFAULT = "4 working"
    assert deadlines.deadline_for("nowhere.step") == Deadline(4, working=True)


def test_every_configured_deadline_is_readable(settings):
    for key in settings.WORKFLOW_DEADLINES:
        assert deadlines.deadline_for(key).days > 0
    assert deadlines.deadline_for("outbound.report") == Deadline(15, working=False)
    assert deadlines.deadline_for("agreement.opinion") == Deadline(7, working=True)


def test_a_badly_written_deadline_is_a_configuration_error(settings):
    settings.WORKFLOW_DEADLINES = {"outbound.review": "five days"}
    with pytest.raises(ImproperlyConfigured):
        deadlines.deadline_for("outbound.review")


# Showing it in the inbox -------------------------------------------------------------------


def test_the_inbox_reads_due_dates_and_overdue_flags_in_one_query(
    clock, open_review, hoa, django_assert_num_queries
):
    first, second = open_review(owner=hoa), open_review(owner=hoa)
    Task.objects.filter(pk=second.pk).update(status=STATUS.DONE)
    clock.move_to(at("24/02/2026"))
    tasks_ = Task.objects.filter(flow_task=ReviewFlow.review).order_by("pk")
    with django_assert_num_queries(1):
        rows = [(t.pk, t.due_on, t.is_overdue) for t in deadlines.with_deadlines(tasks_)]
    due = datetime.date(2026, 2, 23)
    assert rows == [(first.pk, due, True), (second.pk, due, False)]


def test_the_due_date_snippet_marks_an_overdue_task(clock, open_review, hoa):
    open_review(owner=hoa)
    clock.move_to(at("24/02/2026"))
    task = deadlines.with_deadlines(Task.objects.filter(flow_task=ReviewFlow.review)).get()
    html = render_to_string("workflows/_due.html", {"task": task})
    assert "Hạn: 23/02/2026" in html
    assert "Quá hạn" in html
    clock.move_to(at("23/02/2026"))
    task = deadlines.with_deadlines(Task.objects.filter(flow_task=ReviewFlow.review)).get()
    assert "Quá hạn" not in render_to_string("workflows/_due.html", {"task": task})


# Reminders and escalation ----------------------------------------------------------------


def test_the_owner_is_reminded_once_on_the_last_working_day_before_tet(clock, open_review, hoa):
    task = open_review(owner=hoa)
    assert sweep_on(clock, "12/02/2026") == {}
    assert sweep_on(clock, "13/02/2026") == {"reminded": 1}
    assert told(Event.DEADLINE_NEAR) == ["hoa"]
    reminder = Notification.objects.get()
    assert reminder.task_id == str(task.pk)
    assert reminder.url == f"/review/{task.process_id}/review/{task.pk}/"
    assert reminder.context == {"due_on": "2026-02-23", "step": "test.review"}
    for day in ("13/02/2026", "14/02/2026", "22/02/2026", "23/02/2026"):
        sweep_on(clock, day, hour=16)
    assert told(Event.DEADLINE_NEAR) == ["hoa"]
    assert TaskDeadline.objects.get().reminded_at == at("13/02/2026")


def test_an_overdue_task_escalates_to_the_superior_once(clock, open_review, hoa, tuan):
    open_review(owner=hoa)
    sweep_on(clock, "13/02/2026")
    assert sweep_on(clock, "23/02/2026", hour=17) == {"waiting": 1}  # due today: still in time
    assert told(Event.OVERDUE) == told(Event.ESCALATED) == []
    assert sweep_on(clock, "24/02/2026", hour=7) == {"escalated": 1}
    assert told(Event.OVERDUE) == ["hoa"]
    assert told(Event.ESCALATED) == ["tuan"]
    assert sweep_on(clock, "24/02/2026", hour=8) == {}
    assert sweep_on(clock, "25/02/2026") == {}
    assert (told(Event.OVERDUE), told(Event.ESCALATED)) == (["hoa"], ["tuan"])


def test_a_task_first_seen_overdue_escalates_without_a_late_reminder(clock, open_review, hoa, tuan):
    open_review(owner=hoa)
    sweep_on(clock, "02/03/2026")  # beat was down through the whole period
    assert told(Event.DEADLINE_NEAR) == []
    assert (told(Event.OVERDUE), told(Event.ESCALATED)) == (["hoa"], ["tuan"])


def test_a_review_waiting_in_the_queue_reminds_those_who_may_take_it(clock, open_review, hoa, tuan):
    task = open_review(owner=None)
    assert task.status == STATUS.NEW and task.owner is None
    sweep_on(clock, "13/02/2026")
    assert told(Event.DEADLINE_NEAR) == ["hoa"]
    sweep_on(clock, "24/02/2026")
    assert (told(Event.OVERDUE), told(Event.ESCALATED)) == (["hoa"], ["tuan"])


def test_a_finished_task_is_neither_reminded_nor_escalated(clock, open_review, hoa, tuan):
    task = open_review(owner=hoa)
    Task.objects.filter(pk=task.pk).update(status=STATUS.DONE, finished=at("12/02/2026", 15))
    assert sweep_on(clock, "13/02/2026") == {"closed": 1}
    sweep_on(clock, "24/02/2026")
    assert Notification.objects.count() == 0
    assert TaskDeadline.objects.get().closed_at == at("13/02/2026")


def test_a_results_report_counts_from_the_return_date_and_is_told_as_a_report(
    clock, two_working_days, province, lan, minh
):
    """lan's delegation came back on 01/02/2026: 15 days end on 16/02, in Tết, so 23/02."""
    process = ReviewFlow.start_report.run(owner=lan, returned_on=datetime.date(2026, 2, 1))
    row = TaskDeadline.objects.get(task__process=process)
    assert (row.step, row.due_on) == ("test.report", datetime.date(2026, 2, 23))
    sweep_on(clock, "13/02/2026")
    assert told(Event.REPORT_DUE) == ["lan"]
    sweep_on(clock, "24/02/2026")
    assert (told(Event.REPORT_OVERDUE), told(Event.ESCALATED)) == (["lan"], ["minh"])
    assert told(Event.DEADLINE_NEAR) == told(Event.OVERDUE) == []


def test_running_the_sweep_twice_sends_nothing_more(clock, open_review, hoa, lan, tuan):
    for owner in (hoa, hoa, None):
        open_review(owner=owner)
    clock.move_to(at("13/02/2026"))
    tasks.send_deadline_reminders.delay()
    first = Notification.objects.count()
    tasks.send_deadline_reminders.delay()
    assert first == 3
    assert Notification.objects.count() == first
    clock.move_to(at("24/02/2026"))
    tasks.send_deadline_reminders.delay()
    escalated = Notification.objects.count()
    tasks.send_deadline_reminders.delay()
    assert escalated == first + 6  # overdue to hoa ×3, escalated to tuan ×3
    assert Notification.objects.count() == escalated


def test_the_reminder_is_emailed_at_once(
    clock, open_review, hoa, django_capture_on_commit_callbacks, mailoutbox
):
    open_review(owner=hoa)
    clock.move_to(at("13/02/2026"))
    with django_capture_on_commit_callbacks(execute=True):
        deadlines.send_deadline_reminders()
    assert [message.to for message in mailoutbox] == [[hoa.email]]


def test_the_timer_task_runs_viewflows_timers(db):
    assert tasks.fire_timers.delay().get() == {"timers": 0, "conditions": 0}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_row_another_sweep_holds_is_skipped(clock, two_working_days, province, hoa, tuan):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    ReviewFlow.start.run(owner=hoa)
    clock.move_to(at("13/02/2026"))
    results = {}

    def other_sweep():
        try:
            results["other"] = deadlines.send_deadline_reminders()
        finally:
            connection.close()

    with transaction.atomic():
        TaskDeadline.objects.select_for_update().get()  # the first sweep is on it
        thread = threading.Thread(target=other_sweep)
        thread.start()
        thread.join(timeout=30)
    assert results["other"] == {"skipped": 1}
    assert Notification.objects.count() == 0
    assert deadlines.send_deadline_reminders() == {"reminded": 1}
