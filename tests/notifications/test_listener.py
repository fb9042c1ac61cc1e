"""The outbox listener hands committed steps' mail to a real worker, broker outage or not.

A step on PostgreSQL only writes its outbox rows and a NOTIFY; ``notifications.listener``
(run here in a thread, as ``manage.py outbox_listener`` runs it) publishes the delivery
tasks to a private Redis, and a real ``celery worker`` sends them. The sweep's grace is
two minutes in most tests, so that what arrives sooner was handed over by the listener.
"""

import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

import audit
from notifications import Event, emit, listener
from notifications.models import OutboxMessage
from tests.factories import UserFactory

from . import test_worker
from .test_worker import _complete_steps as _steps
from .test_worker import _deliveries, _wait_all_sent

# The worker tests' fixtures: a private Redis, a real worker and the mail sink it sends to.
broker = test_worker.broker
redis_server = test_worker.redis_server
sink = test_worker.sink
start_worker = test_worker.start_worker

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture
def start_listener(start_worker, settings):
    settings.NOTIFICATIONS_HANDOFF = "listener"
    settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS = 120
    stop = threading.Event()
    threads = []

    def start():
        thread = threading.Thread(
            target=listener.listen,
            kwargs={"stop": stop.is_set, "retry_seconds": 0.5, "tick_seconds": 0.2},
            daemon=True,
        )
        thread.start()
        threads.append(thread)

    yield start
    stop.set()
    for thread in threads:
        thread.join(timeout=10)


def _each_sent_once(mail_sink):
    messages = OutboxMessage.objects.all()
    assert {m.status for m in messages} == {OutboxMessage.Status.SENT}
    assert _deliveries(mail_sink) == {str(m.pk): 1 for m in messages}


def test_the_listener_hands_committed_steps_to_the_worker_before_any_sweep(
    start_worker, start_listener, sink, unit_a
):
    people = [UserFactory() for _ in range(3)]
    worker = start_worker()
    start_listener()
    _steps(unit_a, people, 5)
    with pytest.raises(RuntimeError), transaction.atomic(), audit.batched():
        emit(Event.REJECTED, subject=unit_a, to=people, task=99)
        raise RuntimeError("the step failed: its NOTIFY is never delivered")

    _wait_all_sent(30, worker)
    assert OutboxMessage.objects.count() == 5
    _each_sent_once(sink)


def test_steps_taken_while_redis_is_down_are_mailed_once_it_is_back(
    start_worker, start_listener, broker, sink, unit_a
):
    people = [UserFactory() for _ in range(5)]
    worker = start_worker()
    start_listener()
    broker.stop()

    started = time.monotonic()
    _steps(unit_a, people, 20)
    steps_seconds = time.monotonic() - started
    time.sleep(1)  # the listener tries, fails and keeps the ids
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count() == 20

    broker.start()
    _wait_all_sent(60, worker)  # well inside the sweep's two minutes: the listener did it
    _each_sent_once(sink)
    assert steps_seconds < 10  # a step never waits for the broker


def test_a_listener_started_after_the_steps_hands_over_what_it_missed(
    start_worker, start_listener, sink, unit_a
):
    people = [UserFactory() for _ in range(2)]
    worker = start_worker()
    _steps(unit_a, people, 4)

    start_listener()
    _wait_all_sent(30, worker)
    _each_sent_once(sink)


def test_without_a_listener_the_sweep_delivers_after_its_grace(
    start_worker, settings, sink, unit_a
):
    settings.NOTIFICATIONS_HANDOFF = "listener"
    people = [UserFactory() for _ in range(2)]
    worker = start_worker()  # the grace is two seconds here
    _steps(unit_a, people, 4)

    _wait_all_sent(30, worker)
    _each_sent_once(sink)


def test_a_notify_payload_names_outbox_ids():
    assert listener.ids_of("3,4,15") == {3, 4, 15}
    assert listener.ids_of("") == set()


@pytest.mark.django_db
def test_the_listener_command_refuses_sqlite_where_steps_publish_after_commit():
    if connection.vendor == "postgresql":
        pytest.skip("the refusal is SQLite's")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("outbox_listener")
