"""Claiming a queued task: losing to a colleague is a 409, not a denial (issue 17, item 12).

A claim of a task somebody else has already taken answers who took it and when, and
the audit trail records no refusal: the person had every right to try. Someone who may
not take the step at all (not the role) is still refused as before.
"""

import os

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from viewflow.workflow.status import STATUS

from audit.models import Entry
from organizations.models import Role
from organizations.services import grant_role
from workflows.flows import OutboundTripFlow as F

from ..concurrency import race
from ..factories import StaffProfileFactory
from ..trips import started_trip
from ..workflows.test_outbound_flow import login, open_task, submit

RACERS = 30


def _unit_head(unit, username, full_name):
    """Return a new person acting as the head of ``unit`` (a second head, a deputy head)."""
    user = StaffProfileFactory(
        user__username=username, user__full_name=full_name, unit=unit, position="Phó Giám đốc"
    ).user
    grant_role(user, Role.UNIT_HEAD, unit)
    return user


@pytest.mark.django_db
def test_claiming_a_task_someone_else_took_answers_409_and_logs_no_denial(
    client, province, lan, minh, unit_a
):
    other_head = _unit_head(unit_a, "pho_giam_doc", "Ngô Thị Phó")
    trip = submit(client, lan)
    task = open_task(trip, F.endorse)
    login(client, minh)
    assert client.post(task.reverse("assign")).status_code == 302
    login(client, other_head)
    for method in (client.get, client.post):
        response = method(task.reverse("assign"))
        assert response.status_code == 409
        body = response.content.decode()
        assert "Việc này đã được Lê Quang Minh nhận xử lý lúc" in body
    assert not Entry.objects.filter(action="access_denied").exists()
    task.refresh_from_db()
    assert task.owner == minh


@pytest.mark.django_db
def test_claiming_your_own_task_again_says_so_and_links_to_it(client, province, lan, minh):
    trip = submit(client, lan)
    task = open_task(trip, F.endorse)
    login(client, minh)
    assert client.post(task.reverse("assign")).status_code == 302
    response = client.post(task.reverse("assign"))  # a double click
    assert response.status_code == 409
    assert f'href="{task.reverse("execute")}"' in response.content.decode()
    assert Entry.objects.filter(action="claimed").count() == 1
    assert not Entry.objects.filter(action="access_denied").exists()


@pytest.mark.django_db
def test_someone_without_the_role_is_still_refused(client, province, lan, minh):
    trip = submit(client, lan)
    task = open_task(trip, F.endorse)
    login(client, lan)  # sees the trip, but is not the unit head
    assert client.post(task.reverse("assign")).status_code == 403
    login(client, minh)
    client.post(task.reverse("assign"))
    login(client, lan)  # taken now, and still not hers to claim
    assert client.post(task.reverse("assign")).status_code == 403
    assert Entry.objects.filter(action="access_denied", actor=lan).count() == 2


@pytest.mark.django_db
def test_claiming_a_finished_task_says_it_is_done(client, province, lan, minh):
    trip = submit(client, lan)
    login(client, minh)
    endorse = open_task(trip, F.endorse)
    client.post(endorse.reverse("assign"))
    client.post(endorse.reverse("execute"), {"decision": "endorse", "comment": ""})
    response = client.post(endorse.reverse("assign"))
    assert response.status_code == 409
    assert "xử lý xong" in response.content.decode()


# -- the race, on PostgreSQL -------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_simultaneous_claims_give_one_task_and_twenty_nine_409s(unit_a, province, lan):
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs the race tests on PostgreSQL")
        pytest.skip("select_for_update races need PostgreSQL")
    trip = started_trip(lan, unit_a)
    heads = [_unit_head(unit_a, f"head{n}", f"Trưởng đơn vị {n}") for n in range(RACERS)]
    clients = []
    for head in heads:
        client = Client()
        client.force_login(head)
        clients.append(client)
    reverse("my_tasks")  # loads the URLconf, where the flows' namespaces are registered
    url = open_task(trip, F.endorse).reverse("assign")

    codes = race([(client, url, {}) for client in clients])

    assert sorted(codes) == [302] + [409] * (RACERS - 1), codes
    assert not Entry.objects.filter(action="access_denied").exists()
    assert Entry.objects.filter(action="claimed", subject_id=str(trip.pk)).count() == 1
    task = open_task(trip, F.endorse)
    assert task.status == STATUS.ASSIGNED and task.owner in heads
