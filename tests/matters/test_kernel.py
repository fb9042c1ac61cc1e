"""The matters kernel: statuses defined once, stored files, what every kind inherits."""

import datetime

import pytest
from django.utils import translation

from agreements.models import Agreement, AgreementAttachment
from agreements.models import Status as AgreementStatus
from matters import status
from matters.files import random_name
from permits.models import Attachment, InboundVisit, OutboundTrip


def test_the_kinds_share_the_values_of_the_statuses_they_share():
    for name in ("DRAFT", "SUBMITTED", "IN_REVIEW", "RETURNED", "REJECTED", "WITHDRAWN"):
        assert AgreementStatus[name].value == status.Status[name].value
        assert AgreementStatus[name].label == status.Status[name].label


def test_an_agreement_words_the_shared_approval_statuses_its_own_way():
    with translation.override("vi"):
        assert AgreementStatus.APPROVED == status.Status.APPROVED == "approved"
        assert AgreementStatus.APPROVED.label == "Đã chấp thuận ký kết"
        assert status.Status.APPROVED.label == "Đã phê duyệt"


def test_a_kinds_statuses_keep_the_order_they_are_given_in():
    built = status.statuses("Built", ["WITHDRAWN", ("OWN", "own", "Riêng"), "DRAFT"])
    assert built.values == ["withdrawn", "own", "draft"]
    assert built.OWN.label == "Riêng"
    with pytest.raises(KeyError):
        status.statuses("Wrong", ["NO_SUCH_STATUS"])


def test_the_counted_statuses_are_approval_and_what_follows_it():
    assert set(status.COUNTED) == {"approved", "issued", "reporting", "reported", "completed"}
    assert not set(status.COUNTED) & set(status.NOT_TAKING_PLACE)


@pytest.mark.parametrize(
    ("model", "folder"), [(Attachment, "permits/"), (AgreementAttachment, "agreements/")]
)
def test_a_file_is_stored_under_its_app_its_month_and_a_random_name(model, folder):
    stored = model(created_at=datetime.datetime(2026, 3, 7, tzinfo=datetime.UTC))
    first = random_name(stored, "Thư mời.pdf")
    second = random_name(stored, "Thư mời.pdf")
    assert first.startswith(f"{folder}2026/03/")
    assert first != second
    assert "Thư" not in first and not first.endswith(".pdf")


@pytest.mark.parametrize("model", [OutboundTrip, InboundVisit])
def test_a_request_is_open_until_completed_rejected_or_withdrawn(model):
    open_ = [s for s in status.Status if model(status=s).is_open]
    assert set(status.Status) - set(open_) == {"completed", "rejected", "withdrawn", "cancelled"}


def test_a_signed_agreement_stays_open_until_it_expires_or_is_terminated():
    assert Agreement(status=AgreementStatus.IN_FORCE).is_open
    assert not Agreement(status=AgreementStatus.TERMINATED).is_open
    assert not Agreement(status=AgreementStatus.REJECTED).is_open


def test_the_kinds_keep_their_own_words_for_the_shared_fields():
    with translation.override("vi"):
        assert str(OutboundTrip._meta.get_field("unit").verbose_name) == "đơn vị đề nghị"
        assert str(InboundVisit._meta.get_field("unit").verbose_name) == "đơn vị đón tiếp"
        assert str(Agreement._meta.get_field("unit").verbose_name) == "đơn vị đề xuất"
        number = InboundVisit._meta.get_field("decision_number").verbose_name
        assert str(number) == "số văn bản chấp thuận"
