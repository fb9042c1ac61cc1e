"""Races on PostgreSQL: twenty people completing one inbound step at once."""

import os

import pytest
from django.db import connection

from audit.models import Entry
from permits import visit_services
from permits.models import Status
from workflows import driver, selectors
from workflows.flows import InboundVisitFlow as F

from ..concurrency import race
from .inbound_helpers import make_visit
from .test_outbound_concurrency import THREADS, _client

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs the race tests on PostgreSQL")
        pytest.skip("select_for_update races need PostgreSQL")


def test_twenty_endorsements_of_one_visit_give_one_success(province, unit_a, lan, minh, hoa):
    visit = make_visit(lan, unit_a, 3)
    task = selectors.process_of(visit).task_set.get(flow_task=F.endorse)
    with F.lock(task.process_id):
        task.flow_task.activation_class(task).assign(minh)
    url = task.reverse("execute")

    codes = race([(_client(minh), url, {"decision": "endorse"}) for _ in range(THREADS)])

    assert sorted(codes) == [302] + [409] * (THREADS - 1)
    assert Entry.objects.filter(action="endorsed", subject_id=str(visit.pk)).count() == 1
    assert selectors.process_of(visit).task_set.filter(flow_task=F.review).count() == 1


def test_twenty_security_checks_of_one_visit_give_one_success(
    province, unit_a, lan, minh, hoa, dung
):
    visit = make_visit(lan, unit_a, 3)
    driver.complete(
        visit,
        F.endorse,
        actor=minh,
        perform=lambda v, t: visit_services.endorse(v, actor=minh, task=t),
    )
    driver.complete(
        visit,
        F.review,
        actor=hoa,
        perform=lambda v, t: visit_services.forward(v, actor=hoa, task=t),
    )
    task = selectors.process_of(visit).task_set.get(flow_task=F.security_check)
    with F.lock(task.process_id):
        task.flow_task.activation_class(task).assign(dung)
    data = {"outcome": "remove", **{f"verdict_{g.pk}": "cleared" for g in visit.guests.all()}}

    codes = race([(_client(dung), task.reverse("execute"), data) for _ in range(THREADS)])

    assert sorted(codes) == [302] + [409] * (THREADS - 1)
    visit.refresh_from_db()
    assert visit.status == Status.AWAITING_APPROVAL
    assert Entry.objects.filter(action="security_cleared", subject_id=str(visit.pk)).count() == 1
