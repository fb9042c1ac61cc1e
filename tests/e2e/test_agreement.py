"""The international agreement's happy path, clicked through in real Chromium by each role."""

import pytest
from django.utils import timezone

from agreements.models import Agreement, Status

from ..issuance import pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _propose(page):
    page.goto("/thoa-thuan/moi/")
    page.fill("#id_title", "Bản ghi nhớ hợp tác với tỉnh Gyeonggi")
    page.select_option("#id_kind", "mou")
    page.select_option("#id_field", "economy")
    page.fill("#id_partner", "Chính quyền tỉnh Gyeonggi")
    page.select_option("#id_partner_kind", "local_government")
    page.select_option("#id_partner_country", "KR")
    page.fill("#id_purpose", "Mở rộng hợp tác thương mại")
    page.fill("#id_content", "Trao đổi đoàn, xúc tiến đầu tư")
    page.fill("#id_term", "5 năm")
    page.fill("#id_proposed_signer", "Chủ tịch UBND tỉnh")
    page.locator("[data-testid=agreement-form] button[type=submit]").click()
    page.wait_for_selector("[data-testid=agreement-reference]")


def _act(page, agreement, button_text, fill):
    """Open the agreement page, press the action (claiming first if needed), fill, send."""
    page.goto(f"/thoa-thuan/{agreement.pk}/")
    page.locator("[data-testid=actions] .dn-button", has_text=button_text).first.click()
    page.wait_for_selector("[data-testid=step-form]")
    fill(page)
    page.locator("[data-testid=step-form] button[type=submit]").click()
    page.wait_for_url(f"**/thoa-thuan/{agreement.pk}/")


def _decide(decision):
    return lambda page: page.check(f"input[name=decision][value={decision}]")


def _agree(page):
    page.check("input[name=verdict][value=agree]")


def test_an_agreement_goes_from_proposal_to_the_registry_through_the_ui(
    page, log_in, province, lan, minh, hoa, tuan, dung, thao, chu, justice, van
):
    log_in(lan)
    _propose(page)
    agreement = Agreement.objects.get()

    log_in(minh)
    _act(page, agreement, "Đơn vị cho ý kiến", _decide("endorse"))
    log_in(hoa)
    _act(page, agreement, "Thẩm định hồ sơ", _decide("accept"))
    _act(
        page,
        agreement,
        "Chọn cơ quan",
        lambda p: p.check(f"input[name=agencies][value='{justice.pk}']"),
    )
    for person in (dung, thao):
        log_in(person)
        _act(page, agreement, "Cho ý kiến", _agree)
    log_in(tuan)
    _act(page, agreement, "Tổng hợp ý kiến", lambda p: p.fill("#id_summary", "Đều đồng ý."))
    log_in(chu)
    _act(page, agreement, "quyết định", _decide("approve"))

    # The clerk uploads the signed approval letter, then registers it (ADR 0012).
    def upload_signed(p):
        p.set_input_files(
            "#id_signed_file",
            files=[{"name": "cv-da-ky.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}],
        )

    log_in(van)
    _act(page, agreement, "Ký văn bản chấp thuận ký kết", upload_signed)
    _act(page, agreement, "Vào sổ", lambda p: p.fill("#id_sequence", "1889"))
    assert "1889/UBND-" in page.locator("body").inner_text()

    def signing(p):
        # not before the approval letter's date (ADR 0012)
        p.fill("#id_signed_on", timezone.localdate().isoformat())
        p.fill("#id_signed_place", "Suwon")
        p.fill("#id_signed_by", "Chủ tịch UBND tỉnh")

    log_in(hoa)
    _act(page, agreement, "Ghi nhận kết quả ký kết", signing)
    assert page.locator("[data-testid=agreement-status]").inner_text() == "Đã ký kết"
    page.goto("/thoa-thuan/so-dang-ky/")
    assert agreement.reference in page.locator("[data-testid=registry]").inner_text()
    agreement.refresh_from_db()
    assert agreement.status == Status.SIGNED
    assert page.csp_violations == []
