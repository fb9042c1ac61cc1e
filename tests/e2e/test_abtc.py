"""An APEC business travel card request clicked through in real Chromium by each role: the
business files two managers (adding a row), its director signs, the focal agency
consults the police and the tax office, the head sums up, the leader allows one manager,
the committee's clerk uploads the signed decision and registers it (ADR 0012), the
decision is downloaded, the card goes into the register and shows in the statistics."""

import pytest

from abtc.models import AbtcRequest, Status
from organizations.models import Role
from tests.conftest import _person
from tests.factories import UnitFactory

from ..issuance import pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _request(page):
    page.goto("/the-abtc/moi/")
    page.fill("#id_enterprise_code", "4100123456")
    page.fill("#id_established_on", "2015-06-01")
    page.fill("#id_address", "12 Trần Hưng Đạo, Quy Nhơn")
    page.fill("#id_legal_representative", "Trần Thị Bình")
    page.fill("#id_business_lines", "Chế biến, xuất khẩu thủy sản")
    page.fill("#id_apec_partners", "Hợp đồng 2025/JP-07 với đối tác Nhật Bản")
    page.check("input[name=economies][value=JP]")
    page.check("input[name=economies][value=KR]")
    rows = [
        ("Hoàng Văn Phong", "1975-03-12", "Tổng Giám đốc", "C1234567"),
        ("Vũ Thị Mai", "1982-11-02", "Kế toán trưởng", "C7654321"),
    ]
    for index, (name, born, position, passport) in enumerate(rows):
        if index:
            page.click("[data-testid=add-manager]")
        page.fill(f"#id_managers-{index}-full_name", name)
        page.fill(f"#id_managers-{index}-date_of_birth", born)
        page.fill(f"#id_managers-{index}-position", position)
        page.fill(f"#id_managers-{index}-passport_number", passport)
    page.locator("[data-testid=abtc-form] button[type=submit]").click()
    page.wait_for_selector("[data-testid=abtc-reference]")


def _act(page, abtc_request, button_text, fill):
    page.goto(f"/the-abtc/ho-so/{abtc_request.pk}/")
    page.locator("[data-testid=actions] .dn-button", has_text=button_text).first.click()
    page.wait_for_selector("[data-testid=step-form]")
    fill(page)
    page.locator("[data-testid=step-form] button[type=submit]").click()
    page.wait_for_url(f"**/the-abtc/ho-so/{abtc_request.pk}/")


def _decide(decision):
    return lambda page: page.check(f"input[name=decision][value={decision}]")


def _agree(page):
    page.check("input[name=verdict][value=agree]")


def test_an_abtc_request_goes_from_the_business_to_the_register_through_the_ui(
    page, log_in, province, hoa, tuan, dung, pho, van
):
    business = UnitFactory(name="Công ty TNHH Hải Phong", code="DNHP", kind="enterprise")
    tax_office = UnitFactory(name="Thuế tỉnh", code="CT")
    an = _person("an", "Nguyễn Văn An", business, Role.UNIT_STAFF, "Nhân viên")
    binh = _person("binh", "Trần Thị Bình", business, Role.UNIT_HEAD, "Giám đốc")
    thue = _person("thue", "Phan Văn Thuế", tax_office, Role.CONSULTED_AGENCY, "Phó Trưởng")

    log_in(an)
    _request(page)
    abtc_request = AbtcRequest.objects.get()
    managers = page.locator("[data-testid=abtc-managers]").inner_text()
    assert "Vũ Thị Mai" in managers and "C7654321" not in managers

    log_in(binh)
    _act(page, abtc_request, "Doanh nghiệp ký đề nghị", _decide("endorse"))
    log_in(hoa)
    _act(page, abtc_request, "Thẩm định hồ sơ", _decide("accept"))
    # The tax office is ticked already (ABTC_CONSULTED_AGENCIES).
    _act(page, abtc_request, "Chọn cơ quan", lambda p: None)
    for person in (dung, thue):
        log_in(person)
        _act(page, abtc_request, "Cho ý kiến", _agree)
    log_in(tuan)
    _act(page, abtc_request, "Tổng hợp ý kiến", lambda p: p.fill("#id_summary", "Đều đồng ý."))

    def allow_only_phong(p):
        p.check("input[name=decision][value=approve]")
        p.locator("input[name=managers]").nth(1).uncheck()
        p.fill("#id_comment", "Bà Mai chưa đủ thời gian công tác.")

    log_in(pho)
    _act(page, abtc_request, "cho phép", allow_only_phong)
    assert page.locator("[data-testid=abtc-status]").inner_text() == "Đã phê duyệt"
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
    _act(page, abtc_request, "Ký quyết định", upload_signed)
    _act(page, abtc_request, "Vào sổ", lambda p: p.fill("#id_sequence", "1889"))
    assert page.locator("[data-testid=abtc-status]").inner_text() == "Đã ban hành văn bản"
    assert "1889/QĐ-UBND" in page.locator("[data-testid=decision-number]").inner_text()

    log_in(an)
    page.goto(f"/the-abtc/ho-so/{abtc_request.pk}/")
    with page.expect_download() as download:
        page.locator("[data-testid=signed-download]").click()
    assert download.value.suggested_filename.endswith(".pdf")
    with page.expect_download() as download:
        page.click("[data-testid=decision-download]")
    assert download.value.suggested_filename.endswith(".docx")

    log_in(hoa)
    page.goto(f"/the-abtc/ho-so/{abtc_request.pk}/")
    page.click("[data-testid=register-card-1]")
    page.fill("#id_number", "APEC-VN-0001")
    page.fill("#id_issued_on", "2026-12-01")
    page.locator("[data-testid=card-form] button[type=submit]").click()
    page.wait_for_url(f"**/the-abtc/ho-so/{abtc_request.pk}/")
    assert page.locator("[data-testid=abtc-status]").inner_text() == "Đã vào sổ thẻ"
    assert page.locator("[data-testid=register-card-2]").count() == 0

    log_in(an)
    page.goto("/the-abtc/so-the/")
    assert "APEC-VN-0001" in page.locator("[data-testid=abtc-card-register]").inner_text()
    page.goto("/the-abtc/thong-ke/")
    assert "Nhật Bản" in page.locator("[data-testid=abtc-by-economy]").inner_text()
    abtc_request.refresh_from_db()
    assert abtc_request.status == Status.COMPLETED
    assert page.csp_violations == []
