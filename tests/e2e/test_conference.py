"""The international conference's happy path, clicked through in real Chromium by each role:
the request, endorsement, review, the police's and Sở Tư pháp's opinions, the synthesis,
the leader's permission, the approval letter, the results report and its acknowledgement."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from conferences.models import Conference, Status
from workflows.flows import ConferenceFlow

from ..issuance import issue_in_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _request(page):
    page.goto("/hoi-nghi/moi/")
    page.fill("#id_title", "Hội thảo quốc tế về năng lượng tái tạo")
    page.select_option("#id_kind", "seminar")
    page.fill("#id_content", "Phiên 1: chính sách; phiên 2: đầu tư điện gió.")
    page.select_option("#id_format", "hybrid")
    page.fill("#id_place", "Trung tâm ICISE, Quy Nhơn")
    page.fill("#id_start_date", "2027-01-15")
    page.fill("#id_end_date", "2027-01-16")
    page.fill("#id_foreign_partners", "Viện Fraunhofer (Đức)")
    page.select_option("#id_funding_source", "mixed")
    page.fill("#id_funding_amount", "350000000")
    page.fill("#id_participants_vietnamese", "120")
    page.fill("#id_participants_foreign", "30")
    page.select_option("#id_countries", ["DE", "FR"])
    page.locator("[data-testid=conference-form] button[type=submit]").click()
    page.wait_for_selector("[data-testid=conference-reference]")


def _act(page, conference, button_text, fill):
    """Open the conference page, press the action (claiming first if needed), fill, send."""
    page.goto(f"/hoi-nghi/{conference.pk}/")
    page.locator("[data-testid=actions] .dn-button", has_text=button_text).first.click()
    page.wait_for_selector("[data-testid=step-form]")
    fill(page)
    page.locator("[data-testid=step-form] button[type=submit]").click()
    page.wait_for_url(f"**/hoi-nghi/{conference.pk}/")


def _decide(decision):
    return lambda page: page.check(f"input[name=decision][value={decision}]")


def _agree(page):
    page.check("input[name=verdict][value=agree]")


def _report(page):
    page.fill("#id_participants", "142")
    page.fill("#id_foreign_DE", "20")
    page.fill("#id_foreign_FR", "6")
    page.fill("#id_text", "Thông qua tuyên bố chung về hợp tác năng lượng.")


def test_a_conference_goes_from_request_to_acknowledged_report_through_the_ui(
    page, log_in, province, lan, minh, hoa, tuan, dung, thao, pho, justice, van
):
    log_in(lan)
    _request(page)
    conference = Conference.objects.get()
    assert page.locator("[data-testid=conference-status]").inner_text() == "Chờ đơn vị cho ý kiến"

    log_in(minh)
    _act(page, conference, "Đơn vị cho ý kiến", _decide("endorse"))
    log_in(hoa)
    _act(page, conference, "Thẩm định hồ sơ", _decide("accept"))
    _act(
        page,
        conference,
        "Chọn cơ quan",
        lambda p: p.check(f"input[name=agencies][value='{justice.pk}']"),
    )
    for person in (dung, thao):
        log_in(person)
        _act(page, conference, "Cho ý kiến", _agree)
    log_in(tuan)
    _act(page, conference, "Tổng hợp ý kiến", lambda p: p.fill("#id_summary", "Đều đồng ý."))
    log_in(pho)
    _act(page, conference, "cho phép", _decide("approve"))
    assert page.locator("[data-testid=conference-status]").inner_text() == "Đã phê duyệt"
    issue_in_code(conference, ConferenceFlow, clerk=van, sequence=1889)  # signed, registered
    page.goto(f"/hoi-nghi/{conference.pk}/")
    assert "1889/UBND-NC" in page.locator("[data-testid=letter-number]").inner_text()
    with page.expect_download() as download:
        page.click("[data-testid=letter-download]")
    assert download.value.suggested_filename.endswith(".docx")

    # The day after the conference, the beat's timer asks the unit for its report.
    with time_machine.travel(datetime.datetime(2027, 1, 17, 2, 0, tzinfo=datetime.UTC)):
        call_command("workflow_timers")
    log_in(lan)
    _act(page, conference, "Báo cáo kết quả", _report)
    log_in(hoa)
    _act(page, conference, "Tiếp nhận báo cáo", _decide("acknowledge"))

    assert page.locator("[data-testid=conference-status]").inner_text() == "Hoàn thành"
    assert "142" in page.locator("[data-testid=results]").inner_text()
    page.goto("/hoi-nghi/")
    assert conference.reference in page.locator("[data-testid=conference-list]").inner_text()
    conference.refresh_from_db()
    assert conference.status == Status.COMPLETED
    assert conference.foreign_actual == {"DE": 20, "FR": 6}
    assert page.csp_violations == []
