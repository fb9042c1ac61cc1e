"""Refusals: an anonymous visitor is sent to sign in and writes nothing; a signed-in
person's refusals are recorded, but a burst from one source is throttled and summarised,
not one permanent chain entry each; an expected refusal logs no traceback.
"""

import logging

import pytest
import time_machine
from django.urls import reverse

import audit
from audit.models import Entry

pytestmark = pytest.mark.django_db

VIEWFLOW_CHART = "/quy-trinh/doan-ra/chart/"  # a viewflow page closed to everyone


def denials():
    return Entry.objects.filter(action=audit.Action.ACCESS_DENIED).order_by("seq")


def test_an_anonymous_visitor_of_a_viewflow_page_is_sent_to_sign_in(client):
    response = client.get(VIEWFLOW_CHART)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={VIEWFLOW_CHART}"


def test_anonymous_refusals_write_nothing_to_the_chain(client):
    for _ in range(20):
        client.get(VIEWFLOW_CHART, REMOTE_ADDR="203.0.113.50")
        client.post(VIEWFLOW_CHART, REMOTE_ADDR="203.0.113.50")
    assert not denials().exists()


def test_an_expected_refusal_logs_no_traceback(client, lan, caplog):
    client.force_login(lan)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(VIEWFLOW_CHART).status_code == 403
    assert [r.exc_info for r in caplog.records if r.name == "django.request"] == [None]


def test_a_signed_in_refusal_is_still_recorded(client, lan):
    client.force_login(lan)
    assert client.get(VIEWFLOW_CHART).status_code == 403
    assert denials().count() == 1


def test_a_burst_of_refusals_from_one_source_is_throttled(client, lan, settings):
    settings.AUDIT_DENIALS_PER_WINDOW = 5
    settings.AUDIT_DENIAL_WINDOW = 600
    client.force_login(lan)
    for _ in range(30):
        assert client.get(VIEWFLOW_CHART, REMOTE_ADDR="192.0.2.8").status_code == 403
    assert denials().count() == 5
    assert denials().last().payload["throttled"] is True


def test_the_next_window_summarises_what_was_not_recorded(client, lan, settings):
    settings.AUDIT_DENIALS_PER_WINDOW = 5
    settings.AUDIT_DENIAL_WINDOW = 600
    client.force_login(lan)
    with time_machine.travel("2026-03-02 09:00:00 +07:00", tick=False) as traveller:
        for _ in range(30):
            client.get(VIEWFLOW_CHART, REMOTE_ADDR="192.0.2.8")
        traveller.shift(600)
        client.get(VIEWFLOW_CHART, REMOTE_ADDR="192.0.2.8")
    assert denials().count() == 6
    assert denials().last().payload["not_recorded_before"] == 25


def test_another_source_has_its_own_count(client, lan, settings):
    settings.AUDIT_DENIALS_PER_WINDOW = 2
    client.force_login(lan)
    for address in ("192.0.2.8", "192.0.2.8", "192.0.2.8", "192.0.2.9"):
        client.get(VIEWFLOW_CHART, REMOTE_ADDR=address)
    assert [entry.ip for entry in denials()] == ["192.0.2.8", "192.0.2.8", "192.0.2.9"]
