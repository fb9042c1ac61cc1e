"""The conference registry (/hoi-nghi/): who sees which conferences, and its filters."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conferences.models import Conference
from permits.models import Status
from reports.importing import importing_user

pytestmark = pytest.mark.django_db
URL = reverse("conferences:list")


def make_conference(unit, reference, *, start=datetime.date(2022, 7, 10), **fields):
    values = {
        "title": f"Hội thảo {reference}",
        "start_date": start,
        "end_date": start + datetime.timedelta(days=3),
        "participants_planned": 100,
        "status": Status.COMPLETED,
        "countries": ["FR", "US"],
        **fields,
    }
    return Conference.objects.create(
        unit=unit, reference=reference, submitted_by=importing_user(), **values
    )


@pytest.fixture
def conferences(unit_a, unit_b):
    return {
        "a": make_conference(unit_a, "HN-A-1", title="Hội nghị bí mật của đơn vị A"),
        "b": make_conference(unit_b, "HN-B-1", start=datetime.date(2023, 3, 1)),
    }


def titles(response) -> set[str]:
    return {c.title for c in response.context["page"]}


def test_unit_b_staff_see_none_of_unit_a_conferences(client, conferences, long):
    client.force_login(long)

    response = client.get(URL)

    assert response.status_code == 200
    assert titles(response) == {"Hội thảo HN-B-1"}
    assert "Hội nghị bí mật của đơn vị A" not in response.content.decode()
    # Not through the unit filter either.
    response = client.get(URL, {"unit": conferences["a"].unit_id})
    assert titles(response) == set()


def test_unit_a_staff_and_head_see_their_own_unit(client, conferences, lan, minh):
    for person in (lan, minh):
        client.force_login(person)
        assert titles(client.get(URL)) == {"Hội nghị bí mật của đơn vị A"}


@pytest.mark.parametrize("person", ["hoa", "tuan", "chu", "kiem"])
def test_focal_agency_leaders_and_auditors_see_every_conference(
    client, conferences, person, request
):
    client.force_login(request.getfixturevalue(person))

    assert titles(client.get(URL)) == {"Hội nghị bí mật của đơn vị A", "Hội thảo HN-B-1"}


@pytest.mark.parametrize("person", ["vo", "dung", "thao", "quan"])
def test_others_see_nothing(client, conferences, person, request):
    client.force_login(request.getfixturevalue(person))

    response = client.get(URL)

    assert response.status_code == 200
    assert titles(response) == set()
    assert "Chưa có hội nghị, hội thảo nào." in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, conferences):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_filters_by_year_unit_and_status(client, conferences, unit_a, kiem):
    make_conference(unit_a, "HN-A-2", status=Status.REJECTED, start=datetime.date(2023, 5, 2))
    client.force_login(kiem)

    assert titles(client.get(URL, {"year": 2023})) == {"Hội thảo HN-B-1", "Hội thảo HN-A-2"}
    assert titles(client.get(URL, {"unit": unit_a.pk})) == {
        "Hội nghị bí mật của đơn vị A",
        "Hội thảo HN-A-2",
    }
    assert titles(client.get(URL, {"status": "rejected"})) == {"Hội thảo HN-A-2"}
    # Nonsense filters are ignored, not errors.
    response = client.get(URL, {"year": "abc", "unit": "x" * 40, "status": "bogus"})
    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_the_page_shows_participants_and_country_names(client, unit_a, kiem):
    make_conference(unit_a, "HN-A-3", participants_planned=120, participants_actual=1350)
    client.force_login(kiem)

    page = client.get(URL).content.decode()

    assert "1.350" in page
    assert "Pháp" in page and "Hoa Kỳ" in page


def test_the_number_of_queries_does_not_grow_with_the_rows(client, unit_a, kiem):
    client.force_login(kiem)
    make_conference(unit_a, "HN-Q-1")
    client.get(URL)  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for n in range(2, 12):
        make_conference(unit_a, f"HN-Q-{n}")
    with CaptureQueriesContext(connection) as many:
        client.get(URL)

    assert len(many) == len(one)


def test_a_conference_cannot_end_before_it_starts(unit_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_conference(unit_a, "HN-X", end_date=datetime.date(2022, 7, 1))


def test_participants_are_the_actual_number_when_reported_else_the_planned(unit_a):
    planned = make_conference(unit_a, "HN-P", participants_planned=80)
    reported = make_conference(unit_a, "HN-R", participants_planned=80, participants_actual=0)

    assert planned.participants == 80
    assert reported.participants == 0


def test_an_imported_conference_opens_its_page_without_a_flow(client, conferences, lan, long):
    conference = conferences["a"]
    client.force_login(lan)

    page = client.get(reverse("conference", args=[conference.pk]))

    assert page.status_code == 200
    assert "Hội nghị bí mật của đơn vị A" in page.content.decode()
    client.force_login(long)
    assert client.get(reverse("conference", args=[conference.pk])).status_code == 404
