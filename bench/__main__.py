"""``python -m bench [NAME ...] [--quick]``: run the benchmarks against PostgreSQL.

Each run works in its own throw-away database, ``bench_doingoai``, on the server that
DATABASE_URL names; figures go to standard output and to ``bench/results/NAME.json``.
"""

import argparse
import json
import os
import sys
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
BENCHMARKS = ["step_throughput"]


def _use_a_scratch_database() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "make bench needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/name "
            "(the benchmarks use a scratch database bench_doingoai on that server)."
        )
    import psycopg

    base, _, _name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS bench_doingoai WITH (FORCE)")
        connection.execute("CREATE DATABASE bench_doingoai")
    os.environ["DATABASE_URL"] = f"{base}/bench_doingoai"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.pop("CELERY_BROKER_URL", None)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("names", nargs="*", choices=[*BENCHMARKS, []])
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    args = parser.parse_args()
    _use_a_scratch_database()

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    RESULTS.mkdir(exist_ok=True)
    for name in args.names or BENCHMARKS:
        module = __import__(f"bench.{name}", fromlist=["run"])
        figures = module.run(quick=args.quick)
        for key, value in figures.items():
            print(f"{name}.{key} {value}")
        (RESULTS / f"{name}.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
