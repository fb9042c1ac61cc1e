"""``python -m bench [NAME ...] [--quick]``: run the benchmarks against PostgreSQL.

Each benchmark runs in a process of its own (``python -m bench.run NAME``) against a
throw-away database ``bench_NAME`` on the server DATABASE_URL names, created here and
dropped afterwards. Figures go to standard output (``name.figure value``) and to
``bench/results/NAME.json``.
"""

import argparse
import os
import subprocess
import sys

BENCHMARKS = ["step_throughput", "inbox", "report", "memory"]


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
    for name in args.names or BENCHMARKS:
        database = f"bench_{name}"
        _admin(base, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        _admin(base, f"CREATE DATABASE {database}")
        env = {
            **os.environ,
            "DATABASE_URL": f"{base}/{database}",
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "CONN_MAX_AGE": "0",
        }
        env.pop("CELERY_BROKER_URL", None)
        command = [sys.executable, "-m", "bench.run", name, *(["--quick"] if args.quick else [])]
        try:
            failed |= subprocess.run(command, env=env, check=False).returncode
        finally:
            _admin(base, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
