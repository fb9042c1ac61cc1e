"""The benchmarks run: a quick run of every benchmark prints its figures and writes JSON."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def _figures(name: str) -> dict:
    return json.loads((ROOT / f"bench/results/{name}.quick.json").read_text())


@pytest.mark.postgres
def test_a_quick_run_of_every_benchmark_prints_figures_and_writes_json(db):
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs the benchmark smoke test on PostgreSQL")
        pytest.skip("the benchmarks need PostgreSQL")
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)

    assert float(lines["step_throughput.full_steps_per_s"]) > 0
    assert float(lines["step_throughput.plain_viewflow_steps_per_s"]) > 0
    steps = _figures("step_throughput")
    assert steps["steps"] == steps["trips"] * 5
    assert steps["full_two_processes_steps_per_s"] > 0

    inbox = _figures("inbox")
    assert inbox["large_tasks"] > 10 * inbox["small_tasks"]
    pages = inbox["sizes"][next(iter(inbox["sizes"]))]["pages"]
    assert len(pages) == 15  # five roles, three pages each
    for key in pages:
        assert inbox[f"{key}.p95_ms_large"] > 0
        # A page costs the same number of queries whatever the size of the history,
        # and no more than the target's twelve.
        assert inbox[f"{key}.queries_small"] == inbox[f"{key}.queries_large"], key
        assert inbox[f"{key}.queries_large"] <= 12, key

    memory = _figures("memory")
    assert memory["requests"] == 2 * 15
    assert 0 < memory["worker_rss_after_start_mb"] <= memory["worker_peak_rss_mb"]
    assert float(lines["memory.worker_peak_rss_mb"]) == memory["worker_peak_rss_mb"]

    report = _figures("report")
    assert "skipped" not in report, report
    for period in ("one_year", "four_years"):
        assert report[f"{period}.report_ms"] > 0
        assert report[f"{period}.bare_sql_ms"] > 0
    assert report["four_years.trips_counted"] > report["one_year.trips_counted"] > 0
    assert report["one_year.decisions"] > 0


def test_without_postgresql_the_benchmarks_say_so():
    env = {**os.environ, "DATABASE_URL": "sqlite:////tmp/x.db", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "needs PostgreSQL" in result.stderr
