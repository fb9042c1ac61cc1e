"""A real Celery worker against a private Redis delivers the outbox, whatever happens.

These start ``redis-server`` and ``celery worker`` as subprocesses against the pytest
PostgreSQL database. Without redis-server or PostgreSQL they are skipped, except in CI
(CI=true), where a missing tool is a failure.
"""

import collections
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection, transaction

import audit
from notifications import Event, emit
from notifications.models import OutboxMessage
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))
REDIS_SERVER = shutil.which("redis-server")


def _require(condition: bool, reason: str):
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs this: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(predicate, timeout: float, what: str, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


class RedisServer:
    """A throw-away redis-server on a free port, with no persistence."""

    def __init__(self, tmp_path):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = tmp_path / "redis.log"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--logfile", str(self.log)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait(self._accepts, 10, "redis-server")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def _accepts(self):
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
            return True
        except OSError:
            return False


class Worker:
    """``celery -A config worker`` (prefork, one child, embedded beat) on the test database."""

    def __init__(self, tmp_path, redis, sink, delay):
        self.log = tmp_path / "worker.log"
        db = connection.settings_dict
        self.env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
            "DATABASE_URL": (
                f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
                f"/{db['NAME']}"
            ),
            "CELERY_BROKER_URL": redis.url,
            "MAIL_SINK_DIR": str(sink),
            "MAIL_SINK_DELAY": str(delay),
            "NOTIFICATIONS_SWEEP_SECONDS": "1",
            "NOTIFICATIONS_SWEEP_GRACE_SECONDS": "2",
            "NOTIFICATIONS_RETRY_BASE_SECONDS": "1",
            "CI": "",
        }
        if db.get("PASSWORD"):
            self.env["PGPASSWORD"] = db["PASSWORD"]
        self.process = None
        self.starts = 0

    def start(self):
        self.starts += 1
        ready = f"ready-{self.starts}"
        with self.log.open("a") as log:
            log.write(f"--- start {self.starts}\n")
            self.process = subprocess.Popen(
                [CELERY, "-A", "config", "worker", "--pool=prefork", "--concurrency=1", "-B"]
                + ["--without-gossip", "--without-mingle", "--without-heartbeat"]
                + ["--loglevel=INFO", "-n", f"{ready}@%h"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # so killpg takes the pool child and beat too
            )
        _wait(lambda: f"{ready}@" in self.log.read_text() and self._ready(), 30, "the worker")

    def _ready(self):
        if self.process.poll() is not None:
            pytest.fail(f"worker exited:\n{self.log.read_text()[-3000:]}")
        return self.log.read_text().count(" ready.") >= self.starts

    def kill(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@pytest.fixture
def redis_server(tmp_path):
    _require(REDIS_SERVER is not None, "redis-server is not installed")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def sink(tmp_path):
    path = tmp_path / "mail"
    path.mkdir()
    return path


@pytest.fixture
def broker(redis_server, settings):
    """Point this process's Celery app at the private Redis, as production would be."""
    from config.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=redis_server.url, task_always_eager=False)
    _reset_pools(app)
    yield redis_server
    app.conf.update(saved)
    _reset_pools(app)


def _reset_pools(app):
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def start_worker(transactional_db, broker, tmp_path, sink, settings):
    _require(connection.vendor == "postgresql", "the worker tests need PostgreSQL")
    # The emitting process dates each row's first sweep; match the worker's short grace.
    settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS = 2
    # These publish after the commit; tests/notifications/test_listener.py runs the listener.
    settings.NOTIFICATIONS_HANDOFF = "commit"
    workers = []

    def start(delay=0.0):
        worker = Worker(tmp_path, broker, sink, delay)
        worker.start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.kill()
    connection.close()


def _deliveries(sink) -> collections.Counter:
    """Return how many times each outbox id was accepted by the mail sink."""
    return collections.Counter(p.name.split("-")[1] for p in sink.glob("sent-*.eml"))


def _wait_all_sent(timeout, worker):
    def done():
        return not OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).exists()

    try:
        _wait(done, timeout, "every outbox message to be sent", interval=0.2)
    except pytest.fail.Exception:
        print(worker.log.read_text()[-5000:])
        raise


def _complete_steps(subject, people, count):
    """Emit ``count`` task assignments, each in its own step's transaction and flush."""
    for number in range(count):
        with transaction.atomic(), audit.batched():
            emit(
                Event.TASK_ASSIGNED,
                subject=subject,
                to=[people[number % len(people)]],
                task=number,
                url=f"/cong-viec/{number}/",
            )


def test_a_real_worker_delivers_each_email_once(start_worker, sink, unit_a, lan, minh, hoa):
    worker = start_worker()

    with transaction.atomic():
        emit(Event.RETURNED, subject=unit_a, to=[lan, minh], actor=hoa, task=1, url="/t/1/")

    _wait_all_sent(30, worker)
    sent = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT)
    assert sent.count() == 2
    assert _deliveries(sink) == {str(m.pk): 1 for m in sent}
    body = next(sink.glob("sent-*.eml")).read_text()
    assert "http://127.0.0.1:8000/t/1/" in body


def test_killing_the_worker_mid_delivery_twenty_times_loses_and_doubles_nothing(
    start_worker, sink, unit_a
):
    """SIGKILL the process inside the SMTP call: 15 times the pool child, 5 times all."""
    people = [UserFactory() for _ in range(5)]
    worker = start_worker(delay=0.3)
    _complete_steps(unit_a, people, 30)
    killed = collections.Counter()
    seen = set()
    kills = 0
    started = time.monotonic()
    deadline = started + 90
    while kills < 20 and time.monotonic() < deadline:
        for marker in sorted(set(sink.glob("started-*")) - seen):
            seen.add(marker)
            outbox_id = marker.name.split("-")[1]
            # At most twice per message, so no message nears the incident threshold.
            if killed[outbox_id] >= 2 or kills >= 20:
                continue
            killed[outbox_id] += 1
            kills += 1
            if kills % 4 == 0:
                worker.kill()
                worker.start()
            else:
                _kill_quietly(int(marker.read_text()))
            break
        time.sleep(0.02)

    assert kills == 20
    killing = time.monotonic() - started
    _wait_all_sent(60, worker)
    print(f"20 kills in {killing:.1f} s; all sent {time.monotonic() - started:.1f} s in")
    messages = OutboxMessage.objects.all()
    assert {m.status for m in messages} == {OutboxMessage.Status.SENT}
    assert _deliveries(sink) == {str(m.pk): 1 for m in messages}
    # Sends cut short: a marker with no accepted copy. Each one cost a counted attempt.
    interrupted = [
        m for m in sink.glob("started-*") if not (sink / f"sent-{m.name[8:]}.eml").exists()
    ]
    assert len(interrupted) >= 15
    assert sum(m.attempts for m in messages) >= 30 + len(interrupted)


def _kill_quietly(pid):
    # It may have finished the send a moment ago.
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def test_mail_emitted_while_redis_is_down_is_delivered_by_the_sweep_after_recovery(
    start_worker, broker, sink, unit_a
):
    people = [UserFactory() for _ in range(10)]
    worker = start_worker()
    broker.stop()

    started = time.monotonic()
    _complete_steps(unit_a, people, 100)
    emit_seconds = time.monotonic() - started
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count() == 100

    broker.start()
    restarted = time.monotonic()
    _wait_all_sent(60, worker)
    print(
        f"100 steps in {emit_seconds:.1f} s with Redis down; all delivered "
        f"{time.monotonic() - restarted:.1f} s after it restarted"
    )
    messages = OutboxMessage.objects.all()
    assert _deliveries(sink) == {str(m.pk): 1 for m in messages}
    assert emit_seconds < 30  # a broker outage must not stall the steps themselves
