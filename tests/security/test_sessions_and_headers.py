"""Sessions end when idle, at logout and on a password change; pages carry a strict CSP."""

import datetime

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_session_idle_for_longer_than_the_timeout_is_signed_out(client, lan, settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(lan)
        assert client.get("/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=60), tick=False):
        response = client.get("/doan-ra/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/doan-ra/")
    assert "_auth_user_id" not in client.session


def test_a_busy_session_still_ends_at_the_absolute_timeout(client, lan, settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    settings.SESSION_ABSOLUTE_TIMEOUT = 2 * 60 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(lan)
    for minutes in range(20, 120, 20):  # a request every 20 minutes: never idle
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            assert client.get("/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=121), tick=False):
        response = client.get("/doan-ra/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_logging_out_ends_the_session_on_the_server(client, lan):
    client.force_login(lan)
    cookie = client.cookies["sessionid"].value
    client.post("/accounts/logout/")
    client.cookies["sessionid"] = cookie
    assert client.get("/").status_code == 302


def test_signing_in_gives_a_new_session_key(client, lan):
    from tests.conftest import PASSWORD

    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    client.post("/accounts/login/", {"username": "lan", "password": PASSWORD})
    assert client.session.session_key != before


def test_a_password_change_ends_the_other_sessions(client, lan):
    from django.test import Client

    other = Client()
    other.force_login(lan)
    client.force_login(lan)
    lan.set_password("mat-khau-moi-2026")
    lan.save()
    assert other.get("/").status_code == 302


def test_every_page_forbids_inline_scripts_and_framing(client, lan):
    client.force_login(lan)
    for url in ("/", "/accounts/login/", "/doan-ra/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self';" in policy
        assert "frame-ancestors 'none'" in policy
        assert "object-src 'none'" in policy
