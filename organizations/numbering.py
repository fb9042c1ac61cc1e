"""Document numbers in Vietnamese administrative style: ``05/QĐ-UBND``.

Numbers are keyed by (issuer, document type, year), restart at 1 each year, are never
reused and have no gaps: the counter row is locked and incremented inside the caller's
transaction, so a rolled-back decision gives its number back.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

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
    counter = _locked_counter(issuer, doc_type, year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return DocumentNumber(counter.last_number, doc_type, issuer.code, year)


def _locked_counter(issuer: Unit, doc_type: str, year: int) -> DocumentCounter:
    counters = DocumentCounter.objects.select_for_update()
    key = {"issuer": issuer, "doc_type": doc_type, "year": year}
    try:
        return counters.get(**key)
    except DocumentCounter.DoesNotExist:
        pass
    try:
        # Two first numbers of a year may race to create the row: one wins, the
        # other falls back to locking the winner's row.
        with transaction.atomic():
            return DocumentCounter.objects.create(**key)
    except IntegrityError:
        return counters.get(**key)
