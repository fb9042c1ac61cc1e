"""Requests against the approved plan: a trip that carries out a plan item and one
outside the plan, filed through the HTTP client; the warning the reviewer and the
approver see; the plan against actual, on its page, in Excel and in the report.

The suite's today is 01/12/2026; the 2026 plan is approved with three items of unit A
(two trips, one visit).
"""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from audit.models import Entry
from permits.models import OutboundTrip
from plans import selectors
from reports import figures
from workflows.flows import OutboundTripFlow

from ..start_forms import form_token
from ..workflows.test_outbound_flow import clear_all, complete, decide, open_task, trip_data
from .helpers import approved_plan, login, unit_head

pytestmark = pytest.mark.django_db

START_URL = "submit:execute"


@pytest.fixture
def plan(province, lan, long, minh, hoa, dung, pho, kiem, unit_a):
    _round, items = approved_plan(
        2026,
        staff=lan,
        head=minh,
        reviewer=hoa,
        leader=pho,
        unit=unit_a,
        items=[
            {"title": "Đoàn xúc tiến thương mại tại Pháp", "countries": ["FR"], "quarter": "4"},
            {"title": "Đoàn khảo sát tại Nhật Bản", "countries": ["JP"], "quarter": "4"},
            {"kind": "inbound", "title": "Đoàn tỉnh Gyeonggi", "countries": ["KR"]},
        ],
    )
    return items


def file_trip(client, user, **data):
    login(client, user)
    url = OutboundTripFlow.instance.reverse(START_URL)
    payload = {**trip_data(), **data, "form_token": form_token(client, url)}
    return client.post(url, payload)


def test_a_request_starts_from_a_plan_item_prefilled(client, plan, lan):
    item = plan[0]
    login(client, lan)
    page = client.get(reverse("plans:item", args=[item.pk]))
    (start,) = [url for _kind, url in page.context["start"]]
    response = client.get(start, follow=True)
    form, link = response.context["form"], response.context["plan"]
    assert form.initial["title"] == item.title
    assert form.initial["countries"] == ["FR"]
    assert form.initial["funding_amount"] == 400_000_000
    assert link.initial["plan_item"] == item.pk
    # Only the unit's approved trips are offered, not its visit.
    offered = set(link.fields["plan_item"].queryset.values_list("pk", flat=True))
    assert offered == {plan[0].pk, plan[1].pk}


def test_a_planned_and_an_unplanned_trip(client, plan, lan, minh, hoa, dung, pho):
    planned = file_trip(client, lan, **{"plan-plan_item": plan[0].pk})
    assert planned.status_code == 302
    trip = OutboundTrip.objects.latest("pk")
    assert trip.plan_item == plan[0] and trip.unplanned_reason == ""

    # Outside the plan without a reason: refused, nothing stored.
    refused = file_trip(client, lan, title="Đoàn dự hội chợ tại Singapore", countries=["SG"])
    assert refused.status_code == 200
    assert "lý do phát sinh" in refused.content.decode()
    assert OutboundTrip.objects.count() == 1

    reason = "Lời mời đột xuất của Ban tổ chức hội chợ"
    unplanned = file_trip(
        client,
        lan,
        title="Đoàn dự hội chợ tại Singapore",
        countries=["SG"],
        **{"plan-unplanned_reason": reason},
    )
    assert unplanned.status_code == 302
    other = OutboundTrip.objects.latest("pk")
    assert other.plan_item is None and other.unplanned_reason == reason
    entry = Entry.objects.filter(subject_id=str(other.pk), action="updated").get()
    assert entry.payload["unplanned"] is True

    # The reviewer and the approver see "ngoài kế hoạch" on the one, not on the other.
    for trip_ in (trip, other):
        decide(client, minh, trip_, OutboundTripFlow.endorse, "endorse")
    for trip_, warned in ((trip, False), (other, True)):
        login(client, hoa)
        task = open_task(trip_, OutboundTripFlow.review)
        client.post(task.reverse("assign"))
        page = client.get(task.reverse("execute")).content.decode()
        assert ("Ngoài kế hoạch" in page) is warned
        assert (reason in page) is warned
        assert ('data-testid="plan-item"' in page) is not warned
        decide(client, hoa, trip_, OutboundTripFlow.review, "forward")
        clear_all(client, dung, trip_)
    login(client, pho)
    task = open_task(other, OutboundTripFlow.approve)
    client.post(task.reverse("assign"))
    assert "Ngoài kế hoạch" in client.get(task.reverse("execute")).content.decode()
    assert "Ngoài kế hoạch" in client.get(other.get_absolute_url()).content.decode()
    complete(client, pho, other, OutboundTripFlow.approve, decision="approve", comment="")


def test_the_plan_against_actual_counts_right(
    client, plan, lan, long, minh, hoa, dung, pho, kiem, unit_b
):
    hung = unit_head(unit_b)

    def approve(trip, head=minh):
        decide(client, head, trip, OutboundTripFlow.endorse, "endorse")
        decide(client, hoa, trip, OutboundTripFlow.review, "forward")
        clear_all(client, dung, trip)
        decide(client, pho, trip, OutboundTripFlow.approve, "approve")

    file_trip(client, lan, **{"plan-plan_item": plan[0].pk})
    approve(OutboundTrip.objects.latest("pk"))
    file_trip(client, lan, **{"plan-plan_item": plan[1].pk})  # filed, not yet approved
    file_trip(client, lan, countries=["SG"], **{"plan-unplanned_reason": "Phát sinh"})
    approve(OutboundTrip.objects.latest("pk"))
    # Unit B planned nothing: its trip is outside the plan.
    file_trip(client, long, countries=["SG"], **{"plan-unplanned_reason": "Lời mời đột xuất"})
    approve(OutboundTrip.objects.latest("pk"), head=hung)

    figures_ = selectors.plan_vs_actual(2026)
    trips, visits = figures_["total"]["outbound"], figures_["total"]["inbound"]
    assert (trips["planned"], trips["done"], trips["not_done"], trips["unplanned"]) == (2, 1, 1, 2)
    assert (trips["estimated"], trips["actual"]) == (800_000_000, 250_000_000)
    assert (visits["planned"], visits["done"], visits["not_done"]) == (1, 0, 1)
    # Per unit.
    per_unit = {row["unit"]: row["kinds"]["outbound"] for row in figures_["units"]}
    measures = ("planned", "done", "not_done", "unplanned", "estimated", "actual")
    assert [per_unit["Sở Công Thương"][m] for m in measures] == [
        2,
        1,
        1,
        1,
        800_000_000,
        250_000_000,
    ]
    assert [per_unit["Trường Đại học Quy Nhơn"][m] for m in measures] == [0, 0, 0, 1, 0, 0]

    report = figures.full_report(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert report["plan"] == {
        "planned_trips": 2,
        "done_trips": 1,
        "unplanned_trips": 2,
        "planned_visits": 1,
        "done_visits": 0,
        "unplanned_visits": 0,
    }
    earlier = figures.full_report(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert set(earlier["plan"].values()) == {0}

    login(client, kiem)
    page = client.get(reverse("plans:actual"), {"year": 2026})
    assert page.status_code == 200
    totals = {key: cell for key, _label, cell in page.context["totals"]}
    assert totals["outbound"]["done"] == 1
    export = client.get(reverse("plans:actual"), {"year": 2026, "format": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.values)
    province_trips = next(r for r in rows if r[0] == "Toàn tỉnh" and r[1] == "Đoàn ra")
    assert province_trips[2:6] == (2, 1, 1, 2)
    unit_b_trips = next(r for r in rows if r[0] == "Trường Đại học Quy Nhơn" and r[1] == "Đoàn ra")
    assert unit_b_trips[2:6] == (0, 0, 0, 1)

    # A unit reads its own figures only.
    for staff, unit_name, unplanned in (
        (lan, "Sở Công Thương", 1),
        (long, "Trường Đại học Quy Nhơn", 1),
    ):
        login(client, staff)
        page = client.get(reverse("plans:actual"), {"year": 2026})
        assert {row[0] for row in page.context["rows"]} == {unit_name}
        totals = {key: cell for key, _label, cell in page.context["totals"]}
        assert totals["outbound"]["unplanned"] == unplanned
        export = client.get(reverse("plans:actual"), {"year": 2026, "format": "xlsx"})
        rows = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.values)
        assert {r[0] for r in rows[1:]} == {unit_name, "Toàn tỉnh"}


def test_a_request_carries_out_an_item_of_the_plan_of_its_own_year(client, plan, lan):
    # The trip takes place in January 2027: the 2026 plan's item is not its plan.
    late = {"start_date": "2027-01-11", "end_date": "2027-01-15"}
    refused = file_trip(client, lan, **late, **{"plan-plan_item": plan[0].pk})
    assert refused.status_code == 200
    errors = refused.context["plan"].errors
    assert errors["plan_item"] == [
        "Mục kế hoạch thuộc kế hoạch năm 2026, còn hồ sơ diễn ra năm 2027: hãy chọn mục "
        "của kế hoạch năm 2027, hoặc nêu lý do phát sinh ngoài kế hoạch."
    ]
    assert not OutboundTrip.objects.exists()
    # In 2027 no plan is approved yet: the trip asks for no item and no reason.
    assert file_trip(client, lan, **late).status_code == 302
    assert OutboundTrip.objects.get().plan_item is None
