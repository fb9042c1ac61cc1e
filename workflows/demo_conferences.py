"""Demo conferences waiting at every step (``load_demo``); idempotent by title.

The requests open 60 days from today (the lead time is 30 days, 40 for the Prime
Minister's). Those whose event has taken place (waiting for the results report or its
acknowledgement) are moved back to last week once allowed, as if they had been filed two
months ago, and the timer that waits for the end fires. The 2022–2023 conferences the
report counts are imported records (``reports.demo``), not these.
"""

import datetime

from django.utils import timezone

from conferences import services
from conferences.models import Conference

from . import driver
from .flows import ConferenceFlow

F = ConferenceFlow
USERNAMES = ["canbo.sct", "lanhdao.sct", "chuyenvien.snv", "giamdoc.snv", "anninh.ca"]
USERNAMES += ["tuphap.stp", "vanthu"]
TO_DECISION = ["endorse", "accept", "consult", "answer_security", "answer_justice", "synthesize"]

# (title, sensitive topics, steps to run)
CONFERENCES = [
    ("Hội thảo quốc tế về du lịch biển đảo", [], []),
    ("Hội nghị xúc tiến đầu tư Nhật Bản", [], ["endorse"]),
    ("Hội thảo y tế cộng đồng khu vực Mekong", [], ["endorse", "return"]),
    ("Diễn đàn hợp tác giáo dục Việt Nam – Hàn Quốc", [], ["endorse", "accept"]),
    ("Hội thảo khoa học vật lý lý thuyết Quy Nhơn", [], TO_DECISION[:3]),
    ("Hội nghị hợp tác nông nghiệp Việt Nam – Lào", [], TO_DECISION[:5]),
    ("Hội thảo quốc tế về năng lượng tái tạo", [], TO_DECISION),
    ("Hội thảo quốc tế về tôn giáo và phát triển", ["religion"], [*TO_DECISION, "forward"]),
    ("Hội nghị các địa phương kết nghĩa", [], [*TO_DECISION, "approve"]),
    ("Hội thảo quốc tế về biến đổi khí hậu", [], [*TO_DECISION, "approve", "issue", "held"]),
    (
        "Hội nghị doanh nghiệp Việt Nam – Pháp",
        [],
        [*TO_DECISION, "approve", "issue", "held", "report"],
    ),
]


def _steps(people, units):
    return driver.filed_by_sct(
        F,
        services,
        people,
        units,
        summary="Các cơ quan đều đồng ý.",
        returned_for="Bổ sung danh sách đại biểu nước ngoài.",
    )


def _fields(title, topics):
    start = timezone.localdate() + datetime.timedelta(days=60)
    return {
        "title": title,
        "kind": "seminar" if title.startswith("Hội thảo") else "conference",
        "content": "Khai mạc; các phiên chuyên đề; thảo luận; bế mạc.",
        "format": "in_person",
        "place": "Trung tâm ICISE, Quy Nhơn",
        "start_date": start,
        "end_date": start + datetime.timedelta(days=1),
        "organisers": "Sở Ngoại vụ",
        "foreign_partners": "Đối tác nước ngoài",
        "funding_source": "mixed",
        "funding_amount": 250_000_000,
        "participants_vietnamese": 80,
        "participants_foreign": 20,
        "countries": ["JP", "KR"],
        "sensitive_topics": topics,
    }


def _decide(conference, step):
    """The leader's decision (allow, or submit to the Prime Minister), by whoever it is."""
    leader = services.approver_for(conference)
    service = services.approve if step == "approve" else services.forward_to_prime_minister
    driver.complete(conference, F.approve, actor=leader, perform=driver.call(service, leader))


def _held_last_week(conference):
    """Move an allowed conference's event to last week and let the flow see it is over."""
    start = timezone.localdate() - datetime.timedelta(days=8)
    Conference.objects.filter(pk=conference.pk).update(
        start_date=start, end_date=start + datetime.timedelta(days=1)
    )
    driver.fire_timer(conference, F.wait_for_end)
    conference.refresh_from_db()


def _report(conference, actor):
    perform = driver.call(
        services.submit_report,
        actor,
        text="Hội nghị thông qua tuyên bố chung.",
        participants=95,
        foreign={"JP": 12, "KR": 6},
    )
    driver.complete(conference, F.report, actor=actor, perform=perform)


def load(stdout) -> None:
    found = driver.cast(USERNAMES, ["SCT", "CA", "STP"])
    if found is None:
        return
    people, units = found
    steps = _steps(people, units)
    created = 0
    for title, topics, todo in CONFERENCES:
        if Conference.objects.filter(title=title).exists():
            continue
        conference = driver.start(
            F.submit,
            actor=people["canbo.sct"],
            submit=lambda title=title, topics=topics: services.submit(
                unit=units["SCT"], actor=people["canbo.sct"], fields=_fields(title, topics)
            ),
        )
        for name in todo:
            if name in ("approve", "forward"):
                _decide(conference, name)
            elif name == "issue":
                driver.issue(conference, F, clerk=people["vanthu"])
            elif name == "held":
                _held_last_week(conference)
            elif name == "report":
                _report(conference, people["canbo.sct"])
            else:
                driver.run(conference, steps[name])
        created += 1
    stdout.write(f"Hội nghị, hội thảo quốc tế minh họa: {created} hồ sơ mới.")
