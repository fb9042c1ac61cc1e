"""Demo outbound trips waiting at every step (``load_demo``); idempotent by title."""

import datetime

from django.utils import timezone

from organizations.models import Unit, User
from permits import services
from permits.models import OutboundTrip, TripPurpose
from permits.services import MemberData

from . import driver
from .flows import OutboundTripFlow

F = OutboundTripFlow

# (title, countries, days from today, steps to run)
TRIPS = [
    ("Đoàn khảo sát cảng biển tại Hàn Quốc", ["KR"], 40, []),
    ("Đoàn xúc tiến du lịch tại Nhật Bản", ["JP"], 45, ["endorse"]),
    ("Đoàn học tập kinh nghiệm tại Singapore", ["SG"], 50, ["endorse", "return"]),
    ("Đoàn xúc tiến đầu tư tại Pháp và Đức", ["FR", "DE"], 55, ["endorse", "forward"]),
    ("Đoàn dự hội chợ tại Thái Lan", ["TH"], 60, ["endorse", "forward", "clear"]),
    ("Đoàn ký kết hợp tác tại Lào", ["LA"], 20, ["endorse", "forward", "clear", "approve"]),
    # Issued (signed, registered: ADR 0012), then back from the trip: the report is due.
    (
        "Đoàn làm việc với tỉnh Khammouane tại Lào",
        ["LA"],
        25,
        ["endorse", "forward", "clear", "approve", "issue", "held"],
    ),
]


def _steps(people):
    minh, hoa, dung, pho = (
        people[k] for k in ("lanhdao.sct", "chuyenvien.snv", "anninh.ca", "phochutich.dn")
    )
    return {
        "endorse": (F.endorse, minh, lambda t, task: services.endorse(t, actor=minh, task=task)),
        "return": (
            F.review,
            hoa,
            lambda t, task: services.return_to_submitter(
                t, actor=hoa, comment="Bổ sung bản dịch thư mời.", stage="review", task=task
            ),
        ),
        "forward": (F.review, hoa, lambda t, task: services.forward(t, actor=hoa, task=task)),
        "clear": (
            F.security_check,
            dung,
            lambda t, task: services.security_check(
                t, actor=dung, verdicts={m.pk: ("cleared", "") for m in t.members.all()}, task=task
            ),
        ),
        "approve": (F.approve, pho, lambda t, task: services.approve(t, actor=pho, task=task)),
    }


def load(stdout) -> None:
    people = {
        u.username: u
        for u in User.objects.filter(
            username__in=[
                "canbo.sct",
                "lanhdao.sct",
                "chuyenvien.snv",
                "anninh.ca",
                "phochutich.dn",
                "vanthu",
            ]
        )
    }
    if len(people) < 6:
        return
    unit = Unit.objects.get(code="SCT")
    purpose = TripPurpose.objects.order_by("order").first()
    steps = _steps(people)
    today = timezone.localdate()
    created = 0
    for title, countries, offset, todo in TRIPS:
        if OutboundTrip.objects.filter(title=title).exists():
            continue
        start = today + datetime.timedelta(days=offset)
        trip = driver.start_trip(
            actor=people["canbo.sct"],
            unit=unit,
            fields={
                "title": title,
                "purpose": purpose,
                "countries": countries,
                "cities": "",
                "start_date": start,
                "end_date": start + datetime.timedelta(days=5),
                "inviting_partner": "Đối tác nước ngoài",
                "funding_source": "state_budget",
                "funding_amount": 300_000_000,
            },
            members=[
                MemberData(
                    "Lê Quang Minh", "Giám đốc Sở", "Sở Công Thương", "head", "department_head"
                ),
                MemberData("Trần Thị Lan", "Chuyên viên", "Sở Công Thương"),
            ],
        )
        for step in todo:
            if step == "issue":
                driver.issue(trip, F, clerk=people["vanthu"])
            elif step == "held":
                driver.held(trip, days_ago=20)
            else:
                node, actor, perform = steps[step]
                driver.complete(trip, node, actor=actor, perform=perform)
        created += 1
    stdout.write(f"Đoàn ra minh họa: {created} hồ sơ mới.")
