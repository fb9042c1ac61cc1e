"""``audit.batched``: a step's entries are appended together, just before its commit."""

import contextlib
import functools

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

import audit
from audit.models import Entry
from notifications import Event, emit
from notifications.models import Notification

from ..concurrency import at_once, failures
from .conftest import require_postgres
from .helpers import verify

pytestmark = pytest.mark.django_db


def test_entries_are_appended_when_the_block_ends_in_the_order_recorded(lan, unit_a):
    with transaction.atomic(), audit.batched():
        first = audit.record(audit.Action.ENDORSED, actor=lan, subject=unit_a)
        second = audit.record(audit.Action.FORWARDED, actor=lan, subject=unit_a)
        assert first.seq is None and not Entry.objects.exists()
    assert (first.seq, second.seq) == (1, 2)
    assert second.prev_hash == first.hash
    assert list(Entry.objects.values_list("action", flat=True)) == ["endorsed", "forwarded"]
    assert verify().startswith("OK through 2, head ")


def test_a_batch_is_one_insert_however_many_entries(lan, unit_a):
    with CaptureQueriesContext(connection) as queries, transaction.atomic(), audit.batched():
        for _ in range(5):
            audit.record(audit.Action.COMMENTED, actor=lan, subject=unit_a)
    sql = [query["sql"] for query in queries.captured_queries]
    inserts = [text for text in sql if text.startswith('INSERT INTO "audit_entry"')]
    assert len(inserts) == 1
    assert Entry.objects.count() == 5


def test_an_entry_of_a_rolled_back_savepoint_is_left_out(lan, unit_a):
    with transaction.atomic(), audit.batched():
        audit.record(audit.Action.SUBMITTED, actor=lan, subject=unit_a)
        with contextlib.suppress(ValueError), transaction.atomic():
            audit.record(audit.Action.APPROVED, actor=lan, subject=unit_a)
            raise ValueError("the service refused after recording")
        with transaction.atomic():
            audit.record(audit.Action.COMMENTED, actor=lan, subject=unit_a)
    assert list(Entry.objects.values_list("action", flat=True)) == ["submitted", "commented"]
    assert verify().startswith("OK through 2, head ")


def test_a_block_that_fails_appends_nothing(lan, unit_a):
    with pytest.raises(RuntimeError), transaction.atomic(), audit.batched():
        audit.record(audit.Action.APPROVED, actor=lan, subject=unit_a)
        raise RuntimeError("the step failed")
    assert not Entry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_batch_needs_a_transaction():
    with pytest.raises(RuntimeError, match="inside a transaction"):
        audit.batched().__enter__()


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_batched_steps_make_one_gap_free_valid_chain(lan, hoa):
    """Each step also notifies, so its flush writes rows before it takes the chain."""
    require_postgres()

    def step(i):
        with transaction.atomic(), audit.batched():
            audit.record(audit.Action.ENDORSED, actor=lan, comment=f"Bước {i}")
            emit(Event.TASK_QUEUED, subject=lan, to=[hoa], task=1000 + i)
            audit.record(audit.Action.FORWARDED, actor=lan, comment=f"Bước {i}")

    assert failures(at_once(functools.partial(step, i) for i in range(20))) == []
    assert list(Entry.objects.values_list("seq", flat=True)) == list(range(1, 41))
    # Each step's two entries stand together in the chain.
    comments = list(Entry.objects.values_list("comment", flat=True))
    assert all(comments[i] == comments[i + 1] for i in range(0, 40, 2))
    assert verify().startswith("OK through 40, head ")
    assert Notification.objects.filter(recipient=hoa).count() == 20
