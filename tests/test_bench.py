"""The benchmarks run: a quick run of every benchmark prints its figures and writes JSON."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from bench import targets
from bench.run import read_summary

ROOT = Path(__file__).resolve().parents[1]


def _figures(name: str):
    return read_summary(name, quick=True)


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
    assert steps["steps"] == steps["trips"] * 7  # submit … approve, sign, register
    assert steps["full_two_processes_steps_per_s"] > 0

    inbox = _figures("inbox")
    assert inbox["large_tasks"] > 10 * inbox["small_tasks"]
    pages = inbox["sizes"][next(iter(inbox["sizes"]))]["pages"]
    assert len(pages) == 18  # six roles, three pages each
    for key in pages:
        assert inbox[f"{key}.p95_ms_large"] > 0
        # A page costs the same number of queries whatever the size of the history,
        # and no more than the target's twelve.
        assert inbox[f"{key}.queries_small"] == inbox[f"{key}.queries_large"], key
        assert inbox[f"{key}.queries_large"] <= 12, key

    memory = _figures("memory")
    assert memory["requests"] == 2 * 18
    assert 0 < memory["worker_rss_after_start_mb"] <= memory["worker_peak_rss_mb"]
    assert float(lines["memory.worker_peak_rss_mb"]) == memory["worker_peak_rss_mb"]

    report = _figures("report")
    assert "skipped" not in report, report
    for period in ("one_year", "four_years"):
        assert report[f"{period}.report_ms"] > 0
        assert report[f"{period}.bare_sql_ms"] > 0
    assert report["four_years.trips_counted"] > report["one_year.trips_counted"] > 0
    assert report["one_year.decisions"] > 0

    # Last, every target with its verdict on this run's figures.
    checked = _figures("targets")
    assert len(checked) == len(targets.TARGETS)
    for target in checked:
        assert target["met"] is not None, target
        assert lines[f"target.{target['benchmark']}.{target['figure']}"].startswith(
            f"{target['value']} {target['bound']} "
        )


def test_a_target_is_met_missed_or_without_a_figure():
    steps = targets.Target("step_throughput", "full_vs_plain", targets.AT_LEAST, 0.8, "ratio")
    rss = targets.Target("memory", "worker_peak_rss_mb", targets.AT_MOST, 150, "RSS")

    assert steps.check({"full_vs_plain": 0.8})["met"] is True
    assert steps.check({"full_vs_plain": 0.38})["met"] is False
    assert rss.check({"worker_peak_rss_mb": 151})["met"] is False
    assert targets.line(steps.check({"full_vs_plain": 0.38})) == (
        "target.step_throughput.full_vs_plain 0.38 ≥ 0.8 missed (ratio)"
    )
    assert targets.line(rss.check({})).endswith("no figure: the benchmark did not run or failed")
    # Only the benchmarks that ran are checked.
    assert [t["figure"] for t in targets.check_all({"memory": {}})] == ["worker_peak_rss_mb"]


def test_the_step_targets_are_those_of_issue_25():
    limits = {t.figure: (t.bound, t.limit) for t in targets.TARGETS}
    assert limits["full_vs_plain"] == (targets.AT_LEAST, 0.65)
    assert limits["full_two_vs_one_process"] == (targets.AT_LEAST, 1.7)
    assert limits["statements_full_vs_plain"] == (targets.AT_MOST, 1.3)


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


def test_the_bulk_data_gives_unnamed_not_null_columns_their_defaults():
    from bench.data import filled

    params = {}
    statement = filled(
        "INSERT INTO permits_tripmember (trip_id, full_name{more_columns}) "
        "SELECT 1, 'A'{more_values}",
        params,
    )
    # A NOT NULL column with a default gets it; a nullable one is left NULL.
    assert '"security_verdict"' in statement and '"person_id"' not in statement
    assert params["default__permits_tripmember__security_verdict"] == "pending"
    assert params["default__permits_tripmember__security_note"] == ""
    columns, values = statement.split(" SELECT ")
    for key in params:
        column = key.rpartition("__")[2]
        assert columns.count(f'"{column}"') == 1 and values.count(f"%({key})s") == 1
    # A NOT NULL column without one stops the benchmark, naming the column.
    with pytest.raises(RuntimeError, match="permits_tripmember.trip_id"):
        filled("INSERT INTO permits_tripmember (full_name{more_columns}) SELECT 'A'", {})
