"""Document numbers in Vietnamese administrative style: ``05/QĐ-UBND``.

Numbers are keyed by (issuer, document type, year), restart at 1 each year, are never
reused and have no gaps: the counter row is locked and incremented inside the caller's
transaction, so a rolled-back decision gives its number back.
"""

import contextlib
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction

from .models import DocumentCounter, Unit


@dataclass(frozen=True)
class DocumentNumber:
    sequence: int
    doc_type: str
    issuer_code: str
    year: int

    @property
    def text(self) -> str:
        return f"{self.sequence:02d}/{self.doc_type}-{self.issuer_code}"

    def __str__(self) -> str:
        return self.text


def issue_number(*, issuer: Unit, doc_type: str, year: int) -> DocumentNumber:
    """Take the next number of ``doc_type`` for ``issuer`` in ``year``.

    Call inside the transaction that issues the document.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("issue_number() must run inside the issuing transaction")
    key = {"issuer": issuer, "doc_type": doc_type, "year": year}
    number = _take_next(**key)
    if number is None:
        _create_counter(**key)
        number = _take_next(**key)
    return DocumentNumber(number, doc_type, issuer.code, year)


def _take_next(*, issuer: Unit, doc_type: str, year: int) -> int | None:
    """Increment the counter and return its new value (None: no counter yet).

    The counter row stays locked until the transaction ends, so concurrent issuers
    queue and a rollback gives the number back. On PostgreSQL one ``UPDATE …
    RETURNING``; elsewhere the portable read under lock and write.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {DocumentCounter._meta.db_table} SET last_number = last_number + 1"
                " WHERE issuer_id = %s AND doc_type = %s AND year = %s RETURNING last_number",
                [issuer.pk, doc_type, year],
            )
            row = cursor.fetchone()
        return row[0] if row else None
    counter = (
        DocumentCounter.objects.select_for_update()
        .filter(issuer=issuer, doc_type=doc_type, year=year)
        .first()
    )
    if counter is None:
        return None
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def hold_counter(*, issuer: Unit, doc_type: str, year: int) -> DocumentCounter:
    """Lock ``doc_type``'s counter of ``issuer`` in ``year`` until the transaction ends.

    A number typed from the paper register is checked and taken under this lock, so two
    clerks entering the same number at once queue: the second sees the first's number.
    """
    key = {"issuer": issuer, "doc_type": doc_type, "year": year}
    _create_counter(**key)
    return DocumentCounter.objects.select_for_update().get(**key)


def hold_counter_past(*, issuer: Unit, doc_type: str, year: int, number: int) -> None:
    """Lock ``doc_type``'s counter of ``issuer`` in ``year`` until the transaction ends,
    moved up to ``number`` if it was below (a number typed from the paper register).

    The counter is at least every number taken, so moving it before the caller checks
    that ``number`` is free changes nothing when it is not: a taken number is already
    under it. On PostgreSQL one ``INSERT … ON CONFLICT DO UPDATE``, which creates the
    year's row or locks the existing one; elsewhere the portable lock, read and write.
    """
    if connection.vendor == "postgresql":
        table = DocumentCounter._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} AS counter (issuer_id, doc_type, year, last_number)"  # noqa: S608
                " VALUES (%s, %s, %s, %s) ON CONFLICT (issuer_id, doc_type, year)"
                " DO UPDATE SET last_number = GREATEST(counter.last_number, EXCLUDED.last_number)",
                [issuer.pk, doc_type, year, number],
            )
        return
    counter = hold_counter(issuer=issuer, doc_type=doc_type, year=year)
    if counter.last_number < number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])


def _create_counter(**key) -> None:
    """Create the counter of a year's first number (at 0)."""
    # Two first numbers of a year may race to create the row: one wins, and the other
    # then takes the next number from the winner's row.
    with contextlib.suppress(IntegrityError), transaction.atomic():
        DocumentCounter.objects.create(**key)
