"""``python -m bench.run NAME [--quick]``: one benchmark, in the database it was given.

``python -m bench`` creates that database and calls this in a fresh process, so each
benchmark starts with an empty database and a clean memory footprint.
"""

import argparse
import importlib
import json
from pathlib import Path

RESULTS = Path(__file__).parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("name")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    module = importlib.import_module(f"bench.{args.name}")
    figures = module.run(quick=args.quick)
    for key, value in figures.items():
        if not isinstance(value, (dict, list)):
            print(f"{args.name}.{key} {value}", flush=True)
    write_summary(args.name, args.quick, figures)


def summary_path(name: str, quick: bool) -> Path:
    # A quick (smoke) run does not overwrite the last real figures.
    return RESULTS / f"{name}{'.quick' if quick else ''}.json"


def write_summary(name: str, quick: bool, content) -> None:
    RESULTS.mkdir(exist_ok=True)
    summary_path(name, quick).write_text(json.dumps(content, indent=2) + "\n")


def read_summary(name: str, quick: bool):
    return json.loads(summary_path(name, quick).read_text())


if __name__ == "__main__":
    main()
