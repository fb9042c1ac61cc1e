"""Sign-ins, failed sign-ins and refusals are recorded with the request's id and IP."""

import pytest
from django.urls import reverse

import audit
from audit.models import Entry
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_sign_in_is_recorded_with_the_request_id_and_ip(client, lan):
    response = client.post(
        reverse("login"),
        {"username": "lan", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_REQUEST_ID="req-0123456789",
    )
    assert response.status_code == 302
    entry = Entry.objects.get(action=audit.Action.LOGIN_SUCCEEDED)
    assert entry.actor == lan
    assert (entry.ip, entry.request_id) == ("203.0.113.7", "req-0123456789")
    assert response["X-Request-ID"] == "req-0123456789"


def test_a_failed_sign_in_is_recorded_with_the_name_tried_and_no_password(client, lan):
    wrong = {"username": "lan", "password": "sai-mat-khau"}
    client.post(reverse("login"), wrong, REMOTE_ADDR="198.51.100.9")
    entry = Entry.objects.get(action=audit.Action.LOGIN_FAILED)
    assert entry.actor is None
    assert entry.payload == {"username": "lan"}
    assert entry.ip == "198.51.100.9"
    assert len(entry.request_id) == 32
    assert "sai-mat-khau" not in str(entry.chain_fields())


def test_a_refusal_is_recorded_with_its_reason(client, lan):
    client.force_login(lan)
    assert client.get(reverse("audit:search"), REMOTE_ADDR="192.0.2.1").status_code == 403
    entry = Entry.objects.get(action=audit.Action.ACCESS_DENIED)
    assert entry.actor == lan
    assert entry.comment == "Chỉ cán bộ giám sát được xem nhật ký hệ thống."
    assert entry.ip == "192.0.2.1"


def test_a_forged_forwarded_for_header_is_not_believed(client, lan):
    client.force_login(lan)
    client.get(reverse("audit:search"), REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert Entry.objects.get(action=audit.Action.ACCESS_DENIED).ip == "192.0.2.1"


def test_behind_a_trusted_proxy_the_forwarded_client_is_recorded(client, lan, settings):
    settings.AUDIT_TRUSTED_PROXIES = ["10.0.0.2"]
    client.force_login(lan)
    client.get(
        reverse("audit:search"), REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.2"
    )
    assert Entry.objects.get(action=audit.Action.ACCESS_DENIED).ip == "1.2.3.4"


def test_a_malformed_request_id_is_replaced(client, lan):
    client.force_login(lan)
    response = client.get(reverse("audit:search"), HTTP_X_REQUEST_ID="<script>")
    assert response["X-Request-ID"] != "<script>"
    denied = Entry.objects.get(action=audit.Action.ACCESS_DENIED)
    assert denied.request_id == response["X-Request-ID"]


def test_entries_outside_a_request_have_no_request_id_or_ip(write):
    entry = write()
    assert (entry.request_id, entry.ip) == ("", None)
