"""The chain under concurrency, and the triggers that keep the tables append-only."""

import functools

import pytest
from django.db import DatabaseError, transaction

import audit
from audit.models import Checkpoint, Entry

from ..concurrency import at_once, failures
from .conftest import require_postgres
from .helpers import checkpoint, sql, verify

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_records_make_one_gap_free_valid_chain(lan):
    require_postgres()

    @transaction.atomic
    def step(i):
        audit.record(audit.Action.COMMENTED, actor=lan, comment=f"Luồng {i}")

    assert failures(at_once(functools.partial(step, i) for i in range(50))) == []
    assert list(Entry.objects.values_list("seq", flat=True)) == list(range(1, 51))
    assert len(set(Entry.objects.values_list("prev_hash", flat=True))) == 50
    assert verify().startswith("OK through 50, head ")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_entry SET comment = 'sửa' WHERE seq = 2",
        "DELETE FROM audit_entry WHERE seq = 2",
        "TRUNCATE audit_entry",
        "UPDATE audit_checkpoint SET hash = 'x'",
        "DELETE FROM audit_checkpoint",
        "TRUNCATE audit_checkpoint",
    ],
)
def test_the_tables_refuse_update_delete_and_truncate(postgres, chain_of, statement):
    chain_of(3)
    checkpoint()
    sql("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending foreign-key checks
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql(statement)
    assert Entry.objects.count() == 3 and Checkpoint.objects.count() == 1


def test_the_orm_cannot_change_or_delete_an_entry_either(postgres, chain_of):
    entry = chain_of(1)[0]
    entry.comment = "sửa"
    with pytest.raises(DatabaseError), transaction.atomic():
        entry.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        Entry.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_only_a_whole_database_flush_may_empty_the_trail(lan):
    require_postgres()
    from django.core.management import call_command

    audit.record(audit.Action.COMMENTED, actor=lan)
    call_command("flush", interactive=False, verbosity=0)
    assert not Entry.objects.exists()
    with pytest.raises(DatabaseError, match="append-only"):
        sql("TRUNCATE audit_entry")
