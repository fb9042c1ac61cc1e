"""Foreign NGO aid clicked through in real Chromium by each role: the NGO enters the
register, the aid owner files the dossier, its head endorses, the focal agency appraises
and consults the police and Sở Tư pháp, its head reports, the Chairman approves, the
committee's clerk uploads the signed decision and registers it (ADR 0012; the numbered
decision in Word), the owner records the start and a disbursement, files the final
report, and the focal agency acknowledges it."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from ngo_aid.models import AidProject, ForeignNGO, Status

from ..issuance import pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _register(page):
    page.goto("/vien-tro/to-chuc/")
    page.click("[data-testid=ngo-new]")
    page.fill("#id_name", "East Meets West Foundation")
    page.fill("#id_name_vi", "Tổ chức Đông Tây Hội ngộ")
    page.select_option("#id_country", "US")
    page.select_option("#id_registration_kind", "project_office")
    page.fill("#id_registration_number", "168/CNV-VPDA")
    page.fill("#id_registration_issuer", "Bộ Ngoại giao")
    page.fill("#id_registration_valid_until", "2029-02-28")
    page.fill("#id_areas", "Y tế, nước sạch")
    page.locator("[data-testid=ngo-form] button[type=submit]").click()
    page.wait_for_selector("[data-testid=ngo-facts]")


def _request(page, donor):
    page.goto("/vien-tro/moi/")
    page.select_option("#id_donor", str(donor.pk))
    page.fill("#id_title", "Nước sạch cho trường học vùng cao")
    page.select_option("#id_form", "project")
    page.select_option("#id_field", "environment")
    page.fill("#id_objectives", "Lắp đặt hệ thống lọc nước cho 12 điểm trường.")
    page.fill("#id_location", "Xã An Lão")
    page.fill("#id_beneficiaries", "3.000 học sinh")
    page.fill("#id_start_date", "2026-12-15")
    page.fill("#id_end_date", "2027-03-31")
    page.fill("#id_currency", "EUR")
    page.fill("#id_amount", "100000")
    page.fill("#id_usd_rate", "1.085")
    page.fill("#id_counterpart_vnd", "250000000")
    page.locator("[data-testid=project-form] button[type=submit]").click()
    page.wait_for_selector("[data-testid=project-reference]")


def _act(page, project, button_text, fill):
    """Open the project's page, press the action (claiming first if needed), fill, send."""
    page.goto(f"/vien-tro/{project.pk}/")
    page.locator("[data-testid=actions] .dn-button", has_text=button_text).first.click()
    page.wait_for_selector("[data-testid=step-form]")
    fill(page)
    page.locator("[data-testid=step-form] button[type=submit]").click()
    page.wait_for_url(f"**/vien-tro/{project.pk}/")


def _decide(decision):
    return lambda page: page.check(f"input[name=decision][value={decision}]")


def _agree(page):
    page.check("input[name=verdict][value=agree]")


def test_an_aid_goes_from_the_register_to_the_acknowledged_final_report_through_the_ui(
    page, log_in, province, lan, minh, hoa, tuan, dung, thao, chu, justice, van
):
    log_in(hoa)
    _register(page)
    donor = ForeignNGO.objects.get()

    log_in(lan)
    _request(page, donor)
    project = AidProject.objects.get()
    assert page.locator("[data-testid=project-status]").inner_text() == "Chờ đơn vị cho ý kiến"
    amount = page.locator("[data-testid=project-amount]").inner_text()
    assert "100.000 EUR" in amount and "108.500 USD" in amount

    log_in(minh)
    _act(page, project, "Đơn vị cho ý kiến", _decide("endorse"))
    log_in(hoa)
    _act(page, project, "Thẩm định hồ sơ", _decide("accept"))
    _act(
        page,
        project,
        "Chọn cơ quan",
        lambda p: p.check(f"input[name=agencies][value='{justice.pk}']"),
    )
    for person in (dung, thao):
        log_in(person)
        _act(page, project, "Cho ý kiến", _agree)
    log_in(tuan)
    _act(page, project, "Tổng hợp", lambda p: p.fill("#id_summary", "Đủ điều kiện."))
    log_in(chu)
    _act(page, project, "phê duyệt", _decide("approve"))
    assert page.locator("[data-testid=project-status]").inner_text() == "Đã phê duyệt"
    # A draft: the submission and the draft are there, no number yet (ADR 0012).
    assert page.locator("[data-testid=decision-number]").count() == 0
    with page.expect_download() as download:
        page.locator("[data-testid=draft-download]").click()
    assert download.value.suggested_filename.endswith(".docx")

    # The clerk uploads the signed PDF, then registers it: number and date.
    def upload_signed(page):
        page.set_input_files(
            "#id_signed_file",
            files=[{"name": "qd-da-ky.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}],
        )

    log_in(van)
    _act(page, project, "Ký quyết định", upload_signed)
    _act(page, project, "Vào sổ", lambda p: p.fill("#id_sequence", "1889"))
    status = page.locator("[data-testid=project-status]").inner_text()
    assert status == "Đã ban hành quyết định, chờ triển khai"
    assert "1889/QĐ-UBND" in page.locator("[data-testid=decision-number]").inner_text()

    log_in(lan)
    page.goto(f"/vien-tro/{project.pk}/")
    with page.expect_download() as download:
        page.locator("[data-testid=signed-download]").click()
    assert download.value.suggested_filename.endswith(".pdf")
    with page.expect_download() as download:
        page.click("[data-testid=decision-download]")
    assert download.value.suggested_filename.endswith(".docx")

    _act(page, project, "bắt đầu thực hiện", lambda p: p.fill("#id_started_on", "2026-12-01"))
    page.fill("[data-testid=disbursement-form] #id_disbursed_on", "2026-12-01")
    page.fill("[data-testid=disbursement-form] #id_amount", "40000")
    with page.expect_navigation():
        page.locator("[data-testid=disbursement-form] button[type=submit]").click()
    assert "Đã ghi nhận lần giải ngân." in page.locator(".dn-messages").inner_text()
    assert page.locator("[data-testid=disbursed-usd]").inner_text() == "43.400"

    # After the aid's last day the beat's timer asks for the final report.
    with time_machine.travel(datetime.datetime(2027, 4, 1, 2, 0, tzinfo=datetime.UTC)):
        call_command("workflow_timers")
    _act(page, project, "Báo cáo tình hình", lambda p: p.fill("#id_text", "Đã hoàn thành."))
    log_in(hoa)
    _act(page, project, "Tiếp nhận báo cáo", _decide("acknowledge"))

    assert page.locator("[data-testid=project-status]").inner_text() == "Hoàn thành"
    page.goto("/vien-tro/?q=East+Meets")
    assert project.reference in page.locator("[data-testid=project-list]").inner_text()
    page.goto(f"/vien-tro/to-chuc/{donor.pk}/")
    assert project.reference in page.locator("[data-testid=ngo-projects]").inner_text()
    project.refresh_from_db()
    assert project.status == Status.COMPLETED
    assert page.csp_violations == []
