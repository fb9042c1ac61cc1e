"""The inbound visit's happy path, clicked through in real Chromium by each role,
with the guest list uploaded as an Excel file."""

import datetime
import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from permits.models import InboundVisit, Status
from workflows.flows import InboundVisitFlow

from ..issuance import issue_in_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _guest_list(path):
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["Họ và tên", "Quốc tịch", "Số hộ chiếu", "Hết hạn", "Ngày sinh", "Tổ chức", "Chức vụ"]
    )
    sheet.append(
        ["TANAKA Hiroshi", "JP", "TZ1234567", "31/12/2030", "15/04/1975", "JETRO", "Trưởng đoàn"]
    )
    sheet.append(
        ["SATO Yuki", "JP", "TZ7654321", "31/12/2031", "02/09/1985", "JETRO", "Chuyên viên"]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _fill_request(page, guest_file):
    page.goto("/doan-vao/moi/")
    page.fill("#id_title", "Đoàn JETRO làm việc về đầu tư")
    page.fill("#id_organisation", "JETRO")
    page.select_option("#id_countries", ["JP"])
    page.fill("#id_start_date", "2026-12-07")
    page.fill("#id_end_date", "2026-12-09")
    page.fill("#id_purpose", "Tìm hiểu môi trường đầu tư")
    page.select_option("#id_funding_source", "guests")
    page.fill("#id_host_leader", "Lê Quang Minh, Giám đốc Sở")
    page.set_input_files("#id_guest_file", str(guest_file))
    page.locator("[data-testid=visit-form] button[type=submit]").click()
    page.wait_for_selector("[data-testid=visit-reference]")


def _act(page, visit, button_text, decision=None, fill=None):
    """Open the visit page, press the action button (claiming first if needed), decide."""
    page.goto(f"/doan-vao/{visit.pk}/")
    page.locator("[data-testid=actions] .dn-button", has_text=button_text).first.click()
    page.wait_for_selector("[data-testid=step-form]")
    if decision:
        page.check(f"input[name=decision][value={decision}]")
    if fill:
        fill(page)
    page.locator("[data-testid=step-form] button[type=submit]").click()
    page.wait_for_url(f"**/doan-vao/{visit.pk}/")


def test_a_visit_goes_from_request_to_acknowledged_report_through_the_ui(
    page, log_in, province, lan, minh, hoa, dung, pho, van, tmp_path
):
    log_in(lan)
    _fill_request(page, _guest_list(tmp_path / "khach.xlsx"))
    visit = InboundVisit.objects.get()
    assert visit.guests.count() == 2
    assert page.locator("[data-testid=visit-status]").inner_text() == "Chờ đơn vị cho ý kiến"
    assert page.locator("[data-testid=passport]").first.inner_text() == "TZ1****67"

    log_in(minh)
    _act(page, visit, "Đơn vị cho ý kiến", "endorse")
    log_in(hoa)
    _act(page, visit, "Thẩm định", "forward")

    def clear_everyone(page):
        for radio in page.locator("input[type=radio][value=cleared]").all():
            radio.check()

    log_in(dung)
    _act(page, visit, "Thẩm tra an ninh", fill=clear_everyone)
    log_in(pho)
    _act(page, visit, "Lãnh đạo UBND tỉnh", "approve")
    issue_in_code(visit, InboundVisitFlow, clerk=van, sequence=1889)  # signed, registered
    page.goto(f"/doan-vao/{visit.pk}/")
    assert page.locator("[data-testid=letter-number]").inner_text().startswith("Số 1889/UBND-NC")
    with page.expect_download() as download:
        page.locator("[data-testid=letter-download]").click()
    assert download.value.suggested_filename.endswith(".docx")

    _fire_timers_for(visit)
    log_in(lan)
    _act(page, visit, "Báo cáo kết quả", fill=lambda p: p.fill("#id_text", "Đã làm việc."))
    log_in(hoa)
    _act(page, visit, "Tiếp nhận báo cáo", "acknowledge")
    assert page.locator("[data-testid=visit-status]").inner_text() == "Hoàn thành"
    visit.refresh_from_db()
    assert visit.status == Status.COMPLETED
    assert page.csp_violations == []


def _fire_timers_for(visit):
    from viewflow.workflow.models import Task

    Task.objects.filter(process__artifact_object_id=visit.pk, status="SCHEDULED").update(
        scheduled=datetime.datetime(2026, 1, 10, tzinfo=datetime.UTC)
    )
    call_command("workflow_timers")
