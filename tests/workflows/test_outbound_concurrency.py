"""Races on PostgreSQL: twenty people completing one step, twenty approvals at once."""

import os

import pytest
from django.db import connection
from django.test import Client

from audit.models import Entry
from permits import services
from permits.models import OutboundTrip, Status, TripPurpose
from workflows import driver, selectors
from workflows.flows import OutboundTripFlow

from ..concurrency import race
from ..trips import started_trip

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 20


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs the race tests on PostgreSQL")
        pytest.skip("select_for_update races need PostgreSQL")


@pytest.fixture(autouse=True)
def _a_purpose(_postgresql_only):
    # Transactional tests empty the tables, rows from data migrations included.
    TripPurpose.objects.get_or_create(name="Xúc tiến đầu tư, thương mại, du lịch")


def _trip(lan, unit, title="Đoàn thử nghiệm"):
    return started_trip(lan, unit, title=title, purpose_name="Xúc tiến đầu tư, thương mại, du lịch")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_twenty_completions_of_one_step_give_one_success(province, unit_a, lan, minh, hoa):
    trip = _trip(lan, unit_a)
    task = selectors.process_of(trip).task_set.get(flow_task=OutboundTripFlow.endorse)
    with OutboundTripFlow.lock(task.process_id):
        activation = task.flow_task.activation_class(task)
        activation.assign(minh)
    url = task.reverse("execute")

    codes = race([(_client(minh), url, {"decision": "endorse"}) for _ in range(THREADS)])

    assert sorted(codes) == [302] + [409] * (THREADS - 1)
    assert Entry.objects.filter(action="endorsed", subject_id=str(trip.pk)).count() == 1
    process = selectors.process_of(trip)
    assert process.task_set.filter(flow_task=OutboundTripFlow.review).count() == 1
    trip.refresh_from_db()
    assert trip.status == Status.IN_REVIEW


def test_twenty_approvals_at_once_get_twenty_numbers_without_a_gap(
    province, unit_a, lan, minh, hoa, dung, pho
):
    trips = []
    for index in range(THREADS):
        trip = _trip(lan, unit_a, title=f"Đoàn {index}")
        driver.complete(
            trip,
            OutboundTripFlow.endorse,
            actor=minh,
            perform=lambda t, task: services.endorse(t, actor=minh, task=task),
        )
        driver.complete(
            trip,
            OutboundTripFlow.review,
            actor=hoa,
            perform=lambda t, task: services.forward(t, actor=hoa, task=task),
        )
        driver.complete(
            trip,
            OutboundTripFlow.security_check,
            actor=dung,
            perform=lambda t, task: services.security_check(
                t, actor=dung, verdicts={m.pk: ("cleared", "") for m in t.members.all()}, task=task
            ),
        )
        trips.append(trip)
    urls = [
        selectors.process_of(t).task_set.get(flow_task=OutboundTripFlow.approve).reverse("execute")
        for t in trips
    ]

    codes = race([(_client(pho), url, {"decision": "approve"}) for url in urls])

    assert codes == [302] * THREADS
    numbers = sorted(OutboundTrip.objects.values_list("decision_number", flat=True))
    assert numbers == sorted(f"{n:02d}/QĐ-UBND" for n in range(1, THREADS + 1))
