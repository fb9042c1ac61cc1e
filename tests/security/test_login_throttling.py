"""Sign-in throttling (django-axes): 5 failures per username and address, 15 minutes."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from audit.models import Entry
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail(client, username, times, ip="10.0.0.1"):
    return [attempt(client, username, "sai-mat-khau", ip).status_code for _ in range(times)]


def test_five_failures_lock_the_username_from_that_address(client, lan):
    assert fail(client, "lan", 5) == [200, 200, 200, 200, 429]

    locked = attempt(client, "lan", PASSWORD)

    assert locked.status_code == 429
    assert "Vui lòng thử lại sau 15 phút" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_unknown_username_gets_the_same_answers_as_a_known_one(client, lan):
    known = fail(client, "lan", 6)
    unknown = fail(client, "khong-ton-tai", 6)
    assert known == unknown
    assert _page(attempt(client, "lan", "x"), "lan") == _page(
        attempt(client, "khong-ton-tai", "x"), "khong-ton-tai"
    )


def _page(response, username):
    """Return the page without what differs anyway: the CSRF token and the typed name."""
    html = response.content.decode().replace(f'value="{username}"', "")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_success_resets_the_count(client, lan):
    fail(client, "lan", 4)
    assert attempt(client, "lan", PASSWORD).status_code == 302
    client.logout()
    fail(client, "lan", 4)
    assert attempt(client, "lan", PASSWORD).status_code == 302


def test_another_address_is_not_locked(client, lan):
    fail(client, "lan", 5, ip="10.0.0.1")
    assert attempt(client, "lan", PASSWORD, ip="10.0.0.2").status_code == 302


def test_the_lock_lifts_after_fifteen_minutes(client, lan):
    fail(client, "lan", 5)
    assert attempt(client, "lan", PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert attempt(client, "lan", PASSWORD).status_code == 302


def test_each_failure_is_in_the_audit_trail(client, lan):
    fail(client, "lan", 3)
    assert Entry.objects.filter(action="login_failed").count() == 3
