"""Drive the conference flow through the HTTP client, as each role would.

The steps every kind takes the same way (claim and complete a task, decide, read the
audit trail) are the agreement tests' helpers; what is the conference's own is here.
"""

import datetime

from conferences.models import Conference
from workflows.flows import ConferenceFlow

from ..agreements.helpers import (  # noqa: F401 - re-exported for the conference tests
    actions,
    complete,
    decide,
    login,
    open_task,
    step,
    task_names,
)
from ..start_forms import post_start

F = ConferenceFlow
# 45 days after the suite's day (2026-12-01): inside neither lead time (30 or 40 days).
START = datetime.date(2027, 1, 15)
END = START + datetime.timedelta(days=1)


def request_data(**overrides):
    data = {
        "title": "Hội thảo quốc tế về năng lượng tái tạo",
        "kind": "seminar",
        "content": "Phiên 1: chính sách; phiên 2: đầu tư điện gió ngoài khơi.",
        "format": "hybrid",
        "place": "Trung tâm ICISE, Quy Nhơn",
        "start_date": START.isoformat(),
        "end_date": END.isoformat(),
        "organisers": "Sở Khoa học và Công nghệ",
        "foreign_partners": "Viện Fraunhofer (Đức)",
        "funding_source": "mixed",
        "funding_amount": "350000000",
        "participants_vietnamese": "120",
        "participants_foreign": "30",
        "countries": ["DE", "FR"],
    }
    data.update(overrides)
    return data


def submit(client, user, **overrides):
    login(client, user)
    response = post_start(client, F.instance.reverse("submit:execute"), request_data(**overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Conference.objects.latest("pk")


def answer(client, user, conference, agency, verdict="agree", text=""):
    opinion = conference.opinions.get(agency=agency)
    return step(client, user, conference, F.give_opinion, opinion, verdict=verdict, text=text)


def to_consultation(client, conference, *, minh, hoa, agencies):
    decide(client, minh, conference, F.endorse, "endorse")
    decide(client, hoa, conference, F.review, "accept")
    return step(client, hoa, conference, F.select_agencies, agencies=[a.pk for a in agencies])


def to_decision(client, conference, *, minh, hoa, tuan, dung, thao, police, justice):
    """Take ``conference`` through review and consultation to the leader's decision."""
    to_consultation(client, conference, minh=minh, hoa=hoa, agencies=[justice])
    answer(client, dung, conference, police)
    answer(client, thao, conference, justice)
    return step(client, tuan, conference, F.synthesize, summary="Các cơ quan đều đồng ý.")
