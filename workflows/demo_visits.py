"""Demo inbound visits waiting at every step (``load_demo``); idempotent by title."""

import datetime

from django.utils import timezone

from organizations.models import Unit, User
from permits import visit_services as services
from permits.models import InboundVisit
from permits.visit_services import GuestData, Outcome

from . import driver
from .flows import InboundVisitFlow

F = InboundVisitFlow
PEOPLE = ("canbo.sct", "lanhdao.sct", "chuyenvien.snv", "anninh.ca", "phochutich.dn")

# (title, organisation, country, days from today, steps to run)
VISITS = [
    ("Đoàn KOTRA khảo sát khu kinh tế", "KOTRA", "KR", 30, []),
    ("Đoàn JETRO xúc tiến đầu tư", "JETRO", "JP", 35, ["endorse"]),
    ("Đoàn Đại học Kyushu trao đổi học thuật", "Đại học Kyushu", "JP", 40, ["endorse", "return"]),
    ("Đoàn Hội doanh nghiệp Singapore", "SBF", "SG", 45, ["endorse", "forward"]),
    (
        "Đoàn tỉnh Champasak thăm hữu nghị",
        "UBND tỉnh Champasak",
        "LA",
        50,
        ["endorse", "forward", "clear"],
    ),
    (
        "Đoàn AFD làm việc về dự án ODA",
        "AFD",
        "FR",
        10,
        ["endorse", "forward", "clear", "approve"],
    ),
]


def _guests(country: str, seed: int) -> list[GuestData]:
    return [
        GuestData(
            f"Khách {seed}-{n}",
            country,
            f"D{seed:02d}{n:06d}",
            datetime.date(2031, 1, 1),
            datetime.date(1975 + n, 5, 1),
            "Đoàn khách",
            "Thành viên" if n else "Trưởng đoàn",
        )
        for n in range(3)
    ]


def _steps(people):
    minh, hoa, dung, pho = (people[k] for k in PEOPLE[1:])
    return {
        "endorse": (F.endorse, minh, lambda v, t: services.endorse(v, actor=minh, task=t)),
        "return": (
            F.review,
            hoa,
            lambda v, t: services.return_to_submitter(
                v, actor=hoa, comment="Bổ sung bản chụp hộ chiếu.", stage="review", task=t
            ),
        ),
        "forward": (F.review, hoa, lambda v, t: services.forward(v, actor=hoa, task=t)),
        "clear": (
            F.security_check,
            dung,
            lambda v, t: services.vet_guests(
                v,
                actor=dung,
                verdicts={g.pk: ("cleared", "") for g in v.guests.all()},
                outcome=Outcome.REMOVE,
                task=t,
            ),
        ),
        "approve": (F.approve, pho, lambda v, t: services.approve(v, actor=pho, task=t)),
    }


def load(stdout) -> None:
    people = {u.username: u for u in User.objects.filter(username__in=PEOPLE)}
    if len(people) < len(PEOPLE):
        return
    unit, steps, today = Unit.objects.get(code="SCT"), _steps(people), timezone.localdate()
    created = 0
    for seed, (title, organisation, country, offset, todo) in enumerate(VISITS, start=1):
        if InboundVisit.objects.filter(title=title).exists():
            continue
        start = today + datetime.timedelta(days=offset)
        visit = driver.start_visit(
            actor=people["canbo.sct"],
            unit=unit,
            fields={
                "title": title,
                "organisation": organisation,
                "countries": [country],
                "start_date": start,
                "end_date": start + datetime.timedelta(days=3),
                "purpose": "Làm việc, trao đổi hợp tác",
                "funding_source": "guests",
                "host_leader": "Lê Quang Minh, Giám đốc Sở Công Thương",
            },
            guests=_guests(country, seed),
        )
        for step in todo:
            node, actor, perform = steps[step]
            driver.complete(visit, node, actor=actor, perform=perform)
        created += 1
    stdout.write(f"Đoàn vào minh họa: {created} hồ sơ mới.")
