"""Drive the aid flow through the HTTP client, as each role would.

The steps every kind takes the same way (claim and complete a task, decide, read the
audit trail) are the agreement tests' helpers; what is the aid's own is here.
"""

import datetime

import time_machine
from django.core.management import call_command
from django.urls import reverse

from ngo_aid.models import AidProject
from workflows.flows import NgoAidFlow

from ..agreements.helpers import (  # noqa: F401 - re-exported for the aid tests
    actions,
    complete,
    decide,
    login,
    open_task,
    step,
    task_names,
)
from ..issuance import issue
from ..start_forms import post_start

F = NgoAidFlow
START = datetime.date(2026, 12, 15)
END = datetime.date(2027, 6, 30)


def request_data(donor, **overrides):
    data = {
        "donor": donor.pk,
        "title": "Nâng cao năng lực y tế cơ sở vùng biển",
        "form": "project",
        "field": "health",
        "objectives": "Trang bị thiết bị, đào tạo nhân viên y tế xã.",
        "location": "Xã Phù Mỹ và các xã ven biển",
        "beneficiaries": "12.000 người dân, 40 nhân viên y tế",
        "start_date": START.isoformat(),
        "end_date": END.isoformat(),
        "currency": "EUR",
        "amount": "100000.00",
        "usd_rate": "1.085",
        "rate_date": "2026-11-30",
        "counterpart_vnd": "250000000",
    }
    data.update(overrides)
    return data


def submit(client, user, donor, **overrides):
    login(client, user)
    response = post_start(
        client, F.instance.reverse("submit:execute"), request_data(donor, **overrides)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return AidProject.objects.latest("pk")


def answer(client, user, project, agency, verdict="agree", text=""):
    opinion = project.opinions.get(agency=agency)
    return step(client, user, project, F.give_opinion, opinion, verdict=verdict, text=text)


def to_consultation(client, project, *, minh, hoa, agencies):
    decide(client, minh, project, F.endorse, "endorse")
    decide(client, hoa, project, F.review, "accept")
    return step(client, hoa, project, F.select_agencies, agencies=[a.pk for a in agencies])


def approved(client, project, *, minh, hoa, tuan, dung, thao, tai, chu, police, justice, finance):
    """Take ``project`` through appraisal, consultation and the Chairman's approval."""
    to_consultation(client, project, minh=minh, hoa=hoa, agencies=[justice, finance])
    answer(client, dung, project, police)
    answer(client, thao, project, justice)
    answer(client, tai, project, finance)
    step(client, tuan, project, F.synthesize, summary="Các cơ quan đều đồng ý.")
    return decide(client, chu, project, F.approve, "approve")


def issued(client, project, *, van, **cast):
    """Take ``project`` through ``approved``; then its decision is signed and registered
    by the committee's clerk ``van`` (ADR 0012): the aid may start."""
    approved(client, project, **cast)
    return issue(client, project, F, clerk=van)


def fire_timers_on(day: datetime.date, project):
    """Travel to the evening of ``day`` and fire the due timers; back to the suite's day."""
    moment = datetime.datetime.combine(day, datetime.time(20, 0), tzinfo=datetime.UTC)
    with time_machine.travel(moment):
        call_command("workflow_timers")
    project.refresh_from_db()
    return project


def disburse(client, user, project, on, amount, note=""):
    login(client, user)
    url = reverse("ngo_aid_disburse", args=[project.pk])
    day = on if isinstance(on, str) else on.isoformat()
    return client.post(url, {"disbursed_on": day, "amount": amount, "note": note})
