"""Dates at input: a request cannot start in the past, nor end in the year 9999 (issue 17,
item 5), and every date typed into a form falls in a sane window.
"""

import datetime

import pytest

from permits.models import InboundVisit, OutboundTrip
from workflows.flows import InboundVisitFlow
from workflows.flows import OutboundTripFlow as F

from ..start_forms import post_start
from ..workflows.inbound_helpers import visit_data
from ..workflows.test_outbound_flow import START, login, trip_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(province, lan, long, minh, hoa, dung, chu, pho, kiem):
    return province


@pytest.mark.parametrize(
    "start, end",
    [
        (START, datetime.date(9999, 12, 31)),
        (datetime.date(1, 1, 1), START),
        (START - datetime.timedelta(days=30), START),  # a new request cannot start in the past
        (datetime.date(2040, 1, 1), datetime.date(2040, 1, 5)),  # nor in fifteen years
    ],
)
def test_a_trip_with_dates_out_of_bounds_is_refused_at_input(client, cast, lan, start, end):
    login(client, lan)
    response = post_start(
        client,
        F.instance.reverse("submit:execute"),
        trip_data(start_date=start.isoformat(), end_date=end.isoformat()),
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not OutboundTrip.objects.exists()


def test_a_visit_ending_in_the_year_9999_is_refused_at_input(client, cast, lan):
    login(client, lan)
    response = post_start(
        client,
        InboundVisitFlow.instance.reverse("submit:execute"),
        visit_data(end_date="9999-12-31"),
    )
    assert response.status_code == 200
    assert "nằm ngoài khoảng cho phép" in response.content.decode()
    assert not InboundVisit.objects.exists()


def test_a_request_starting_today_is_accepted(client, cast, lan):
    from django.utils import timezone

    today = timezone.localdate()
    login(client, lan)
    data = trip_data(start_date=today.isoformat(), end_date=today.isoformat())
    response = post_start(client, F.instance.reverse("submit:execute"), data)
    assert response.status_code == 302
    assert OutboundTrip.objects.get().start_date == today
