"""`make run`'s embedded scheduler: beat's schedule run in process, with no broker."""

import pytest
from viewflow.workflow.status import STATUS

from config import scheduler
from config.celery import app
from notifications.models import OutboxMessage
from tests.trips import started_trip
from workflows import driver
from workflows.demo import _steps
from workflows.flows import OutboundTripFlow as F
from workflows.selectors import process_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def trip_back_home(settings, province, lan, minh, hoa, dung, pho, van, unit_a):
    """A trip issued and held 20 days ago: its wait for the return is past due."""
    settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS = 0
    trip = started_trip(lan, unit_a)
    steps = _steps(
        {"lanhdao.sct": minh, "chuyenvien.snv": hoa, "anninh.ca": dung, "phochutich.dn": pho}
    )
    for step in ("endorse", "forward", "clear", "approve"):
        node, actor, perform = steps[step]
        driver.complete(trip, node, actor=actor, perform=perform)
    driver.issue(trip, F, clerk=van)
    driver.held(trip, days_ago=20)
    OutboxMessage.objects.update(status=OutboxMessage.Status.SENT)
    return trip


def test_one_tick_runs_every_periodic_task_fires_the_timer_and_sends_the_mail(
    trip_back_home, lan, mailoutbox
):
    ticker = scheduler.Scheduler()

    results = ticker.tick()

    assert set(results) == set(app.conf.beat_schedule)
    assert ticker.failed == []
    assert results["workflows-timers"]["timers"] == 1
    report = process_of(trip_back_home).task_set.get(flow_task=F.report)
    assert report.status in (STATUS.NEW, STATUS.ASSIGNED)
    # The report task's notification left through the outbox in the same tick.
    assert not OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).exists()
    assert lan.email in [address for message in mailoutbox for address in message.to]


def test_the_next_tick_runs_only_what_is_due_again(db):
    ticker = scheduler.Scheduler()
    ticker.tick()
    assert ticker.due() == []


def test_it_is_off_in_tests_and_in_production(settings):
    assert not scheduler.enabled()  # pytest-django turns DEBUG off
    settings.DEBUG = True
    assert scheduler.enabled()
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker: beat and the workers do it
    assert not scheduler.enabled()
