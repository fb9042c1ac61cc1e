import pytest
from django.db import connection, transaction

from organizations.models import DocumentCounter
from organizations.numbering import DocumentNumber, issue_number

from ..concurrency import at_once, failures


def test_numbers_below_ten_have_a_leading_zero():
    assert DocumentNumber(5, "QĐ", "UBND", 2026).text == "05/QĐ-UBND"
    assert DocumentNumber(123, "QĐ", "UBND", 2026).text == "123/QĐ-UBND"


@pytest.mark.django_db
def test_numbers_run_per_issuer_type_and_year(peoples_committee, focal_agency):
    with transaction.atomic():
        first = issue_number(issuer=peoples_committee, doc_type="QĐ", year=2026)
        second = issue_number(issuer=peoples_committee, doc_type="QĐ", year=2026)
        letter = issue_number(issuer=peoples_committee, doc_type="CV", year=2026)
        other_issuer = issue_number(issuer=focal_agency, doc_type="QĐ", year=2026)
        next_year = issue_number(issuer=peoples_committee, doc_type="QĐ", year=2027)
    assert [first.text, second.text] == ["01/QĐ-UBND", "02/QĐ-UBND"]
    assert letter.text == "01/CV-UBND"
    assert other_issuer.text == "01/QĐ-SNV"
    assert next_year.sequence == 1


@pytest.mark.django_db
def test_a_rolled_back_decision_gives_its_number_back(peoples_committee):
    with pytest.raises(RuntimeError), transaction.atomic():
        issue_number(issuer=peoples_committee, doc_type="QĐ", year=2026)
        raise RuntimeError("the decision failed after taking a number")
    with transaction.atomic():
        number = issue_number(issuer=peoples_committee, doc_type="QĐ", year=2026)
    assert number.text == "01/QĐ-UBND"


@pytest.mark.django_db(transaction=True)
def test_a_number_outside_a_transaction_is_refused(peoples_committee):
    with pytest.raises(RuntimeError):
        issue_number(issuer=peoples_committee, doc_type="QĐ", year=2026)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_decisions_get_twenty_numbers_without_gaps(peoples_committee):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")

    @transaction.atomic
    def issue():
        return issue_number(issuer=peoples_committee, doc_type="QĐ", year=2026).sequence

    numbers = at_once([issue] * 20)
    assert failures(numbers) == []
    assert sorted(numbers) == list(range(1, 21))
    assert DocumentCounter.objects.get().last_number == 20
