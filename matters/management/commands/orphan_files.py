"""List the files under MEDIA_ROOT that no row points to; remove them with ``--delete``.

A file is referenced when any ``FileField`` of any installed model names it. A file
younger than ``--older-than`` minutes is left alone: its row may sit in a transaction
that has not committed yet.
"""

import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import models

from matters.files import human_size

DEFAULT_MINUTES = 60


def referenced_names() -> set[str]:
    """Return every file name a ``FileField`` of an installed model holds."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and not field.auto_created:
                values = model._base_manager.exclude(**{field.attname: ""}).exclude(
                    **{f"{field.attname}__isnull": True}
                )
                names.update(values.values_list(field.attname, flat=True).iterator())
    return names


def orphans(root: Path, *, older_than: datetime.timedelta) -> list[tuple[Path, int]]:
    """Return the files under ``root`` no row names, older than ``older_than``, with sizes."""
    referenced = referenced_names()
    cutoff = datetime.datetime.now().timestamp() - older_than.total_seconds()
    found = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        if path.relative_to(root).as_posix() in referenced:
            continue
        stat = path.stat()
        if stat.st_mtime <= cutoff:
            found.append((path, stat.st_size))
    return found


class Command(BaseCommand):
    help = (
        "List the files under MEDIA_ROOT that no row points to (every FileField of every "
        "model is read), with their count and total size; --delete removes them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="remove the files listed")
        parser.add_argument(
            "--older-than",
            type=int,
            default=DEFAULT_MINUTES,
            metavar="MINUTES",
            help=f"only files older than this (default {DEFAULT_MINUTES}): a younger file "
            "may belong to a transaction still running",
        )

    def handle(self, *, delete, older_than, **options):
        if older_than < 0:
            raise CommandError("--older-than must be 0 or more minutes")
        if not settings.MEDIA_ROOT:
            raise CommandError("MEDIA_ROOT is not set")
        root = Path(settings.MEDIA_ROOT).resolve()
        if not root.is_dir():
            raise CommandError(f"MEDIA_ROOT {root} is not a folder")
        found = orphans(root, older_than=datetime.timedelta(minutes=older_than))
        for path, size in found:
            self.stdout.write(f"{path.relative_to(root).as_posix()}\t{size}")
        total = sum(size for _path, size in found)
        summary = f"{len(found)} orphan file(s), {human_size(total)} ({total} bytes)"
        if not delete:
            self.stdout.write(summary + "; run with --delete to remove them")
            return
        # Read the rows again just before deleting: a file named since the listing stays.
        referenced = referenced_names()
        removed = 0
        for path, _size in found:
            if path.relative_to(root).as_posix() not in referenced:
                path.unlink(missing_ok=True)
                removed += 1
        self.stdout.write(f"{summary}; removed {removed}")
