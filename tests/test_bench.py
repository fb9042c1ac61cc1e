"""The benchmarks run: a quick step-throughput run prints its figures and writes JSON."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.postgres
def test_a_quick_benchmark_run_prints_figures_and_writes_json(db):
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs the benchmark smoke test on PostgreSQL")
        pytest.skip("the benchmarks need PostgreSQL")
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "step_throughput"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert float(lines["step_throughput.full_steps_per_s"]) > 0
    assert float(lines["step_throughput.plain_viewflow_steps_per_s"]) > 0
    figures = json.loads((ROOT / "bench/results/step_throughput.json").read_text())
    assert figures["steps"] == figures["trips"] * 5


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
