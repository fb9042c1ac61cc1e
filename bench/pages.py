"""``python -m bench.pages [--requests N]``: time the task and trip pages, as a web worker.

Run in a process of its own (``bench.inbox`` and ``bench.memory`` start it) so that its
peak RSS is that of a worker serving these pages and nothing else. Prints one JSON
object: per role and page the median and p95 latency (ms), the query count and the
number of rows shown, and the process's peak RSS (VmHWM, MB).
"""

import argparse
import json
import statistics
import time

# username -> the status of a trip that person has on their desk
ROLES = {
    "unit_staff": ("canbo.sct", "reporting"),
    "unit_head": ("lanhdao.sct", "submitted"),
    "reviewer": ("chuyenvien.snv", "in_review"),
    "security": ("anninh.ca", "security_check"),
    "leader": ("phochutich.dn", "awaiting_approval"),
}


def peak_rss_mb() -> float:
    """Return this process's peak resident set size (VmHWM) in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _measure(client, url, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm-up: templates, translations, content types
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(requests):
        began = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95(times), 1),
        "queries": len(captured),
    }


def measure(requests: int) -> dict:
    from django.test import Client
    from django.urls import reverse

    from organizations.models import User
    from permits.models import OutboundTrip

    results = {}
    for role, (username, status) in ROLES.items():
        user = User.objects.get(username=username)
        trip = OutboundTrip.objects.visible_to(user).filter(status=status).order_by("pk").first()
        client = Client()
        client.force_login(user)
        pages = {
            "my_tasks": reverse("my_tasks"),
            "outbound_trips": reverse("outbound_trips"),
            "outbound_trip": reverse("outbound_trip", args=[trip.pk]),
        }
        for page, url in pages.items():
            results[f"{role}.{page}"] = _measure(client, url, requests)
    return results


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


def serve(requests: int) -> dict:
    """Run this module in a fresh process against the current database; return its JSON."""
    import os
    import subprocess
    import sys

    output = subprocess.run(
        [sys.executable, "-m", "bench.pages", "--requests", str(requests)],
        env=os.environ,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
