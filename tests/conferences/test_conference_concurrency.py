"""Races on PostgreSQL: a conference's step claimed or completed many times at once gives
one success; the others answer 409 (the shared layer's lock, as for every kind)."""

import os

import pytest
from django.db import connection
from django.test import Client

from audit.models import Entry
from conferences import services
from workflows import driver, selectors
from workflows.flows import ConferenceFlow as F

from ..concurrency import race
from .helpers import END, START

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 10


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs the race tests on PostgreSQL")
        pytest.skip("select_for_update races need PostgreSQL")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _request(lan, unit):
    fields = {
        "title": "Hội thảo thử nghiệm",
        "content": "Nội dung",
        "start_date": START,
        "end_date": END,
        "participants_vietnamese": 50,
        "participants_foreign": 5,
        "countries": ["JP"],
    }
    return driver.start(
        F.submit,
        actor=lan,
        submit=lambda: services.submit(unit=unit, actor=lan, fields=fields),
    )


def _endorse_task(conference):
    return selectors.process_of(conference).task_set.get(flow_task=F.endorse)


def test_ten_claims_of_one_step_give_one_claim(province, unit_a, lan, minh):
    conference = _request(lan, unit_a)
    url = _endorse_task(conference).reverse("assign")

    codes = race([(_client(minh), url, {}) for _ in range(THREADS)])

    assert sorted(codes) == [302] + [409] * (THREADS - 1)
    assert _endorse_task(conference).owner == minh


def test_ten_completions_of_one_step_give_one_endorsement(province, unit_a, lan, minh):
    conference = _request(lan, unit_a)
    task = _endorse_task(conference)
    with F.lock(task.process_id):
        F.endorse.activation_class(task).assign(minh)

    data = {"decision": "endorse"}
    codes = race([(_client(minh), task.reverse("execute"), data) for _ in range(THREADS)])

    assert sorted(codes) == [302] + [409] * (THREADS - 1)
    assert Entry.objects.filter(action="endorsed").count() == 1
