"""The security check sees each member's date of birth and masked identity number; the
officer on the task may reveal the number in full, and the reveal is audited."""

import datetime

import pytest
from django.urls import reverse

from audit.models import Entry
from workflows.flows import OutboundTripFlow as F

from ..workflows.test_outbound_flow import decide, open_task, submit
from .helpers import person

pytestmark = pytest.mark.django_db

IDENTITY = "052075001234"


@pytest.fixture
def cast(province, lan, long, minh, hoa, dung, chu, pho, kiem):
    return province


@pytest.fixture
def at_security(client, cast, unit_a, lan, minh, hoa):
    """A trip whose second member, chosen from the registry, has a known identity."""
    official = person(
        "Trần Thị Lan", born=datetime.date(1975, 4, 15), unit=unit_a, identity=IDENTITY
    )
    trip = submit(client, lan, **{"members-1-person_id": str(official.pk)})
    decide(client, minh, trip, F.endorse, "endorse")
    decide(client, hoa, trip, F.review, "forward")
    return trip, trip.members.get(person=official)


def reveals(trip):
    return Entry.objects.filter(action="personal_data_viewed", subject_id=str(trip.pk))


def test_the_security_check_shows_date_of_birth_and_masked_identity(client, at_security, dung):
    trip, member = at_security
    client.force_login(dung)
    task = open_task(trip, F.security_check)
    client.post(task.reverse("assign"))
    page = client.get(task.reverse("execute")).content.decode()
    assert "15/04/1975" in page
    assert "052****34" in page and IDENTITY not in page
    assert 'data-testid="reveal"' in page
    assert not reveals(trip).exists()


def test_the_officer_reveals_the_identity_and_it_is_audited(client, at_security, dung):
    trip, member = at_security
    client.force_login(dung)
    response = client.post(reverse("outbound_reveal", args=[trip.pk, member.pk]))
    assert response.status_code == 200
    assert IDENTITY in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    entry = reveals(trip).get()
    assert entry.actor == dung and entry.role == "security_officer"
    assert entry.payload["person"] == member.person_id
    assert IDENTITY not in str(entry.payload)


@pytest.mark.parametrize(
    "who, status", [("lan", 403), ("minh", 403), ("kiem", 403), ("pho", 404), ("long", 404)]
)
def test_nobody_else_reveals(client, at_security, request, who, status):
    trip, member = at_security
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("outbound_reveal", args=[trip.pk, member.pk])).status_code == status
    assert not reveals(trip).exists()
