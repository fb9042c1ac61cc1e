"""Checkpoints written outside the database, and what verification makes of them.

``audit_checkpoint`` (run hourly by Celery beat) appends the chain's head to the sink
``AUDIT_CHECKPOINT_SINK``; ``audit_verify`` compares the live chain with the last line
there, so a chain cut short together with its stored checkpoints is still caught.
"""

import json

import pytest

from audit.models import Checkpoint
from audit.tasks import checkpoint as checkpoint_task
from config.celery import app

from .helpers import checkpoint, disable_triggers, sql, verify


@pytest.fixture
def sink(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_SINK = str(tmp_path / "var" / "audit-checkpoints.jsonl")
    return tmp_path / "var" / "audit-checkpoints.jsonl"


def lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_a_checkpoint_is_appended_to_the_sink_as_a_json_line(chain_of, sink):
    entries = chain_of(3)
    assert checkpoint() == f"checkpoint 3 {entries[-1].hash}"
    chain_of(1)
    checkpoint()
    written = lines(sink)
    assert [(line["seq"], line["hash"]) for line in written] == [
        (3, entries[-1].hash),
        (4, Checkpoint.objects.get(seq=4).hash),
    ]
    assert all(line["at"].endswith("+00:00") for line in written)


def test_beat_writes_a_checkpoint_every_hour(chain_of, sink):
    schedule = app.conf.beat_schedule["audit-checkpoint"]
    assert schedule["task"] == "audit.checkpoint"
    assert schedule["schedule"].minute == {5}
    chain_of(2)
    assert checkpoint_task.name == "audit.checkpoint"
    checkpoint_task.apply().get()
    assert [line["seq"] for line in lines(sink)] == [2]


def test_no_sink_configured_writes_nothing_and_still_checkpoints(chain_of, settings, tmp_path):
    settings.AUDIT_CHECKPOINT_SINK = ""
    chain_of(2)
    assert checkpoint().startswith("checkpoint 2 ")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def superuser(db):
    """Play a superuser who may disable the triggers (PostgreSQL) and delete rows."""
    disable_triggers()


@pytest.mark.parametrize(
    ("length", "cut_from", "missing"),
    [(6, 4, "Thiếu mục 4 đến mục 6"), (5, 1, "Thiếu mục 1 đến mục 5")],
    ids=["shortened", "emptied"],
)
def test_a_cut_chain_is_reported_with_the_missing_range(
    chain_of, sink, superuser, length, cut_from, missing
):
    chain_of(length)
    checkpoint()
    # Cut the tail and the stored checkpoints with it: only the sink remembers the head.
    sql("DELETE FROM audit_checkpoint")
    sql("DELETE FROM audit_entry WHERE seq >= %s", [cut_from])
    message = verify()
    assert message.startswith(f"BROKEN at {cut_from}: missing")
    assert missing in message


def test_a_rewritten_head_differs_from_the_sink(chain_of, sink, superuser):
    chain_of(3)
    checkpoint()
    sql("DELETE FROM audit_checkpoint")
    written = lines(sink)[-1]
    sink.write_text(json.dumps({**written, "hash": "f" * 64}) + "\n")
    assert verify().startswith("BROKEN at 3: rewritten")


def test_the_sink_is_read_only_for_its_last_line_and_tolerates_a_torn_one(chain_of, sink):
    chain_of(2)
    checkpoint()
    with sink.open("a") as out:
        out.write('{"seq": 9, "hash": "ab')  # a write cut off by a crash
    assert verify().startswith("OK through 2")
