"""Choosing delegation members from the registry of persons, in real Chromium, with a
namesake present: the search lists both, with date of birth and unit, and the member
keeps the one chosen."""

import datetime

import pytest

from people.models import Person
from permits.models import OutboundTrip, TripPurpose

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _a_purpose(db):
    TripPurpose.objects.get_or_create(name="Xúc tiến đầu tư, thương mại, du lịch")


def _person(name, born, unit, position):
    person = Person(full_name=name, date_of_birth=born, unit=unit, position=position)
    person.identity_number = ""
    person.save()
    return person


def test_a_member_is_chosen_from_the_registry_with_a_namesake_present(
    page, log_in, province, unit_a, lan, minh
):
    _person("Nguyễn Văn An", datetime.date(1970, 5, 2), unit_a, "Phó Giám đốc Sở")
    younger = _person("Nguyễn Văn An", datetime.date(1985, 9, 1), unit_a, "Chuyên viên")

    log_in(lan)
    page.goto("/doan-ra/moi/")
    page.fill("#id_title", "Đoàn xúc tiến thương mại tại Pháp")
    page.select_option("#id_purpose", index=1)
    page.select_option("#id_countries", ["FR"])
    page.fill("#id_start_date", "2026-12-07")
    page.fill("#id_end_date", "2026-12-12")
    page.fill("#id_inviting_partner", "Phòng Thương mại Paris")
    page.select_option("#id_funding_source", "state_budget")
    page.fill("#id_members-0-full_name", "Lê Quang Minh")
    page.fill("#id_members-0-position", "Giám đốc Sở")
    page.fill("#id_members-0-unit_name", "Sở Công Thương")
    page.select_option("#id_members-0-delegation_role", "head")
    page.click("[data-testid=add-member]")

    # Typed without accents: both namesakes are offered, told apart by date of birth.
    page.locator("#id_members-1-full_name").press_sequentially("nguyen van an", delay=20)
    choices = page.locator("[data-testid=person-choice]")
    choices.first.wait_for()
    labels = choices.all_inner_texts()
    assert labels == [
        "Nguyễn Văn An — 02/05/1970 — Sở Công Thương",
        "Nguyễn Văn An — 01/09/1985 — Sở Công Thương",
    ]
    choices.nth(1).click()
    assert page.input_value("#id_members-1-full_name") == "Nguyễn Văn An"
    assert page.input_value("#id_members-1-position") == "Chuyên viên"
    assert page.input_value("#id_members-1-date_of_birth") == "1985-09-01"

    page.locator("[data-testid=trip-form] button[type=submit]").click()
    page.wait_for_selector("[data-testid=trip-reference]")
    member = OutboundTrip.objects.get().members.get(order=2)
    assert member.person == younger
    assert Person.objects.filter(name_key="nguyen van an").count() == 2
    assert page.csp_violations == []
