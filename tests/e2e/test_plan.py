"""The annual plan in real Chromium: a unit registers two items, its head endorses them,
the focal agency compiles them and submits the plan for approval."""

import datetime

import pytest

from plans import services
from plans.models import PlanItem, Round

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _add_item(page, plan_round, *, kind, title, country, quarter, cost):
    page.goto(f"/ke-hoach/{plan_round.pk}/")
    page.click("[data-testid=add-item]")
    page.wait_for_selector("[data-testid=plan-item-form]")
    page.select_option("#id_kind", kind)
    page.fill("#id_title", title)
    page.select_option("#id_countries", [country])
    page.select_option("#id_quarter", quarter)
    page.fill("#id_size", "5")
    page.fill("#id_days", "6")
    page.select_option("#id_funding_source", "state_budget")
    page.fill("#id_estimated_cost", cost)
    page.locator("[data-testid=plan-item-form] button[type=submit]").click()
    page.wait_for_url(f"**/ke-hoach/{plan_round.pk}/")


def test_a_unit_registers_two_items_and_the_focal_agency_compiles_them(
    page, log_in, province, lan, minh, hoa, pho
):
    plan_round = services.open_round(year=2027, deadline=datetime.date(2026, 12, 20), actor=hoa)

    log_in(lan)
    _add_item(
        page,
        plan_round,
        kind="outbound",
        title="Đoàn xúc tiến thương mại tại Hàn Quốc",
        country="KR",
        quarter="2",
        cost="400000000",
    )
    _add_item(
        page,
        plan_round,
        kind="inbound",
        title="Đoàn tỉnh Gyeonggi thăm và làm việc",
        country="KR",
        quarter="3",
        cost="0",
    )
    assert page.locator("[data-testid=plan-item-row]").count() == 2
    page.click("[data-testid=submit-unit-plan]")
    page.wait_for_selector("text=Chờ lãnh đạo đơn vị")

    page.context.clear_cookies()
    log_in(minh)
    page.goto(f"/ke-hoach/{plan_round.pk}/")
    page.click("[data-testid=endorse-unit-plan]")
    page.wait_for_selector("text=Đã gửi cơ quan ngoại vụ")

    page.context.clear_cookies()
    log_in(hoa)
    page.goto(f"/ke-hoach/{plan_round.pk}/tong-hop/")
    rows = page.locator("[data-testid=compiled-row]")
    assert rows.count() == 2
    texts = " ".join(rows.all_inner_texts())
    assert "Đoàn xúc tiến thương mại tại Hàn Quốc" in texts
    assert "Đoàn tỉnh Gyeonggi thăm và làm việc" in texts
    assert page.locator("[data-testid=compiled-total]").inner_text() == "400.000.000"
    page.goto(f"/ke-hoach/{plan_round.pk}/")
    page.click("[data-testid=submit-plan]")
    page.wait_for_selector("[data-testid=round-status] >> text=Chờ UBND tỉnh phê duyệt")
    assert Round.objects.get().status == "submitted"
    assert PlanItem.objects.filter(unit_plan__status="endorsed").count() == 2
