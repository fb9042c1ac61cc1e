"""A matter's printable dossier (bản in) and its receipt (phiếu tiếp nhận), for any kind."""

import pytest
from django.urls import reverse

from permits.models import OutboundTrip
from tests.trips import started_trip
from workdays.models import TaskDeadline
from workflows import driver
from workflows.demo import _steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def trip(province, lan, unit_a):
    return started_trip(lan, unit_a, title="Đoàn xúc tiến tại Pháp")


def test_the_printed_dossier_has_the_fields_members_files_and_steps(client, trip, lan):
    client.force_login(lan)
    page = client.get(reverse("outbound_trip_print", args=[trip.pk])).content.decode()
    assert "HỒ SƠ " + trip.reference in page
    assert "Tên đoàn" in page and "Đoàn xúc tiến tại Pháp" in page
    assert "Quốc gia đến" in page and "Pháp" in page
    assert "Thành viên đoàn" in page and "Lê Quang Minh" in page
    assert "Tài liệu kèm theo" in page
    assert "Sở Công Thương gửi hồ sơ" in page  # the steps, as sentences
    assert "css/print.css" in page
    detail = client.get(reverse("outbound_trip", args=[trip.pk])).content.decode()
    assert reverse("outbound_trip_print", args=[trip.pk]) in detail
    assert reverse("outbound_trip_receipt", args=[trip.pk]) in detail


def test_the_receipt_says_what_was_received_from_whom_and_when(client, trip, hoa, minh):
    client.force_login(hoa)
    page = client.get(reverse("outbound_trip_receipt", args=[trip.pk])).content.decode()
    assert "PHIẾU TIẾP NHẬN HỒ SƠ" in page
    assert trip.reference in page and "Sở Công Thương" in page
    assert trip.submitted_at.astimezone().strftime("%d/%m/%Y") in page
    assert "Thành viên đoàn (1 người)" in page


def test_there_is_no_receipt_before_the_request_is_sent(client, trip, lan):
    OutboundTrip.objects.filter(pk=trip.pk).update(submitted_at=None)
    client.force_login(lan)
    assert client.get(reverse("outbound_trip_receipt", args=[trip.pk])).status_code == 404


def test_who_may_not_see_the_matter_may_not_print_it(client, trip, long):
    client.force_login(long)
    assert client.get(reverse("outbound_trip_print", args=[trip.pk])).status_code == 404
    assert client.get(reverse("outbound_trip_receipt", args=[trip.pk])).status_code == 404


def test_the_receipt_gives_the_review_deadline_once_the_unit_head_sent_it(client, trip, hoa, minh):
    node, actor, perform = _steps(
        {"lanhdao.sct": minh, "chuyenvien.snv": hoa, "anninh.ca": None, "phochutich.dn": None}
    )["endorse"]
    driver.complete(trip, node, actor=actor, perform=perform)
    due_on = TaskDeadline.objects.get(step="outbound.review").due_on
    client.force_login(hoa)
    page = client.get(reverse("outbound_trip_receipt", args=[trip.pk])).content.decode()
    assert f'data-testid="answer-due-on">{due_on:%d/%m/%Y}<' in page
