"""The round's notice and reminders, items of the four sorts, editing until the unit
submits, and the focal agency's compiled table: its filters, the flags (a leader's trips
per year), the items involving cadres the Party Standing Committee manages, the Excel.

The suite's today is 01/12/2026; hoa (focal agency) opens the 2027 round.
"""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from notifications.models import Notification
from plans import services
from plans.models import PlanItem, Round, UnitPlan

from .helpers import act, add_item, item_data, login, unit_head

pytestmark = pytest.mark.django_db

NOTICE = "Đề nghị các đơn vị rà soát, đăng ký đoàn ra, đoàn vào năm 2027."
LEADER = "Lâm Hải Giang"


def test_every_unit_is_told_the_deadline_and_the_notice_and_reminded_before_it(
    client, province, lan, long, minh, hoa, unit_a, unit_b
):
    hung = unit_head(unit_b)
    login(client, hoa)
    response = client.post(
        reverse("plans:open"),
        {"year": "2027", "deadline": "2026-12-08", "notice": NOTICE},
    )
    assert response.status_code == 302
    plan_round = Round.objects.get(year=2027)
    for person in (lan, minh, long, hung):
        told = Notification.objects.get(recipient=person, subject_id=str(plan_round.pk))
        assert told.due_on == datetime.date(2026, 12, 8)
        assert told.context["comment"] == NOTICE
    assert not Notification.objects.filter(recipient=hoa).exists()
    # The list of notifications shows the deadline and the notice.
    login(client, long)
    listed = client.get(reverse("notifications:list")).content.decode()
    assert "08/12/2026" in listed and NOTICE in listed

    # One working day before the deadline, the units that have not sent are reminded.
    assert services.remind_deadline(today=datetime.date(2026, 12, 7)) == 2
    reminder = Notification.objects.get(recipient=long, event="deadline_near")
    assert reminder.due_on == datetime.date(2026, 12, 8)


def test_units_register_items_of_the_four_sorts_and_edit_them_until_they_submit(
    client, province, lan, minh, hoa, unit_a
):
    plan_round = services.open_round(year=2027, deadline=datetime.date(2026, 12, 20), actor=hoa)
    trip = add_item(client, lan, plan_round, unit_a, party_managed="on")
    visit = add_item(
        client,
        lan,
        plan_round,
        unit_a,
        kind="inbound",
        title="Đoàn tỉnh Gyeonggi thăm và làm việc",
        partner="Chính quyền tỉnh Gyeonggi",
        days="3",
        quarter="",
        month="9",
    )
    conference = add_item(
        client,
        lan,
        plan_round,
        unit_a,
        kind="conference",
        title="Hội thảo quốc tế về năng lượng tái tạo",
        countries=["DE", "FR"],
        size="",
        days="",
        estimated_cost="350000000",
        funding_source="mixed",
    )
    agreement = add_item(
        client,
        lan,
        plan_round,
        unit_a,
        kind="agreement",
        title="Bản ghi nhớ với tỉnh Gyeonggi",
        countries=[],
        size="",
        days="",
        estimated_cost="",
        funding_source="",
    )
    assert [i.kind for i in (trip, visit, conference, agreement)] == [
        "outbound",
        "inbound",
        "conference",
        "agreement",
    ]
    trip.refresh_from_db()
    assert (trip.head_name, trip.head_level, trip.size, trip.days) == (
        "Lê Quang Minh",
        "department_head",
        5,
        6,
    )
    assert (trip.funding_source, trip.estimated_cost, trip.party_managed) == (
        "state_budget",
        400_000_000,
        True,
    )
    assert trip.justification == "Theo chương trình xúc tiến năm" and trip.purpose
    assert (visit.period, visit.partner) == ("Tháng 9", "Chính quyền tỉnh Gyeonggi")

    # A trip needs its countries, size, days and period: said in Vietnamese, field by field.
    login(client, lan)
    new = reverse("plans:item_new", args=[plan_round.pk])
    refused = client.post(new, item_data(countries=[], size="", days="", quarter=""))
    assert refused.status_code == 400
    errors = refused.context["form"].errors
    assert errors["countries"] == ["Hãy chọn ít nhất một quốc gia."]
    assert errors["size"] == ["Hãy nhập số người dự kiến."]
    assert errors["days"] == ["Hãy nhập số ngày dự kiến."]
    assert errors["quarter"] == ["Hãy chọn quý hoặc tháng dự kiến."]

    # Until the unit submits, its staff edit and delete; after, nothing changes.
    edit = reverse("plans:item_edit", args=[trip.pk])
    assert client.post(edit, item_data(size="4")).status_code == 302
    assert client.post(reverse("plans:item_delete", args=[agreement.pk])).status_code == 302
    assert not PlanItem.objects.filter(pk=agreement.pk).exists()
    unit_plan = UnitPlan.objects.get(round=plan_round, unit=unit_a)
    act(client, lan, "plans:unit_plan_action", unit_plan, "submit")
    assert unit_plan.status == "submitted"
    login(client, lan)
    late = client.post(edit, item_data(size="9"))
    assert late.status_code == 400
    assert "chỉ chỉnh sửa được khi bị trả lại" in late.content.decode()
    assert client.post(new, item_data(title="Đoàn mới")).status_code == 400
    client.post(reverse("plans:item_delete", args=[visit.pk]))
    trip.refresh_from_db()
    assert trip.size == 4 and PlanItem.objects.filter(unit_plan=unit_plan).count() == 3
    # The unit head endorses it to the focal agency.
    act(client, minh, "plans:unit_plan_action", unit_plan, "endorse")
    assert unit_plan.status == "endorsed" and unit_plan.endorsed_by == minh


def test_the_compiled_table_filters_flags_a_leaders_trips_and_marks_party_managed_items(
    client, province, lan, long, minh, hoa, unit_a, unit_b
):
    hung = unit_head(unit_b)
    plan_round = services.open_round(
        year=2027, deadline=datetime.date(2026, 12, 20), actor=hoa, budget_estimate=10**10
    )
    led = {"head_name": LEADER, "head_level": "vice_chairman", "party_managed": "on"}
    japan = add_item(
        client, lan, plan_round, unit_a, title="Đoàn tại Nhật Bản", countries=["JP"], **led
    )
    france = add_item(
        client,
        lan,
        plan_round,
        unit_a,
        title="Đoàn tại Pháp",
        countries=["FR"],
        quarter="3",
        **led,
    )
    conference = add_item(
        client,
        lan,
        plan_round,
        unit_a,
        kind="conference",
        title="Hội thảo quốc tế về năng lượng tái tạo",
        countries=["DE"],
        quarter="3",
    )
    # The third trip the same leader heads, written with other spaces and capitals.
    germany = add_item(
        client,
        long,
        plan_round,
        unit_b,
        title="Đoàn tại Đức",
        countries=["DE"],
        quarter="4",
        head_name="lâm  hải giang",
        head_level="vice_chairman",
    )
    for staff, head, unit in ((lan, minh, unit_a), (long, hung, unit_b)):
        unit_plan = UnitPlan.objects.get(round=plan_round, unit=unit)
        act(client, staff, "plans:unit_plan_action", unit_plan, "submit")
        act(client, head, "plans:unit_plan_action", unit_plan, "endorse")

    login(client, hoa)
    url = reverse("plans:compiled", args=[plan_round.pk])
    page = client.get(url)
    limit = f"{LEADER} dự kiến dẫn 3 đoàn ra trong năm, vượt quá 2 chuyến."
    assert limit in page.context["overall"]
    flags = {item.pk: f for item, f in page.context["rows"]}
    assert all(limit in flags[item.pk] for item in (japan, france, germany))
    assert limit not in flags[conference.pk]
    assert not any("vượt dự toán" in flag for flag in page.context["overall"])
    html = page.content.decode()
    assert html.count('data-testid="party-managed"') == 2

    def shown(**query):
        return [item.pk for item, _f in client.get(url, query).context["rows"]]

    assert shown(kind="conference") == [conference.pk]
    assert sorted(shown(quarter="3")) == sorted([france.pk, conference.pk])
    assert sorted(shown(kind="outbound", unit=unit_a.pk)) == sorted([japan.pk, france.pk])
    assert len(shown(status="endorsed")) == 4 and shown(status="approved") == []
    assert shown(sort="period")[0] == japan.pk and shown(sort="period")[-1] == germany.pk

    export = client.get(url, {"format": "xlsx", "kind": "outbound"})
    sheet = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.values)
    header, rows = sheet[0], {row[2]: row for row in sheet[1:]}
    assert set(rows) == {"Đoàn tại Nhật Bản", "Đoàn tại Pháp", "Đoàn tại Đức"}
    party, notes = header.index("Diện BTV Tỉnh ủy quản lý"), header.index("Lưu ý")
    assert rows["Đoàn tại Pháp"][party] == "Có" and rows["Đoàn tại Đức"][party] in ("", None)
    assert limit in rows["Đoàn tại Đức"][notes]
    assert rows["Đoàn tại Pháp"][header.index("Cấp trưởng đoàn")] == "Phó Chủ tịch UBND tỉnh"

    # The finance office's estimate comes later: below the plan's total, it is flagged.
    budget = reverse("plans:round_action", args=[plan_round.pk, "budget"])
    client.post(budget, {"budget_estimate": "-5"})
    plan_round.refresh_from_db()
    assert plan_round.budget_estimate == 10**10
    client.post(budget, {"budget_estimate": "1000000000"})
    plan_round.refresh_from_db()
    assert plan_round.budget_estimate == 1_000_000_000
    over = "Tổng kinh phí dự kiến 1.600.000.000 đồng vượt dự toán 1.000.000.000 đồng."
    assert over in client.get(url).context["overall"]
    login(client, lan)
    assert client.post(budget, {"budget_estimate": "1"}).status_code == 403
