"""Writes on the audit trail: ``record`` an entry, store a checkpoint, run a verification."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from organizations.models import Role

from . import chain, context
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
    with it. Outside a transaction it opens its own. Personal data in ``payload`` is
    masked; the request id and client IP come from ``AuditContextMiddleware``.
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
    with transaction.atomic(savepoint=False):
        _append(entry)
    return entry


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


def _append(entry: Entry) -> None:
    """Give ``entry`` the next number and the head's hash, under the chain lock, and save."""
    _lock_chain()
    head = Entry.objects.order_by("-seq").values_list("seq", "hash").first()
    entry.seq, entry.prev_hash = (head[0] + 1, head[1]) if head else (1, chain.GENESIS)
    entry.occurred_at = timezone.now()
    entry.hash = entry.compute_hash()
    entry.save(force_insert=True)


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
