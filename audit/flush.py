"""The step's write flush: the rows a step queues, written together when it ends.

A step's transaction runs inside ``audit.batched()``. Inside it, what the step writes
besides its own rows (notifications and their outbox rows, deadlines, audit entries)
is queued with ``write(writer, rows)`` instead of written; when the block ends, each
writer receives its queued rows that are still alive, in one call, in the order the
writers were first used, and the audit entries go last, under the chain lock, just
before the commit. Outside a ``batched`` block ``write`` writes at once.

A row queued inside a savepoint that was rolled back later is left out, as its write
would have been rolled back with it. ``witness()`` registers a no-op commit callback,
which Django drops together with the savepoint it was registered in; ``alive()`` asks
which witnesses are still there. (``matters.files`` uses the same test to delete the
files of rolled-back rows.)

On PostgreSQL a writer may hand back its write as one SQL statement (``Writer.sql``);
the flush then sends those statements, the chain lock and the chain's head read as
one round trip.
"""

import contextvars
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models.sql import InsertQuery

# One SQL statement and its parameters (``%s`` placeholders).
Statement = tuple[str, list]

# (writer, row, witness) for each row a ``collecting`` block has queued.
_queue: contextvars.ContextVar[list | None] = contextvars.ContextVar("step_flush", default=None)


class Writer:
    """Writes the queued rows of one kind. ``last`` writers (the audit chain) go last."""

    last = False

    def write(self, rows: list, before: list) -> None:
        """Write ``rows``; first ``send`` the ``before`` statements other writers handed
        over, in the same round trip where the database allows it (they are only ever
        given on PostgreSQL)."""
        raise NotImplementedError

    def sql(self, rows: list) -> Statement | None:
        """Return ``rows``' write as one statement, or None to be called on ``write``.

        Called on PostgreSQL only; the statement's rows are handed to ``done``.
        """
        return None

    def done(self, result: list | None):
        """Take the rows the statement of ``sql`` returned (None if it returns none)."""


class Inserts(Writer):
    """Inserts the queued instances of ``model`` in one statement."""

    def __init__(self, model):
        self.model = model

    def write(self, rows, before):
        send(before)
        self.model.objects.bulk_create(rows)

    def sql(self, rows):
        opts = self.model._meta
        query = InsertQuery(self.model)
        query.insert_values([f for f in opts.concrete_fields if f is not opts.auto_field], rows)
        [(text, params)] = query.get_compiler(connection=connection).as_sql()
        return text, list(params)


def witness():
    """Register and return a no-op commit callback; Django drops it with its savepoint."""

    def kept():
        pass

    transaction.on_commit(kept)
    return kept


def alive(witnesses) -> list[bool]:
    """Return, for each of ``witnesses``, whether its savepoints were all kept so far."""
    kept = {id(func) for _sids, func, _robust in connection.run_on_commit}
    return [id(item) in kept for item in witnesses]


def active() -> bool:
    """Return True inside a ``collecting`` block (a step's ``audit.batched``)."""
    return _queue.get() is not None


def write(writer: Writer, rows: list) -> None:
    """Queue ``rows`` for ``writer`` until the step ends, or write them now outside one."""
    queue = _queue.get()
    if queue is None:
        if rows:
            writer.write(rows, [])
        return
    if rows:
        mark = witness()  # one witness serves every row queued at this moment
        queue.extend((writer, row, mark) for row in rows)


@contextmanager
def collecting():
    """Queue what ``write`` is given inside the block; write what is alive at its end.

    Nothing is written if the block ends with an exception or the transaction is
    marked for rollback. Blocks nest: the outermost one writes.
    """
    if _queue.get() is not None:
        yield
        return
    token = _queue.set([])
    try:
        yield
        queued = _queue.get()
        if queued and not connection.needs_rollback:
            _flush(queued)
    finally:
        _queue.reset(token)


def _flush(queued: list) -> None:
    kept = alive(mark for _writer, _row, mark in queued)
    groups: dict[Writer, list] = {}
    for (writer, row, _mark), is_kept in zip(queued, kept, strict=True):
        if is_kept:
            groups.setdefault(writer, []).append(row)
    before: list[tuple[Writer, Statement]] = []
    for writer in sorted(groups, key=lambda writer: writer.last):  # stable: first use order
        statement = writer.sql(groups[writer]) if connection.vendor == "postgresql" else None
        if statement is None:
            writer.write(groups[writer], before)
            before = []
        else:
            before.append((writer, statement))
    send(before)


def send(before: list[tuple[Writer, Statement]], *statements: Statement) -> list:
    """Execute the writers' statements ``before``, then ``statements``, in one round trip;
    hand each writer its statement's rows and return the rows of ``statements``."""
    if not before and not statements:
        return []
    results = run([statement for _writer, statement in before] + list(statements))
    for (writer, _statement), result in zip(before, results, strict=False):
        writer.done(result)
    return results[len(before) :]


def run(statements: list[Statement]) -> list:
    """Execute ``statements`` in one round trip; return each one's rows (None: no rows).

    Several statements in one ``execute`` need PostgreSQL (psycopg binds the parameters
    on the client); elsewhere pass one.
    """
    sql = ";\n".join(text for text, _params in statements)
    params = [value for _text, values in statements for value in values]
    results = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while True:
            results.append(cursor.fetchall() if cursor.description else None)
            if len(statements) == 1 or not cursor.nextset():
                return results
