"""Helpers for audit tests: PostgreSQL-only tests, and a few entries to look at."""

import os

import pytest
from django.db import connection, transaction

import audit


def require_postgres():
    """Skip on SQLite, except under CI=true, where missing PostgreSQL is a failure."""
    if connection.vendor == "postgresql":
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI runs the audit tests on PostgreSQL (set DATABASE_URL)")
    pytest.skip("needs PostgreSQL (triggers, advisory locks)")


@pytest.fixture
def postgres(db):
    require_postgres()


@pytest.fixture
def write():
    """Return a function that records an entry the way a service does: in a transaction."""

    def write(action=audit.Action.COMMENTED, **kwargs):
        with transaction.atomic():
            return audit.record(action, **kwargs)

    return write


@pytest.fixture
def chain_of(write, unit_a):
    """Return a function writing ``n`` entries about ``unit_a`` and returning them."""

    def chain_of(n, **kwargs):
        return [write(subject=unit_a, comment=f"Bước {i}", **kwargs) for i in range(1, n + 1)]

    return chain_of


class _Mover:
    """Move an entry in time and re-seal the chain, as if it had been written then."""

    def move(self, seq, moment):
        from audit.models import Entry

        from .helpers import disable_triggers

        disable_triggers()
        entries = list(Entry.objects.filter(seq__gte=seq).order_by("seq"))
        prev_hash = entries[0].prev_hash
        for entry in entries:
            if entry.seq == seq:
                entry.occurred_at = moment
            entry.prev_hash = prev_hash
            entry.hash = entry.compute_hash()
            Entry.objects.filter(seq=entry.seq).update(
                occurred_at=entry.occurred_at, prev_hash=entry.prev_hash, hash=entry.hash
            )
            prev_hash = entry.hash


@pytest.fixture
def postgres_or_sqlite(db):
    return _Mover()
