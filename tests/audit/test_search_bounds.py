"""The auditor's filters refuse what the database cannot take: a form error or a 404.

``?end=9999-12-31`` used to overflow the day after it (500), and a NUL in a matter's id
reached PostgreSQL (500).
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

pytestmark = pytest.mark.django_db

WINDOW = "Hãy chọn ngày từ 01/01/2000 đến 31/12/2099"


@pytest.fixture
def entry(write, unit_a, lan):
    return write(actor=lan, subject=unit_a, comment="Xin đi Nhật Bản")


@pytest.mark.parametrize(
    "filters",
    [
        {"end": "9999-12-31"},
        {"start": "9999-12-31"},
        {"start": "0001-01-01"},
        {"end": "1999-12-31"},
    ],
)
def test_a_day_outside_the_window_is_a_form_error(client, kiem, entry, filters):
    client.force_login(kiem)
    response = client.get(reverse("audit:search"), filters)
    assert response.status_code == 200
    assert list(response.context["page"]) == []
    assert WINDOW in response.content.decode()


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_an_export_with_a_day_outside_the_window_is_refused_with_the_reason(
    client, kiem, entry, format_
):
    client.force_login(kiem)
    response = client.get(reverse("audit:export"), {"format": format_, "end": "9999-12-31"})
    assert response.status_code == 400
    assert WINDOW in response.content.decode()


def test_the_last_day_of_the_window_still_searches(client, kiem, entry):
    client.force_login(kiem)
    response = client.get(reverse("audit:search"), {"start": "2000-01-01", "end": "2099-12-31"})
    assert entry.seq in [e.seq for e in response.context["page"]]


@pytest.mark.parametrize("subject_id", ["%00", "1%00", "%01x", "1%7F"])
def test_a_control_character_in_a_matters_id_is_a_404(client, kiem, entry, unit_a, subject_id):
    client.force_login(kiem)
    type_id = ContentType.objects.get_for_model(unit_a).pk
    assert client.get(f"/audit/ho-so/{type_id}/{subject_id}/").status_code == 404
    assert client.get(f"/audit/ho-so/{type_id}/{unit_a.pk}/").status_code == 200
