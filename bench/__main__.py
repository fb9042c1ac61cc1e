"""``python -m bench [NAME ...] [--quick]``: run the benchmarks against PostgreSQL.

Each benchmark runs in a process of its own (``python -m bench.run NAME``) against a
throw-away database ``<db>_bench_NAME`` on the server DATABASE_URL names (``<db>`` is
the database DATABASE_URL names, so that two checkouts benchmarking on one server do
not drop each other's), copied here from ``<db>_bench_template`` (migrated once per
run) and dropped afterwards. Figures go to standard
output (``name.figure value``) and to ``bench/results/NAME.json`` (``NAME.quick.json``
for a ``--quick`` run). Last, each target of the benchmarks run is printed with its
verdict (``target.NAME.figure value ≥ limit met``; ``bench.targets``) and written to
``bench/results/targets.json``.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import targets
from bench.run import read_summary, summary_path, write_summary

BENCHMARKS = ["step_throughput", "inbox", "memory", "report"]
ROOT = Path(__file__).resolve().parents[1]


def _server_url() -> tuple[str, str]:
    """Return the server's URL and the prefix of the scratch databases' names."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print(
            "make bench needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/name "
            "(each benchmark creates and drops a database name_bench_<benchmark> there).",
            file=sys.stderr,
        )
        sys.exit(2)
    base, _slash, database = url.partition("?")[0].rpartition("/")
    return base, f"{database or 'doingoai'}_bench"


def _admin(base: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(BENCHMARKS))
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    args = parser.parse_args()
    unknown = set(args.names) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    base, prefix = _server_url()
    template = f"{prefix}_template"
    failed = 0
    results = {}
    # Migrated once; each benchmark's database is a copy of it (CREATE DATABASE ...
    # TEMPLATE), which takes a fraction of a second where migrating takes ten.
    _admin(base, f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
    _admin(base, f'CREATE DATABASE "{template}"')
    # The files the steps store (the signed decisions) go to a scratch directory.
    media = tempfile.TemporaryDirectory(prefix="bench-media-")
    os.environ["MEDIA_ROOT"] = media.name
    try:
        migrate = [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"]
        subprocess.run(migrate, env=_env(base, template), cwd=ROOT, check=True)
        for name in args.names or BENCHMARKS:
            code, results[name] = _run(base, prefix, template, name, args.quick)
            failed |= code
    finally:
        _admin(base, f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
        media.cleanup()
    _print_targets(results, args.quick)
    return 1 if failed else 0


def _print_targets(results: dict, quick: bool) -> None:
    """Print each target of the benchmarks run with its verdict; write them as JSON too."""
    checked = targets.check_all(results)
    if quick:
        print("targets: a quick run's sizes are far below the targets' sizes", flush=True)
    for target in checked:
        print(targets.line(target), flush=True)
    write_summary("targets", quick, checked)


def _env(base: str, database: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": f"{base}/{database}",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "CONN_MAX_AGE": "0",
    }
    env.pop("CELERY_BROKER_URL", None)
    return env


def _run(base: str, prefix: str, template: str, name: str, quick: bool) -> tuple[int, dict]:
    """Run one benchmark in a fresh copy of the migrated database; return its exit code
    and its figures (none if it failed: an earlier run's file is not this run's)."""
    database = f"{prefix}_{name}"
    summary = summary_path(name, quick)
    summary.unlink(missing_ok=True)
    _admin(base, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    _admin(base, f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
    command = [sys.executable, "-m", "bench.run", name, *(["--quick"] if quick else [])]
    try:
        code = subprocess.run(command, env=_env(base, database), cwd=ROOT, check=False).returncode
    finally:
        _admin(base, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return code, read_summary(name, quick) if code == 0 and summary.exists() else {}


if __name__ == "__main__":
    sys.exit(main())
