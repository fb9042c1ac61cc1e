"""The inbox, the trip list and the trip page cost the same queries at 3 rows as at 30."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from permits.models import TripPurpose
from permits.services import MemberData
from workflows import driver, selectors

pytestmark = pytest.mark.django_db


def _make_trips(count, lan, unit, members=2):
    start = datetime.date(2026, 12, 7)
    trips = []
    for index in range(count):
        trips.append(
            driver.start_trip(
                actor=lan,
                unit=unit,
                fields={
                    "title": f"Đoàn {index}",
                    "purpose": TripPurpose.objects.first(),
                    "countries": ["FR", "DE"],
                    "start_date": start,
                    "end_date": start + datetime.timedelta(days=3),
                    "inviting_partner": "Đối tác",
                    "funding_source": "state_budget",
                },
                members=[
                    MemberData(
                        f"Thành viên {n}", "Chuyên viên", "Sở", "head" if n == 0 else "member"
                    )
                    for n in range(members)
                ],
            )
        )
    return trips


def _queries(client, url):
    """Return the queries of a GET of ``url`` once the settings it reads are cached."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(("url_name", "who"), [("my_tasks", "minh"), ("outbound_trips", "lan")])
def test_a_list_costs_the_same_queries_for_3_and_30_rows(
    client, province, unit_a, lan, minh, url_name, who
):
    user = {"lan": lan, "minh": minh}[who]
    client.force_login(user)
    _make_trips(3, lan, unit_a)
    few = _queries(client, reverse(url_name))
    _make_trips(27, lan, unit_a)
    many = _queries(client, reverse(url_name))
    assert many == few
    assert len(selectors.queue(minh)) == 30


def test_the_trip_page_costs_the_same_queries_for_2_and_20_members(client, province, unit_a, lan):
    client.force_login(lan)
    small, large = _make_trips(1, lan, unit_a, members=2) + _make_trips(1, lan, unit_a, members=20)
    assert _queries(client, reverse("outbound_trip", args=[small.pk])) == _queries(
        client, reverse("outbound_trip", args=[large.pk])
    )
