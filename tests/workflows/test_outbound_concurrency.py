"""Races on PostgreSQL: twenty people completing one step, twenty registrations at once."""

import os

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from audit.models import Entry
from matters.models import Issuance
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


def _signed_trips(lan, unit, minh, hoa, dung, pho, van):
    """``THREADS`` trips approved and signed, each waiting at the clerk's register step."""
    from matters import issuance

    from ..issuance import signed_pdf

    trips = []
    for index in range(THREADS):
        trip = _trip(lan, unit, title=f"Đoàn {index}")
        steps = [
            (OutboundTripFlow.endorse, minh, services.endorse, {}),
            (OutboundTripFlow.review, hoa, services.forward, {}),
            (
                OutboundTripFlow.security_check,
                dung,
                services.security_check,
                {"verdicts": {m.pk: ("cleared", "") for m in trip.members.all()}},
            ),
            (OutboundTripFlow.approve, pho, services.approve, {}),
            (
                OutboundTripFlow.sign,
                van,
                issuance.sign,
                {"upload": signed_pdf(), "signed_on": timezone.localdate()},
            ),
        ]
        for node, actor, service, kwargs in steps:
            driver.complete(trip, node, actor=actor, perform=driver.call(service, actor, **kwargs))
        trips.append(trip)
    return trips


def _register_urls(trips):
    return [
        selectors.process_of(t).task_set.get(flow_task=OutboundTripFlow.register).reverse("execute")
        for t in trips
    ]


def _claimed_by(clerk, trips):
    for trip in trips:
        task = selectors.process_of(trip).task_set.get(flow_task=OutboundTripFlow.register)
        with OutboundTripFlow.lock(task.process_id):
            task.flow_task.activation_class(task).assign(clerk)


def test_twenty_registrations_at_once_get_twenty_numbers_without_a_gap(
    settings, province, unit_a, lan, minh, hoa, dung, pho, van
):
    settings.DOCUMENT_REGISTER = {
        **settings.DOCUMENT_REGISTER,
        "QĐ": {**settings.DOCUMENT_REGISTER["QĐ"], "auto": True},
    }
    trips = _signed_trips(lan, unit_a, minh, hoa, dung, pho, van)
    _claimed_by(van, trips)
    today = timezone.localdate().isoformat()

    codes = race([(_client(van), url, {"issued_on": today}) for url in _register_urls(trips)])

    assert codes == [302] * THREADS
    numbers = sorted(OutboundTrip.objects.values_list("decision_number", flat=True))
    assert numbers == sorted(f"{n}/QĐ-UBND" for n in range(1, THREADS + 1))


def test_twenty_registrations_of_one_typed_number_give_it_once_and_tell_the_others(
    province, unit_a, lan, minh, hoa, dung, pho, van
):
    trips = _signed_trips(lan, unit_a, minh, hoa, dung, pho, van)
    _claimed_by(van, trips)
    data = {"issued_on": timezone.localdate().isoformat(), "sequence": "7"}

    codes = race([(_client(van), url, data) for url in _register_urls(trips)])

    assert sorted(codes) == [200] * (THREADS - 1) + [302]
    numbers = [n for n in OutboundTrip.objects.values_list("decision_number", flat=True) if n]
    assert numbers == ["7/QĐ-UBND"]
    assert Issuance.objects.filter(sequence=7).count() == 1
