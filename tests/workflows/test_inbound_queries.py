"""The visit page and its step page cost the same queries with 5 guests as with 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from workflows import driver
from workflows.flows import InboundVisitFlow as F

from .inbound_helpers import make_visit, open_task

pytestmark = pytest.mark.django_db


def queries(client, url):
    """Return the queries of a GET of ``url`` once the settings it reads are cached."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_visit_page_costs_the_same_for_5_and_200_guests(client, province, unit_a, lan, hoa):
    few, many = make_visit(lan, unit_a, 5), make_visit(lan, unit_a, 200)
    for user in (lan, hoa):
        client.force_login(user)
        small = queries(client, reverse("inbound_visit", args=[few.pk]))
        large = queries(client, reverse("inbound_visit", args=[many.pk]))
        assert small == large


def test_the_review_step_costs_the_same_for_5_and_200_guests(
    client, province, unit_a, lan, minh, hoa
):
    from permits import visit_services

    visits = [make_visit(lan, unit_a, n) for n in (5, 200)]
    counts = []
    for visit in visits:
        driver.complete(
            visit,
            F.endorse,
            actor=minh,
            perform=lambda v, task: visit_services.endorse(v, actor=minh, task=task),
        )
        task = open_task(visit, F.review)
        client.force_login(hoa)
        client.post(task.reverse("assign"))
        counts.append(queries(client, task.reverse("execute")))
    assert counts[0] == counts[1]
