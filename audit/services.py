"""Writes on the audit trail: ``record`` an entry, store a checkpoint, run a verification."""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from organizations.models import Role

from . import chain, context, flush, sink
from .masking import mask_payload
from .models import Action, Checkpoint, Entry, Verification
from .verification import Result, verify_chain

# pg_advisory_xact_lock key of the one chain ("audit" in ASCII).
CHAIN_LOCK_KEY = 0x6175646974


def record(
    action,
    *,
    actor=None,
    subject=None,
    process=None,
    task=None,
    comment: str = "",
    payload=None,
    unit=None,
    role="",
    on_behalf_of=None,
) -> Entry:
    """Append one entry to the audit trail and return it.

    Call it inside the transaction of the change it records, as late as possible: it
    holds the chain lock until that transaction ends, and a rollback takes the entry
    with it. Outside a transaction it opens its own. Inside a ``batched`` block the
    entry is appended when the block ends (its ``seq`` and ``hash`` are set then).
    Personal data in ``payload`` is masked; the request id and client IP come from
    ``AuditContextMiddleware``.
    """
    entry = _new_entry(
        Action(action),
        actor=actor,
        subject=subject,
        process=process,
        task=task,
        comment=comment,
        payload=payload,
        unit=unit,
        role=role,
        on_behalf_of=on_behalf_of,
    )
    if flush.active():
        flush.write(ENTRIES, [entry])
        return entry
    with transaction.atomic(savepoint=False):
        _append([entry])
    return entry


@contextmanager
def batched():
    """Write what the block queues when it ends: the step's write flush (``audit.flush``).

    For the body of a step's transaction. The entries recorded inside (and the
    notifications, outbox rows and deadlines queued there) are written together at
    the end of the block, the entries last, in one insert: the chain lock, which
    serialises every audited write of the installation, is then taken just before the
    commit instead of at the step's first entry, and held only for the append itself.
    Use it inside the transaction (``with transaction.atomic(), audit.batched():``) so
    that the rows still commit or roll back with the step. A row queued inside a
    savepoint that was rolled back is left out, as it would have been rolled back with
    it; if the block ends with an exception, nothing is written.
    """
    if flush.active():
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("audit.batched() must run inside a transaction")
    with flush.collecting():
        yield


class _Entries(flush.Writer):
    """Appends the entries a step recorded to the chain, after everything else it wrote."""

    last = True

    def write(self, rows, before):
        _append(rows, before)


ENTRIES = _Entries()


def _new_entry(
    action, *, actor, subject, process, task, comment, payload, unit, role, on_behalf_of
):
    actor = actor if getattr(actor, "is_authenticated", False) else None
    request = context.current.get()
    entry = Entry(
        action=action,
        actor=actor,
        actor_label=_label_of(actor),
        unit_id=_pk_of(unit),
        role=Role(role).value if role else "",
        on_behalf_of_id=_pk_of(on_behalf_of),
        process_id=_pk_of(process),
        task_id=_pk_of(task),
        comment=comment or "",
        payload=mask_payload(chain.normalise_payload(payload)),
        request_id=request.request_id,
        ip=request.ip,
    )
    if subject is not None:
        if subject.pk is None:
            raise ValueError("record() needs a saved subject")
        entry.subject_type = ContentType.objects.get_for_model(subject)
        entry.subject_id = str(subject.pk)
        entry.subject_label = str(subject)[:500]
    return entry


def _append(entries: list[Entry], before: list = ()) -> None:
    """Give ``entries`` the next numbers, each the hash before it, under the chain lock,
    and save them in one insert. ``before``: statements of the step's flush to send in
    the round trip that takes the lock."""
    head = _lock_and_read_head(list(before))
    seq, prev_hash = head if head else (0, chain.GENESIS)
    occurred_at = timezone.now()
    for entry in entries:
        seq += 1
        entry.seq, entry.prev_hash, entry.occurred_at = seq, prev_hash, occurred_at
        entry.hash = prev_hash = entry.compute_hash()
    Entry.objects.bulk_create(entries)


def _lock_and_read_head(before: list) -> tuple[int, str] | None:
    """Serialise writers until the transaction ends, so the chain never forks, and
    return the head (seq, hash) of the chain, or None for an empty chain.

    On PostgreSQL the lock and the head read are two statements sent in one round trip
    (after ``before``): as one statement, the head would be read from the snapshot taken
    before the lock was granted, and could miss an entry committed while it waited. On
    SQLite the database lock serialises writers, and the primary key on ``seq`` refuses
    a second entry with the same number.
    """
    if connection.vendor != "postgresql":
        return Entry.objects.order_by("-seq").values_list("seq", "hash").first()
    _locked, head = flush.send(
        before,
        ("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY]),
        (f"SELECT seq, hash FROM {Entry._meta.db_table} ORDER BY seq DESC LIMIT 1", []),
    )
    return tuple(head[0]) if head else None


def _pk_of(value):
    return getattr(value, "pk", value)


def _label_of(actor) -> str:
    if actor is None:
        return ""
    return f"{actor.get_full_name()} ({actor.get_username()})"[:300]


@transaction.atomic
def store_checkpoint() -> Checkpoint:
    """Note the current head of the chain (after checking it) and return the checkpoint.

    Raise ``ChainBroken`` instead if the chain does not verify: a checkpoint must never
    vouch for a tampered chain.
    """
    result = verify_chain()
    if not result.ok:
        raise ChainBroken(result)
    checkpoint, _created = Checkpoint.objects.get_or_create(seq=result.through, hash=result.head)
    return checkpoint


def ship_checkpoint() -> Checkpoint:
    """Store a checkpoint (``store_checkpoint``) and append it to the sink outside the database.

    The sink is written after the commit: a line there always names a stored head.
    """
    checkpoint = store_checkpoint()
    sink.write(checkpoint.seq, checkpoint.hash)
    return checkpoint


@transaction.atomic
def run_verification(*, actor=None, from_seq: int = 1) -> Verification:
    """Verify the chain and keep the result as the latest one the auditor sees."""
    result = verify_chain(from_seq=from_seq)
    return Verification.objects.create(
        ran_by=actor if getattr(actor, "is_authenticated", False) else None,
        ok=result.ok,
        through_seq=result.through,
        head=result.head,
        broken_seq=result.broken_seq,
        problem=result.problem,
        detail=result.detail,
    )


class ChainBroken(Exception):
    """The chain did not verify."""

    def __init__(self, result: Result):
        super().__init__(str(result))
        self.result = result
