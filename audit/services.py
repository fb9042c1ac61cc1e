"""Writes on the audit trail: ``record`` an entry, store a checkpoint, run a verification."""

import contextvars
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from organizations.models import Role

from . import chain, context, sink
from .masking import mask_payload
from .models import Action, Checkpoint, Entry, Verification
from .verification import Result, verify_chain

# pg_advisory_xact_lock key of the one chain ("audit" in ASCII).
CHAIN_LOCK_KEY = 0x6175646974

# The entries a ``batched`` block has recorded and not yet appended.
_batch: contextvars.ContextVar[list | None] = contextvars.ContextVar("audit_batch", default=None)


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
    batch = _batch.get()
    if batch is not None:
        batch.append((entry, _rollback_witness()))
        return entry
    with transaction.atomic(savepoint=False):
        _append([entry])
    return entry


@contextmanager
def batched():
    """Append the entries recorded inside the block when it ends, in one write.

    For the body of a step's transaction: the chain lock, which serialises every
    audited write of the installation, is then taken just before the commit instead of
    at the step's first entry, and held only for the append itself. Use it inside the
    transaction (``with transaction.atomic(), audit.batched():``) so that the entries
    still commit or roll back with the step. An entry recorded inside a savepoint that
    was rolled back is left out, as it would have been rolled back with it; if the
    block ends with an exception, nothing is appended.
    """
    if _batch.get() is not None:
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("audit.batched() must run inside a transaction")
    token = _batch.set([])
    try:
        yield
        entries = _batch.get()
        if entries and not connection.needs_rollback:
            alive = {id(func) for _sids, func, _robust in connection.run_on_commit}
            kept = [entry for entry, witness in entries if id(witness) in alive]
            if kept:
                _append(kept)
    finally:
        _batch.reset(token)


def _rollback_witness():
    """Return a no-op commit callback; Django drops it if its savepoint is rolled back."""

    def witness():
        pass

    transaction.on_commit(witness)
    return witness


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


def _append(entries: list[Entry]) -> None:
    """Give ``entries`` the next numbers, each the hash before it, under the chain lock,
    and save them in one insert."""
    _lock_chain()
    head = Entry.objects.order_by("-seq").values_list("seq", "hash").first()
    seq, prev_hash = head if head else (0, chain.GENESIS)
    occurred_at = timezone.now()
    for entry in entries:
        seq += 1
        entry.seq, entry.prev_hash, entry.occurred_at = seq, prev_hash, occurred_at
        entry.hash = prev_hash = entry.compute_hash()
    Entry.objects.bulk_create(entries)


def _lock_chain() -> None:
    """Serialise writers until the transaction ends, so the chain never forks.

    On SQLite the database lock serialises writers, and the primary key on ``seq``
    refuses a second entry with the same number.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


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
