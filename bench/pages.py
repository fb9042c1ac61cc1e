"""``python -m bench.pages [--requests N]``: time the task and trip pages, as a web worker.

Run in a process of its own (``bench.inbox`` starts it) so that nothing but these pages
has warmed it. Prints one JSON object: per role and page the median and p95 latency
(ms) and the query count, and the process's peak RSS (VmHWM, MB).

The pages, for six people each with work on their desk:

- ``my_tasks``: the task page, i.e. the inbox (assigned to me), the queue (open to my
  role in my unit) and the archive (the 50 I finished last);
- ``outbound_trips``: the trip list, first page (for unit staff and heads, the unit's
  list; for the others, every trip their role may see);
- ``outbound_trip``: the page of one trip waiting for that person.

Requests go round-robin over every page (one round asks each page once) so that a
burst of load from elsewhere on the machine falls on all pages alike, not on one.
"""

import argparse
import json
import statistics
import time

# role -> (username, the status of a trip that person has on their desk)
ROLES = {
    "unit_staff": ("canbo.sct", "reporting"),
    "unit_head": ("lanhdao.sct", "submitted"),
    "reviewer": ("chuyenvien.snv", "in_review"),
    "security": ("anninh.ca", "security_check"),
    "leader": ("phochutich.dn", "awaiting_approval"),
    # The committee's clerk: decisions to sign (upload) and to register (ADR 0012).
    "clerk": ("vanthu", "approved"),
}
PAGES = ("my_tasks", "outbound_trips", "outbound_trip")


def peak_rss_mb(pid: str = "self") -> float:
    """Return the peak resident set size (VmHWM) of a process, in MB."""
    return _status_mb(pid, "VmHWM")


def rss_mb(pid: str = "self") -> float:
    """Return the resident set size (VmRSS) of a process, in MB."""
    return _status_mb(pid, "VmRSS")


def _status_mb(pid, field: str) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def targets():
    """Return ``[(key, user, url)]``: every role's pages, as ``role.page`` keys."""
    from django.urls import reverse

    from organizations.models import User
    from permits.models import OutboundTrip

    found = []
    for role, (username, status) in ROLES.items():
        user = User.objects.get(username=username)
        trip = OutboundTrip.objects.visible_to(user).filter(status=status).order_by("pk").first()
        urls = {
            "my_tasks": reverse("my_tasks"),
            "outbound_trips": reverse("outbound_trips"),
            "outbound_trip": reverse("outbound_trip", args=[trip.pk]),
        }
        found += [(f"{role}.{page}", user, urls[page]) for page in PAGES]
    return found


def measure(requests: int) -> dict:
    """Return, per ``role.page``, median and p95 latency over ``requests`` and queries."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from config.gc_freeze import Freezer

    # The test client does not go through config.wsgi: count its requests the same way
    # (a freeze's collection is timed with the request it follows).
    freezer = Freezer()
    clients, pages = {}, []
    for key, user, url in targets():
        if user.pk not in clients:
            clients[user.pk] = Client()
            clients[user.pk].force_login(user)
        pages.append((key, clients[user.pk], url))
    times = {key: [] for key, _, _ in pages}
    for round_ in range(requests + 2):  # two warm-up rounds: templates, translations
        for key, client, url in pages:
            began = time.perf_counter()
            response = client.get(url)
            freezer.request_served()
            elapsed = (time.perf_counter() - began) * 1000
            assert response.status_code == 200, (url, response.status_code)
            if round_ >= 2:
                times[key].append(elapsed)
    results = {}
    for key, client, url in pages:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        results[key] = {**summary(times[key]), "queries": len(captured), "times_ms": times[key]}
    return results


def summary(times) -> dict:
    return {"median_ms": round(statistics.median(times), 1), "p95_ms": round(p95(times), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.pages")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    pages = measure(args.requests)
    print(json.dumps({"pages": pages, "peak_rss_mb": peak_rss_mb()}))


def serve(requests: int, database_url: str | None = None) -> dict:
    """Run this module in a fresh process against the current database (or the one
    ``database_url`` names); return its JSON."""
    import os
    import subprocess
    import sys

    env = {**os.environ, **({"DATABASE_URL": database_url} if database_url else {})}
    output = subprocess.run(
        [sys.executable, "-m", "bench.pages", "--requests", str(requests)],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
