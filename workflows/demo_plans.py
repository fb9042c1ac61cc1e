"""Demo annual plan (``load_demo``): this year's plan, approved, with an item carried out
by an approved trip, one by a trip still under review, items not yet done, and a trip
outside the plan with its reason. Idempotent: nothing is made if the year has a plan.

The plan goes through its own services (opened, registered, submitted, endorsed,
submitted for approval, approved, then signed and entered in the committee's register
by its clerk: ``driver.issue_plan``); the trips through their flow (``driver``).
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from matters import planning
from permits.models import TripPurpose
from permits.services import MemberData
from plans import services
from plans.models import Round

from . import driver
from .demo import _steps as trip_steps

USERNAMES = ["canbo.sct", "lanhdao.sct", "chuyenvien.snv", "anninh.ca", "phochutich.dn", "vanthu"]

# (key, kind, title, countries, quarter, size, days, cost, party-managed)
ITEMS = [
    ("done", "outbound", "Đoàn xúc tiến thương mại tại Nhật Bản", ["JP"], 1, 5, 6, 400, False),
    (
        "pending",
        "outbound",
        "Đoàn dự hội chợ công nghiệp tại Hàn Quốc",
        ["KR"],
        4,
        4,
        5,
        300,
        False,
    ),
    ("later", "outbound", "Đoàn khảo sát thị trường tại Úc", ["AU"], 3, 6, 7, 650, True),
    (
        "visit",
        "inbound",
        "Đoàn doanh nghiệp Nhật Bản thăm và làm việc",
        ["JP"],
        2,
        10,
        3,
        50,
        False,
    ),
]


def load(stdout) -> None:
    found = driver.cast(USERNAMES, ["SCT"])
    if found is None:
        return
    people, units = found
    today = timezone.localdate()
    year = today.year
    if Round.objects.filter(year=year).exists():
        return
    staff, head, reviewer = people["canbo.sct"], people["lanhdao.sct"], people["chuyenvien.snv"]
    unit = units["SCT"]
    plan_round = services.open_round(
        year=year,
        deadline=today,
        budget_estimate=Decimal(2_000_000_000),
        notice="Các cơ quan, đơn vị đăng ký kế hoạch đoàn ra, đoàn vào của năm.",
        actor=reviewer,
    )
    unit_plan = services.unit_plan_for(plan_round, unit)
    items = {}
    for key, kind, title, countries, quarter, size, days, cost, party in ITEMS:
        items[key] = services.save_item(
            unit_plan,
            actor=staff,
            fields={
                "kind": kind,
                "title": title,
                "purpose": title,
                "countries": countries,
                "partner": "Đối tác nước ngoài",
                "quarter": quarter,
                "head_name": "Lê Quang Minh",
                "head_level": "department_head",
                "size": size,
                "days": days,
                "funding_source": "state_budget",
                "estimated_cost": Decimal(cost) * 1_000_000,
                "justification": "Theo chương trình công tác năm của đơn vị.",
                "party_managed": party,
            },
        )
    services.submit_unit_plan(unit_plan, actor=staff)
    services.endorse_unit_plan(unit_plan, actor=head)
    services.submit_plan(plan_round, actor=reviewer)
    services.approve_plan(plan_round, actor=people["phochutich.dn"])
    version = driver.issue_plan(plan_round, clerk=people["vanthu"])
    _requests(people, unit, items, today, year)
    stdout.write(
        f"Kế hoạch đoàn ra, đoàn vào năm {year}: số {version.plan_number}, {len(items)} mục."
    )


def _requests(people, unit, items, today, year) -> None:
    """The trips of the year: one done, one under review (both planned), one unplanned."""
    steps = trip_steps(people)
    first, last = datetime.date(year, 1, 2), datetime.date(year, 12, 20)
    trips = [
        (items["done"], max(first, today - datetime.timedelta(days=10)), ["JP"], "", True),
        (items["pending"], min(last, today + datetime.timedelta(days=20)), ["KR"], "", False),
        (
            None,
            max(first, today - datetime.timedelta(days=15)),
            ["SG"],
            "Lời mời đột xuất của Ban tổ chức Hội nghị xúc tiến đầu tư ASEAN.",
            True,
        ),
    ]
    purpose = TripPurpose.objects.order_by("order").first()
    for item, start, countries, reason, approve in trips:
        title = item.title if item else "Đoàn dự Hội nghị xúc tiến đầu tư ASEAN tại Singapore"
        trip = driver.start_trip(
            actor=people["canbo.sct"],
            unit=unit,
            fields={
                "title": title,
                "purpose": purpose,
                "countries": countries,
                "cities": "",
                "start_date": start,
                "end_date": start + datetime.timedelta(days=4),
                "inviting_partner": "Đối tác nước ngoài",
                "funding_source": "state_budget",
                "funding_amount": int(item.estimated_cost) if item else 250_000_000,
            },
            members=[
                MemberData(
                    "Lê Quang Minh", "Giám đốc Sở", "Sở Công Thương", "head", "department_head"
                ),
                MemberData("Trần Thị Lan", "Chuyên viên", "Sở Công Thương"),
            ],
        )
        planning.link(trip, plan_item=item, reason=reason, actor=people["canbo.sct"])
        for step in ["endorse", "forward", "clear", "approve"] if approve else ["endorse"]:
            node, actor, perform = steps[step]
            driver.complete(trip, node, actor=actor, perform=perform)
