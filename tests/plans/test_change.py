"""A change to the approved plan mid-year (điều chỉnh kế hoạch): in a supplement, a unit
registers the changed trip as an item that replaces the approved one; once the
supplement is registered, the replaced item leaves the plan in force (no request can
carry it out, plan against actual no longer counts it) and stays in the plan's history.

The suite's today is 01/12/2026; unit A's 2027 plan is registered with two trips.
"""

import pytest
from django.urls import reverse

from permits.models import OutboundTrip
from plans import selectors
from plans.models import PlanItem

from .helpers import act, add_item, approved_plan, item_data, login
from .test_plan_round import register, sign, text_of
from .test_requests import file_trip

pytestmark = pytest.mark.django_db


def test_a_supplement_changes_an_approved_item_and_the_plan_keeps_the_old_one_in_its_history(
    client, province, lan, minh, hoa, pho, van, unit_a
):
    plan_round, (japan, france) = approved_plan(
        2027,
        staff=lan,
        head=minh,
        reviewer=hoa,
        leader=pho,
        unit=unit_a,
        items=[
            {"title": "Đoàn xúc tiến tại Nhật Bản", "countries": ["JP"], "quarter": "2"},
            {"title": "Đoàn xúc tiến tại Pháp", "countries": ["FR"], "quarter": "3"},
        ],
    )
    # France's trip is under way: it cannot be changed any more.
    late = {"start_date": "2027-01-11", "end_date": "2027-01-15"}
    assert file_trip(client, lan, **late, **{"plan-plan_item": france.pk}).status_code == 302
    login(client, hoa)
    client.post(
        reverse("plans:round_action", args=[plan_round.pk, "supplement"]),
        {"deadline": "2026-12-15", "comment": "Điều chỉnh, bổ sung kế hoạch"},
    )
    plan_round.refresh_from_db()
    assert plan_round.status == "open"

    # The form offers the unit's approved items to replace.
    login(client, lan)
    new = reverse("plans:item_new", args=[plan_round.pk])
    offered = client.get(new).context["form"].fields["replaces"].queryset
    assert set(offered) == {japan, france}
    changed_data = item_data(
        title="Đoàn xúc tiến tại Nhật Bản (lùi sang quý 4)",
        countries=["JP"],
        quarter="4",
        estimated_cost="300000000",
        replaces=str(japan.pk),
    )
    refused = client.post(new, {**changed_data, "replaces": str(france.pk)})
    assert refused.status_code == 400
    assert refused.context["form"].errors["replaces"] == [
        "Mục “Đoàn xúc tiến tại Pháp” đã có hồ sơ thực hiện; không thay thế được."
    ]
    changed = add_item(client, lan, plan_round, unit_a, **changed_data)
    assert changed.replaces == japan and not changed.approved
    # While the change waits for its approval, no request may carry the item out.
    pending = file_trip(client, lan, **late, **{"plan-plan_item": japan.pk})
    assert pending.status_code == 200 and "plan_item" in pending.context["plan"].errors
    assert OutboundTrip.objects.count() == 1
    login(client, lan)
    assert not client.get(reverse("plans:item", args=[japan.pk])).context["start"]
    twice = client.post(new, {**changed_data, "title": "Một lần nữa"})
    assert twice.status_code == 400
    assert twice.context["form"].errors["replaces"] == [
        "Mục “Đoàn xúc tiến tại Nhật Bản” đã có mục thay thế."
    ]
    unit_plan = changed.unit_plan
    act(client, lan, "plans:unit_plan_action", unit_plan, "submit")
    act(client, minh, "plans:unit_plan_action", unit_plan, "endorse")

    # The compiled plan counts the changed trip, not the one it replaces.
    login(client, hoa)
    compiled = client.get(reverse("plans:compiled", args=[plan_round.pk]))
    assert "Thay thế mục “Đoàn xúc tiến tại Nhật Bản”" in compiled.content.decode()
    act(client, hoa, "plans:round_action", plan_round, "submit")
    act(client, pho, "plans:round_action", plan_round, "approve")
    assert not PlanItem.objects.get(pk=japan.pk).withdrawn_in  # not until registered
    login(client, pho)
    draft = text_of(client.get(reverse("plans:draft", args=[plan_round.pk])).content)
    assert "thay thế nội dung “Đoàn xúc tiến tại Nhật Bản”" in draft
    sign(client, van, plan_round)
    register(client, van, plan_round, 1895)
    assert plan_round.status == "approved" and plan_round.version == 2

    japan.refresh_from_db()
    changed.refresh_from_db()
    assert changed.approved and japan.withdrawn_in == 2
    first, second = plan_round.versions.order_by("number")
    assert {item["title"] for item in first.items} == {japan.title, france.title}
    assert {item["title"] for item in second.items} == {france.title, changed.title}
    assert [i["replaces"] for i in second.items if i["id"] == changed.pk] == [japan.pk]
    assert second.total_cost == 700_000_000

    # The replaced item is history: not offered to a request, not counted in the plan.
    login(client, lan)
    start = client.get(reverse("plans:item", args=[changed.pk]))
    offered = start.context["start"]
    response = client.get(offered[0][1], follow=True)
    choices = set(response.context["plan"].fields["plan_item"].queryset)
    assert choices == {france, changed}
    assert client.get(reverse("plans:item", args=[japan.pk])).status_code == 200
    assert "Đã được thay thế" in client.get(reverse("plans:item", args=[japan.pk])).content.decode()
    assert not client.get(reverse("plans:item", args=[japan.pk])).context["start"]
    trips = selectors.plan_vs_actual(2027)["total"]["outbound"]
    assert (trips["planned"], trips["estimated"]) == (2, 700_000_000)
    assert OutboundTrip.objects.get().plan_item == france
