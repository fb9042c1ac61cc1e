"""Inbox and lists at two sizes: the same pages, the same people, 100× the history.

``bench.data`` writes 1,000 processes (about 10,000 tasks) into this benchmark's
database; a copy of it (``<database>_large``, CREATE DATABASE ... TEMPLATE) then gets
the history up to 100,000 processes (about 1,190,000 tasks; see ``bench.data`` for the
mix). The open work is the same in both (400 trips across 40 units): a larger province
has more history, and the target asks whether the pages stay as fast as it grows.

The pages (``bench.pages``) are measured in bouts that alternate between the two
databases, each bout in a fresh process, so that load from elsewhere on the machine
falls on both sizes alike; a page's median and p95 are over all its bouts.

Targets: p95 at the large size ≤ 1.5× p95 at the small size, ≤ 12 queries a page.
"""

import time

from django.db import connection

from . import data, pages

OPEN_TRIPS = 400


def _copy_database(suffix: str) -> tuple[str, str]:
    """Copy the current database to ``<name><suffix>``; return both DATABASE_URLs."""
    import os

    import psycopg

    url = os.environ["DATABASE_URL"]
    base, _, name = url.rpartition("/")
    copy = f"{name}{suffix}"
    connection.close()  # a template database must have no other session
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {copy} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {copy} TEMPLATE {name}")
    return url, f"{base}/{copy}"


def _drop_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _use_database(url: str) -> None:
    """Point this process's default connection at the database ``url`` names."""
    connection.close()
    connection.settings_dict["NAME"] = url.rpartition("/")[2]


def run(quick=False) -> dict:
    # A quick run still has every place a trip waits in every unit: 8 × 40 open trips.
    small, large = (4_000, 40_000) if quick else (10_000, 1_000_000)
    bouts, requests = (1, 3) if quick else (4, 25)
    world = data.cast()
    figures = {}
    began = time.perf_counter()
    # 100,000 processes for 1,000,000 tasks, as the target says (small // 10 likewise).
    data.add_trips(1, small // 10, world=world, open_count=OPEN_TRIPS)
    figures[small] = {"generated_in_s": round(time.perf_counter() - began, 1)}
    small_url, large_url = _copy_database("_large")
    try:
        _use_database(large_url)
        began = time.perf_counter()
        data.add_trips(small // 10 + 1, large // 10, world=world, open_count=OPEN_TRIPS)
        figures[large] = {"generated_in_s": round(time.perf_counter() - began, 1)}
        figures[large]["rows"] = data.counts()
        _use_database(small_url)
        figures[small]["rows"] = data.counts()
        served = {small: [], large: []}
        for _ in range(bouts):
            for size, url in ((small, small_url), (large, large_url)):
                served[size].append(pages.serve(requests, url))
    finally:
        _drop_database(large_url)
    for size, bouts_served in served.items():
        figures[size]["peak_rss_mb"] = max(b["peak_rss_mb"] for b in bouts_served)
        figures[size]["pages"] = {
            key: {
                **pages.summary([t for b in bouts_served for t in b["pages"][key]["times_ms"]]),
                "queries": max(b["pages"][key]["queries"] for b in bouts_served),
            }
            for key in bouts_served[0]["pages"]
        }
    return _result(figures, small, large)


def _result(figures, small, large) -> dict:
    result = {
        "small_tasks": figures[small]["rows"]["viewflow_task"],
        "large_tasks": figures[large]["rows"]["viewflow_task"],
        "large_processes": figures[large]["rows"]["viewflow_process"],
        "large_generated_in_s": figures[large]["generated_in_s"],
    }
    for key, small_page in figures[small]["pages"].items():
        large_page = figures[large]["pages"][key]
        result[f"{key}.median_ms_small"] = small_page["median_ms"]
        result[f"{key}.median_ms_large"] = large_page["median_ms"]
        result[f"{key}.p95_ms_small"] = small_page["p95_ms"]
        result[f"{key}.p95_ms_large"] = large_page["p95_ms"]
        result[f"{key}.p95_ratio"] = round(large_page["p95_ms"] / small_page["p95_ms"], 2)
        result[f"{key}.queries_small"] = small_page["queries"]
        result[f"{key}.queries_large"] = large_page["queries"]
    result["worst_p95_ratio"] = max(v for k, v in result.items() if k.endswith(".p95_ratio"))
    result["most_queries"] = max(v for k, v in result.items() if ".queries_" in k)
    # The measuring process (test client, DEBUG off); a real worker: ``bench.memory``.
    result["client_process_peak_rss_mb"] = figures[large]["peak_rss_mb"]
    result["sizes"] = {str(size): figures[size] for size in figures}
    return result
