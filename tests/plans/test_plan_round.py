"""The annual plan through the HTTP client, as each role drives it.

hoa (focal agency) opens the 2027 round; lan (unit A) and long (unit B) register their
items and submit; minh and hung (the heads) endorse; hoa returns unit B's plan, long
corrects and resubmits, hung endorses again; hoa submits the compiled plan and pho
(Vice-Chairman) approves it: Kế hoạch số 01/KH-UBND.
"""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from notifications.models import Notification
from plans import services
from plans.models import PlanItem, Round, UnitPlan

from .helpers import act, actions, add_item, login, unit_head

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(province, lan, long, minh, hoa, tuan, pho, chu, kiem, vo, unit_b):
    return {"hung": unit_head(unit_b)}


def open_round(client, hoa, **overrides):
    login(client, hoa)
    data = {"year": "2027", "deadline": "2026-12-20", "budget_estimate": "1000000000"}
    data.update(overrides)
    response = client.post(reverse("plans:open"), data)
    return response


def test_the_plan_runs_from_the_round_to_the_approved_plan(
    client, cast, lan, long, minh, hoa, pho, unit_a, unit_b
):
    hung = cast["hung"]
    assert open_round(client, hoa).status_code == 302
    plan_round = Round.objects.get(year=2027)
    assert Notification.objects.filter(recipient=lan, event="task_queued").count() == 1
    assert Notification.objects.filter(recipient=hung).count() == 1

    first = add_item(client, lan, plan_round, unit_a)
    add_item(client, lan, plan_round, unit_a, kind="inbound", title="Đoàn tỉnh Gyeonggi", days="3")
    theirs = add_item(
        client,
        long,
        plan_round,
        unit_b,
        title="Đoàn trao đổi học thuật tại Hàn Quốc",
        month="5",
        estimated_cost="700000000",
    )
    plan_a = UnitPlan.objects.get(round=plan_round, unit=unit_a)
    plan_b = UnitPlan.objects.get(round=plan_round, unit=unit_b)

    act(client, lan, "plans:unit_plan_action", plan_a, "submit")
    act(client, minh, "plans:unit_plan_action", plan_a, "endorse")
    act(client, long, "plans:unit_plan_action", plan_b, "submit")
    act(client, hung, "plans:unit_plan_action", plan_b, "endorse")
    assert (plan_a.status, plan_b.status) == ("endorsed", "endorsed")

    # The focal agency compiles: three items, a duplicate flagged, the budget exceeded.
    login(client, hoa)
    page = client.get(reverse("plans:compiled", args=[plan_round.pk]))
    assert len(page.context["rows"]) == 3
    flags = {item.pk: f for item, f in page.context["rows"]}
    assert "Có thể trùng" in flags[first.pk][0] and "Có thể trùng" in flags[theirs.pk][0]
    assert any("vượt dự toán" in flag for flag in page.context["overall"])
    only_b = client.get(reverse("plans:compiled", args=[plan_round.pk]), {"unit": unit_b.pk})
    assert [item.pk for item, _f in only_b.context["rows"]] == [theirs.pk]
    by_cost = client.get(reverse("plans:compiled", args=[plan_round.pk]), {"sort": "cost"})
    assert by_cost.context["rows"][0][0].pk == theirs.pk
    export = client.get(reverse("plans:compiled", args=[plan_round.pk]), {"format": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.values)
    assert len(rows) == 4 and rows[0][0] == "Đơn vị"

    # Returned to unit B, corrected, resubmitted, endorsed again.
    act(client, hoa, "plans:unit_plan_action", plan_b, "return", "Giảm kinh phí dự kiến")
    assert plan_b.status == "returned"
    assert Notification.objects.filter(recipient=long, event="returned").exists()
    login(client, long)
    edit = client.post(
        reverse("plans:item_edit", args=[theirs.pk]),
        {**_data(theirs), "estimated_cost": "300000000"},
    )
    assert edit.status_code == 302
    act(client, long, "plans:unit_plan_action", plan_b, "submit")
    act(client, hung, "plans:unit_plan_action", plan_b, "endorse")
    assert actions(plan_b) == [
        "created",
        "submitted",
        "endorsed",
        "returned",
        "updated",
        "resubmitted",
        "endorsed",
    ]

    act(client, hoa, "plans:round_action", plan_round, "submit")
    assert plan_round.status == "submitted"
    act(client, pho, "plans:round_action", plan_round, "approve")
    assert plan_round.status == "approved"
    assert plan_round.plan_number == "01/KH-UBND"
    assert PlanItem.objects.filter(approved=True).count() == 3
    version = plan_round.versions.get()
    assert len(version.items) == 3
    assert actions(plan_round) == ["created", "forwarded", "approved"]
    login(client, lan)
    document = client.get(reverse("plans:document", args=[version.pk]))
    assert document["Content-Type"].startswith("application/vnd.openxmlformats")
    assert document.content[:2] == b"PK"


def _data(item) -> dict:
    return {
        "kind": item.kind,
        "title": item.title,
        "purpose": item.purpose,
        "countries": [c.code for c in item.countries],
        "partner": item.partner,
        "quarter": item.quarter or "",
        "month": item.month or "",
        "head_name": item.head_name,
        "head_level": item.head_level,
        "size": item.size,
        "days": item.days,
        "funding_source": item.funding_source,
        "estimated_cost": item.estimated_cost,
        "justification": item.justification,
    }


def test_a_unit_sees_only_its_own_items_until_the_plan_is_approved(
    client, cast, lan, long, minh, hoa, pho, unit_a, unit_b
):
    hung = cast["hung"]
    open_round(client, hoa)
    plan_round = Round.objects.get(year=2027)
    mine = add_item(client, lan, plan_round, unit_a)
    theirs = add_item(client, long, plan_round, unit_b, title="Đoàn trao đổi học thuật")
    compiled = reverse("plans:compiled", args=[plan_round.pk])

    login(client, lan)
    assert [item.pk for item, _f in client.get(compiled).context["rows"]] == [mine.pk]
    assert client.get(reverse("plans:item", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("plans:item_edit", args=[theirs.pk])).status_code == 404
    round_page = client.get(reverse("plans:round", args=[plan_round.pk]))
    assert theirs.title not in round_page.content.decode()
    # Nor may a unit act on another unit's plan.
    plan_b = UnitPlan.objects.get(round=plan_round, unit=unit_b)
    submit_b = reverse("plans:unit_plan_action", args=[plan_b.pk, "submit"])
    assert client.post(submit_b).status_code == 404

    for staff, head, unit in ((lan, minh, unit_a), (long, hung, unit_b)):
        unit_plan = UnitPlan.objects.get(round=plan_round, unit=unit)
        act(client, staff, "plans:unit_plan_action", unit_plan, "submit")
        act(client, head, "plans:unit_plan_action", unit_plan, "endorse")
    login(client, lan)
    assert len(client.get(compiled).context["rows"]) == 1  # submitted, not yet approved
    act(client, hoa, "plans:round_action", plan_round, "submit")
    login(client, pho)
    assert len(client.get(compiled).context["rows"]) == 2  # the leader reads what is submitted
    act(client, pho, "plans:round_action", plan_round, "approve")

    login(client, lan)
    assert len(client.get(compiled).context["rows"]) == 2
    assert client.get(reverse("plans:item", args=[theirs.pk])).status_code == 200


def test_who_may_not_do_what(client, cast, lan, long, minh, hoa, pho, vo, unit_a):
    # Unit staff cannot open a round; a person without a role sees nothing.
    assert open_round(client, lan).status_code == 403
    assert not Round.objects.exists()
    login(client, vo)
    assert client.get(reverse("plans:index")).status_code == 403
    open_round(client, hoa)
    plan_round = Round.objects.get()
    login(client, vo)
    assert client.get(reverse("plans:round", args=[plan_round.pk])).status_code == 403
    # The head cannot endorse an empty plan; staff cannot submit one.
    unit_plan = services.unit_plan_for(plan_round, unit_a)
    login(client, lan)
    client.post(reverse("plans:unit_plan_action", args=[unit_plan.pk, "submit"]))
    unit_plan.refresh_from_db()
    assert unit_plan.status == "draft"
    add_item(client, lan, plan_round, unit_a)
    act(client, lan, "plans:unit_plan_action", unit_plan, "submit")
    # lan is no head; the leader cannot approve what was not submitted.
    login(client, lan)
    assert (
        client.post(reverse("plans:unit_plan_action", args=[unit_plan.pk, "endorse"])).status_code
        == 403
    )
    act(client, pho, "plans:round_action", plan_round, "approve")
    assert plan_round.status == "open"
    # An item without countries or period is refused with Vietnamese messages.
    login(client, long)
    response = client.post(
        reverse("plans:item_new", args=[plan_round.pk]),
        {"kind": "outbound", "title": "Đoàn", "head_level": "other", "estimated_cost": "-1"},
    )
    assert response.status_code == 400
    assert "Hãy chọn ít nhất một quốc gia." in response.content.decode()


def test_the_units_that_have_not_sent_are_reminded_once_before_the_deadline(
    cast, lan, long, minh, hoa, unit_a, unit_b
):
    plan_round = services.open_round(year=2027, deadline=datetime.date(2026, 12, 8), actor=hoa)
    unit_plan = services.unit_plan_for(plan_round, unit_a)
    services.save_item(
        unit_plan,
        actor=lan,
        fields={
            "kind": "agreement",
            "title": "Biên bản ghi nhớ với tỉnh Gyeonggi",
            "quarter": 3,
            "estimated_cost": 0,
        },
    )
    services.submit_unit_plan(unit_plan, actor=lan)
    services.endorse_unit_plan(unit_plan, actor=minh)

    assert services.remind_deadline(today=datetime.date(2026, 12, 3)) == 0  # two days left
    reminded = services.remind_deadline(today=datetime.date(2026, 12, 7))
    assert services.remind_deadline(today=datetime.date(2026, 12, 7)) == reminded
    assert Notification.objects.filter(recipient=long, event="deadline_near").count() == 1
    assert not Notification.objects.filter(recipient=lan, event="deadline_near").exists()


def test_a_supplement_goes_through_the_same_approval_and_keeps_the_history(
    client, cast, lan, minh, hoa, pho, unit_a
):
    from .helpers import approved_plan

    plan_round, (first,) = approved_plan(
        2027, staff=lan, head=minh, reviewer=hoa, leader=pho, unit=unit_a, items=[{}]
    )
    act(client, hoa, "plans:round_action", plan_round, "supplement")  # no deadline: refused
    assert plan_round.status == "approved"
    login(client, hoa)
    client.post(
        reverse("plans:round_action", args=[plan_round.pk, "supplement"]),
        {"deadline": "2026-12-15", "comment": "Bổ sung giữa năm"},
    )
    plan_round.refresh_from_db()
    assert plan_round.status == "open" and plan_round.is_supplement
    # The approved item stays as approved: it cannot be edited or deleted.
    login(client, lan)
    assert client.get(reverse("plans:item_edit", args=[first.pk])).status_code == 403
    added = add_item(
        client, lan, plan_round, unit_a, title="Đoàn dự hội chợ tại Đức", countries=["DE"]
    )
    assert added.added_in == 2 and not added.approved
    unit_plan = added.unit_plan
    act(client, lan, "plans:unit_plan_action", unit_plan, "submit")
    act(client, minh, "plans:unit_plan_action", unit_plan, "endorse")
    act(client, hoa, "plans:round_action", plan_round, "submit")
    act(client, pho, "plans:round_action", plan_round, "return", "Làm rõ kinh phí")
    assert plan_round.status == "open"
    act(client, hoa, "plans:round_action", plan_round, "submit")
    act(client, pho, "plans:round_action", plan_round, "approve")

    first_version, second = plan_round.versions.order_by("number")
    assert (first_version.plan_number, second.plan_number) == ("01/KH-UBND", "02/KH-UBND")
    assert [item["title"] for item in first_version.items] == [first.title]
    assert len(second.items) == 2 and second.is_supplement
    assert actions(plan_round)[-5:] == ["created", "forwarded", "returned", "forwarded", "approved"]
