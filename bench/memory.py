"""Peak memory of a web worker serving the task and trip pages over a large history.

A real worker: gunicorn (as in production, ``gunicorn config.wsgi``) with one sync
worker, DEBUG off (``bench.settings``), on the database this benchmark filled with
``bench.data`` (100,000 trips, about 1,190,000 tasks; 200 trips with ``--quick``).
Every page of ``bench.pages`` for every role is asked over HTTP, round after round;
the figure is the worker's peak resident set size (VmHWM in ``/proc/<pid>/status``),
read after the last request, beside its size after start-up and after the first round.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from . import data, pages

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _worker_pid(master: int) -> int:
    """Return the pid of the (only) worker of the gunicorn ``master``."""
    for _ in range(200):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.05)
    raise RuntimeError("gunicorn started no worker")


def _wait_until_serving(port: int, server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start listening")


def _sessions(targets) -> dict:
    """Sign each person in (a session row, as the login view leaves) and return cookies."""
    from django.conf import settings
    from django.test import Client

    cookies = {}
    for _key, user, _url in targets:
        if user.pk not in cookies:
            client = Client()
            client.force_login(user)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies[user.pk] = f"{settings.SESSION_COOKIE_NAME}={session}"
    return cookies


def _get(port: int, url: str, cookie: str) -> None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{url}",
        # Behind the TLS proxy, as in production (SECURE_PROXY_SSL_HEADER).
        headers={"Cookie": cookie, "X-Forwarded-Proto": "https"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")


def run(quick=False) -> dict:
    trips = 400 if quick else 100_000  # 8 places a trip waits × 40 units, open
    rounds = 2 if quick else 20
    world = data.cast()
    began = time.perf_counter()
    data.add_trips(1, trips, world=world, open_count=min(400, trips))
    generated_in = time.perf_counter() - began
    targets = pages.targets()
    cookies = _sessions(targets)

    port = _free_port()
    with tempfile.TemporaryDirectory() as scratch:
        pidfile = Path(scratch) / "gunicorn.pid"
        command = [
            *(sys.executable, "-m", "gunicorn", "config.wsgi"),
            *("--bind", f"127.0.0.1:{port}", "--workers", "1", "--pid", str(pidfile)),
            *("--log-level", "warning"),
        ]
        server = subprocess.Popen(command, cwd=ROOT, env=os.environ)
        try:
            _wait_until_serving(port, server)
            worker = _worker_pid(server.pid)
            started_mb = pages.rss_mb(worker)
            served = 0
            for round_ in range(rounds):
                for _key, user, url in targets:
                    _get(port, url, cookies[user.pk])
                    served += 1
                if round_ == 0:
                    first_round_mb = pages.rss_mb(worker)
            figures = {
                "trips": trips,
                "tasks": data.counts()["viewflow_task"],
                "generated_in_s": round(generated_in, 1),
                "requests": served,
                "worker_rss_after_start_mb": started_mb,
                "worker_rss_after_first_round_mb": first_round_mb,
                "worker_rss_at_end_mb": pages.rss_mb(worker),
                "worker_peak_rss_mb": pages.peak_rss_mb(worker),
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
    return figures
