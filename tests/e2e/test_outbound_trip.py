"""The outbound trip's happy path, clicked through in real Chromium by each role."""

import datetime
from pathlib import Path

import docx
import pytest
from django.core.management import call_command

from permits.models import OutboundTrip, Status, TripPurpose

from ..issuance import pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _a_purpose(db):
    # Transactional tests empty the tables, rows from data migrations included.
    TripPurpose.objects.get_or_create(name="Xúc tiến đầu tư, thương mại, du lịch")


def _fill_request(page):
    page.goto("/doan-ra/moi/")
    page.fill("#id_title", "Đoàn xúc tiến thương mại tại Pháp")
    page.select_option("#id_purpose", index=1)
    page.select_option("#id_countries", ["FR"])
    page.fill("#id_cities", "Paris")
    page.fill("#id_start_date", "2026-12-07")
    page.fill("#id_end_date", "2026-12-12")
    page.fill("#id_inviting_partner", "Phòng Thương mại Paris")
    page.select_option("#id_funding_source", "state_budget")
    page.fill("#id_members-0-full_name", "Lê Quang Minh")
    page.fill("#id_members-0-position", "Giám đốc Sở")
    page.fill("#id_members-0-unit_name", "Sở Công Thương")
    page.select_option("#id_members-0-delegation_role", "head")
    page.click("[data-testid=add-member]")
    page.fill("#id_members-1-full_name", "Trần Thị Lan")
    page.fill("#id_members-1-position", "Chuyên viên")
    page.fill("#id_members-1-unit_name", "Sở Công Thương")
    page.locator("[data-testid=trip-form] button[type=submit]").click()
    page.wait_for_selector("[data-testid=trip-reference]")


def _act(page, trip, button_text, decision=None, fill=None):
    """Open the trip page, press the action button (claiming first if needed), decide."""
    page.goto(f"/doan-ra/{trip.pk}/")
    page.locator("[data-testid=actions] .dn-button", has_text=button_text).first.click()
    page.wait_for_selector("[data-testid=step-form]")
    if decision:
        page.check(f"input[name=decision][value={decision}]")
    if fill:
        fill(page)
    page.locator("[data-testid=step-form] button[type=submit]").click()
    page.wait_for_url(f"**/doan-ra/{trip.pk}/")


def test_a_trip_goes_from_request_to_acknowledged_report_through_the_ui(
    page, log_in, province, lan, minh, hoa, dung, pho, van
):
    log_in(lan)
    _fill_request(page)
    trip = OutboundTrip.objects.get()
    assert page.locator("[data-testid=trip-status]").inner_text() == "Chờ đơn vị cho ý kiến"

    log_in(minh)
    _act(page, trip, "Đơn vị cho ý kiến", "endorse")
    log_in(hoa)
    _act(page, trip, "Thẩm định hồ sơ", "forward")

    def clear_everyone(page):
        for radio in page.locator("input[type=radio][value=cleared]").all():
            radio.check()

    log_in(dung)
    _act(page, trip, "Thẩm tra an ninh", fill=clear_everyone)
    log_in(pho)
    _act(page, trip, "phê duyệt", "approve")
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
    _act(page, trip, "Ký quyết định", fill=upload_signed)
    _act(page, trip, "Vào sổ", fill=lambda p: p.fill("#id_sequence", "1889"))
    assert page.locator("[data-testid=trip-status]").inner_text() == "Đã ban hành văn bản"
    assert page.locator("[data-testid=decision-number]").inner_text().startswith("Số 1889/QĐ-UBND")

    log_in(lan)
    page.goto(f"/doan-ra/{trip.pk}/")
    with page.expect_download() as download:
        page.locator("[data-testid=signed-download]").click()
    assert download.value.suggested_filename.endswith(".pdf")
    # The document of record is the signed file, byte for byte.
    assert Path(download.value.path()).read_bytes() == pdf_bytes()
    with page.expect_download() as download:
        page.locator("[data-testid=decision-download]").click()
    assert download.value.suggested_filename.endswith(".docx")
    issued = docx.Document(download.value.path())
    assert "Số: 1889/QĐ-UBND" in issued.tables[0].rows[0].cells[0].text

    OutboundTrip.objects.filter(pk=trip.pk).update(
        start_date=datetime.date(2026, 1, 5), end_date=datetime.date(2026, 1, 9)
    )
    trip.refresh_from_db()
    _fire_timers_for(trip)

    log_in(lan)
    _act(page, trip, "Báo cáo kết quả", fill=lambda p: p.fill("#id_text", "Đã ký 2 biên bản."))
    log_in(hoa)
    _act(page, trip, "Tiếp nhận báo cáo", "acknowledge")
    assert page.locator("[data-testid=trip-status]").inner_text() == "Hoàn thành"
    trip.refresh_from_db()
    assert trip.status == Status.COMPLETED
    assert page.csp_violations == []


def _fire_timers_for(trip):
    from viewflow.workflow.models import Task

    Task.objects.filter(process__artifact_object_id=trip.pk, status="SCHEDULED").update(
        scheduled=datetime.datetime(2026, 1, 10, tzinfo=datetime.UTC)
    )
    call_command("workflow_timers")
