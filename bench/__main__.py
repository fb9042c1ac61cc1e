"""``python -m bench [NAME ...] [--quick]``: run the benchmarks against PostgreSQL.

Each benchmark runs in a process of its own (``python -m bench.run NAME``) against a
throw-away database ``bench_NAME`` on the server DATABASE_URL names, copied here from
``bench_template`` (migrated once per run) and dropped afterwards. Figures go to standard
output (``name.figure value``) and to ``bench/results/NAME.json`` (``NAME.quick.json``
for a ``--quick`` run).
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

BENCHMARKS = ["step_throughput", "inbox", "memory", "report"]
TEMPLATE = "bench_template"
ROOT = Path(__file__).resolve().parents[1]


def _server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print(
            "make bench needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/name "
            "(each benchmark creates and drops a database bench_<name> on that server).",
            file=sys.stderr,
        )
        sys.exit(2)
    return url.rpartition("/")[0]


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
    base = _server_url()
    failed = 0
    # Migrated once; each benchmark's database is a copy of it (CREATE DATABASE ...
    # TEMPLATE), which takes a fraction of a second where migrating takes ten.
    _admin(base, f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
    _admin(base, f"CREATE DATABASE {TEMPLATE}")
    try:
        migrate = [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"]
        subprocess.run(migrate, env=_env(base, TEMPLATE), cwd=ROOT, check=True)
        for name in args.names or BENCHMARKS:
            failed |= _run(base, name, args.quick)
    finally:
        _admin(base, f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
    return 1 if failed else 0


def _env(base: str, database: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": f"{base}/{database}",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "CONN_MAX_AGE": "0",
    }
    env.pop("CELERY_BROKER_URL", None)
    return env


def _run(base: str, name: str, quick: bool) -> int:
    """Run one benchmark in a fresh copy of the migrated database; return its exit code."""
    database = f"bench_{name}"
    _admin(base, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    _admin(base, f"CREATE DATABASE {database} TEMPLATE {TEMPLATE}")
    command = [sys.executable, "-m", "bench.run", name, *(["--quick"] if quick else [])]
    try:
        return subprocess.run(command, env=_env(base, database), cwd=ROOT, check=False).returncode
    finally:
        _admin(base, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
