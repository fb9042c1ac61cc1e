"""The checkpoint sink: the chain's head kept outside the database.

A superuser who cuts or rewrites the tail of the chain can also delete the checkpoints
stored beside it; a copy elsewhere survives. ``AUDIT_CHECKPOINT_SINK`` names a file to
which each checkpoint is appended as one JSON line, ``{"seq": 42, "hash": "…", "at":
"2026-03-05T01:05:00+00:00"}``. Point it at storage the database's users cannot rewrite
(another host's mount, an append-only or WORM volume); empty switches the sink off.
``audit_verify`` reads the last line back and compares the live chain with it.
"""

import datetime
import json
import os
from pathlib import Path

from django.conf import settings

# Enough of the file's end to hold its last few lines (a line is about 120 bytes).
TAIL_BYTES = 4096


def path() -> Path | None:
    """Return the sink's file, or None when no sink is configured."""
    configured = getattr(settings, "AUDIT_CHECKPOINT_SINK", "")
    return Path(configured) if configured else None


def write(seq: int, hash_: str) -> Path | None:
    """Append the checkpoint ``seq``/``hash_`` to the sink and return its file (None: off)."""
    target = path()
    if target is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    line = json.dumps({"seq": seq, "hash": hash_, "at": at}, sort_keys=True) + "\n"
    with target.open("a", encoding="utf-8") as out:
        out.write(line)
        out.flush()
        os.fsync(out.fileno())  # a checkpoint the machine forgot after a crash proves nothing
    return target


def last() -> tuple[int, str] | None:
    """Return the last complete checkpoint in the sink as (seq, hash), or None."""
    target = path()
    if target is None or not target.exists():
        return None
    with target.open("rb") as source:
        source.seek(max(0, source.seek(0, os.SEEK_END) - TAIL_BYTES))
        tail = source.read().decode("utf-8", errors="replace")
    for line in reversed(tail.splitlines()):
        try:
            noted = json.loads(line)
            return int(noted["seq"]), str(noted["hash"])
        except (ValueError, KeyError, TypeError):
            continue  # a line torn by a crash, or the cut start of the tail
    return None
