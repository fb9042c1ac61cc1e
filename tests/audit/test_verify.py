"""audit_verify and audit_checkpoint against a tampered chain, on every database.

On PostgreSQL each test first plays a superuser who disables the append-only triggers
(``ALTER TABLE ... DISABLE TRIGGER USER``); on SQLite there are none.
"""

import os
import pathlib
import sqlite3
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from audit.models import Checkpoint, Entry, Verification

from .helpers import checkpoint, disable_triggers, sql, verify

ROOT = pathlib.Path(__file__).parents[2]


def test_an_empty_trail_verifies(db):
    assert verify() == "OK through 0, head " + "0" * 64


@pytest.fixture
def tamper(db):
    disable_triggers()


def test_an_edited_payload_is_named_by_its_number(chain_of, tamper):
    chain_of(6, payload={"status": "approved"})
    assert verify().startswith("OK through 6")
    sql("""UPDATE audit_entry SET payload = '{"status": "rejected"}' WHERE seq = 4""")
    message = verify()
    assert message.startswith("BROKEN at 4: edited")
    assert verify("--from", "4").startswith("BROKEN at 4: edited")
    assert verify("--from", "5").startswith("OK through 6")  # --from trusts what is before


def test_a_deleted_entry_is_named_as_the_gap(chain_of, tamper):
    chain_of(6)
    sql("DELETE FROM audit_entry WHERE seq = 3")
    assert verify().startswith("BROKEN at 3: missing")


def test_a_cut_tail_is_caught_by_the_checkpoint(chain_of, tamper):
    chain_of(6)
    checkpoint()
    sql("DELETE FROM audit_entry WHERE seq >= 5")
    assert verify().startswith("BROKEN at 5: missing")


def test_swapped_entries_are_named_as_reordered(chain_of, tamper):
    chain_of(5)
    sql("UPDATE audit_entry SET seq = -3 WHERE seq = 3")
    sql("UPDATE audit_entry SET seq = 3 WHERE seq = 4")
    sql("UPDATE audit_entry SET seq = 4 WHERE seq = -3")
    assert verify().startswith("BROKEN at 3: reordered")


def test_a_rewritten_and_rehashed_tail_is_caught_by_the_stored_checkpoint(chain_of, tamper):
    chain_of(8)
    checkpoint_line = checkpoint()
    assert checkpoint_line.startswith("checkpoint 8 ")
    prev_hash = Entry.objects.get(seq=3).hash
    for entry in Entry.objects.filter(seq__gte=4).order_by("seq"):
        entry.comment = f"{entry.comment} (đã sửa)"
        entry.prev_hash = prev_hash
        entry.hash = entry.compute_hash()
        sql(
            "UPDATE audit_entry SET comment = %s, prev_hash = %s, hash = %s WHERE seq = %s",
            [entry.comment, entry.prev_hash, entry.hash, entry.seq],
        )
        prev_hash = entry.hash
    assert verify().startswith("BROKEN at 8: rewritten")
    sql("DELETE FROM audit_checkpoint")  # the attacker also removes the stored head...
    assert verify().startswith("BROKEN at 8: rewritten")  # ...the copy in the sink remains
    assert checkpoint_line.split()[2] != Entry.objects.get(seq=8).hash


def test_a_checkpoint_is_refused_for_a_broken_chain(chain_of, tamper):
    chain_of(3)
    sql("UPDATE audit_entry SET comment = 'sửa' WHERE seq = 2")
    with pytest.raises(CommandError, match="BROKEN at 2: edited"):
        call_command("audit_checkpoint")
    assert not Checkpoint.objects.exists()


def test_a_second_checkpoint_of_the_same_head_is_not_stored_twice(chain_of):
    chain_of(2)
    assert checkpoint() == checkpoint()
    assert Checkpoint.objects.count() == 1


def test_each_verification_is_kept_as_the_latest_result(chain_of):
    chain_of(2)
    verify()
    latest = Verification.objects.first()
    assert (latest.ok, latest.through_seq, latest.broken_seq) == (True, 2, None)
    assert latest.head == Entry.objects.get(seq=2).hash


def test_the_command_runs_on_the_embedded_sqlite_default_and_exits_non_zero_when_broken(
    tmp_path,
):
    """Run the real command twice against a fresh SQLite file: intact, then edited."""
    database = tmp_path / "db.sqlite3"
    # Its own checkpoint file: the one of `make run` (its scheduler writes checkpoints of
    # the demo database) must not be read against this fresh database.
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "AUDIT_CHECKPOINT_SINK": str(tmp_path / "checkpoints.jsonl"),
        "CI": "",
    }

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
        )

    assert manage("migrate", "--skip-checks", "-v0").returncode == 0
    record = "import audit\nfor i in range(3): audit.record(audit.Action.COMMENTED, comment=str(i))"
    assert manage("shell", "-c", record).returncode == 0
    intact = manage("audit_verify")
    assert (intact.returncode, intact.stdout.split(",")[0]) == (0, "OK through 3")
    with sqlite3.connect(database) as db:
        db.execute("UPDATE audit_entry SET comment = 'sửa' WHERE seq = 2")
    broken = manage("audit_verify")
    assert broken.returncode != 0
    assert "BROKEN at 2: edited" in broken.stderr
