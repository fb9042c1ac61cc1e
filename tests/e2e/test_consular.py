"""A reviewer records a fishermen case in real Chromium and follows it home: detained →
released → repatriated, with the notice to the ministry's Consular Department."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from consular.models import ConsularCase, Status

from .test_shell import AXE_OPTIONS, serious

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_reviewer_records_a_fishermen_case_and_updates_its_status(page, log_in, province, hoa):
    log_in(hoa)
    page.goto("/")
    page.click("[data-testid=nav-consular]")
    page.click("[data-testid=consular-create]")
    page.select_option("#id_group", "fishermen")
    page.select_option("#id_incident", "arrest")
    page.fill("#id_occurred_on", "2026-11-20")
    page.fill("#id_sea_area", "Vùng biển Indonesia")
    page.fill("#id_people_count", "12")
    page.fill("#id_vessel_number", "BĐ 97125 TS")
    page.fill("#id_vessel_owner", "Trương Văn Sáu")
    page.fill("#id_home_port", "Cảng cá Tam Quan")
    page.fill("#id_person-0-full_name", "Trương Văn Bảy")
    page.fill("#id_person-0-document_number", "079123456789")
    page.locator("[data-testid=consular-save]").click()
    page.wait_for_selector("[data-testid=consular-status]")

    case = ConsularCase.objects.get()
    assert page.locator("[data-testid=consular-status]").inner_text() == "Đang bị bắt giữ"
    persons = page.locator("[data-testid=consular-persons]").inner_text()
    assert "T*** V*** B***" in persons and "Trương Văn Bảy" not in persons

    form = page.locator("[data-testid=consular-notice-form]")
    form.locator("#id_target").select_option("ministry")
    # The moment is typed day first; "15h30" is tidied into 15:30 on leaving the field.
    form.locator("#id_at").fill("20/11/2026 15h30")
    form.locator("#id_at").blur()
    assert form.locator("#id_at").input_value() == "20/11/2026 15:30"
    assert form.locator("[data-date-input] + .dn-date__native").get_attribute("type") == (
        "datetime-local"
    )
    form.locator("#id_document").fill("Công văn số 215/SNV-LS")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    notified = page.locator("[data-testid=ministry-notice]").inner_text()
    assert "215/SNV-LS" in notified and "15:30 20/11/2026" in notified
    # The four update forms in the form layout, the moment's picker included.
    assert serious(Axe().run(page, options=AXE_OPTIONS), "case") == []

    for status, label in (("released", "Đã được thả"), ("repatriated", "Đã về nước")):
        page.locator("[data-testid=consular-status-form] #id_status").select_option(status)
        with page.expect_navigation():
            page.locator("[data-testid=consular-status-save]").click()
        assert page.locator("[data-testid=consular-status]").inner_text() == label

    page.goto("/lanh-su/")
    assert case.reference in page.locator("[data-testid=consular-list]").inner_text()
    case.refresh_from_db()
    assert case.status == Status.REPATRIATED
    assert page.csp_violations == []
