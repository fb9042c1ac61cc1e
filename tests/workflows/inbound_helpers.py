"""Helpers for the inbound visit tests: a request as the form posts it, the steps, guests."""

import datetime
import io

from openpyxl import Workbook

from audit.models import Entry
from permits.models import InboundVisit
from permits.visit_services import GuestData
from workflows import driver, selectors
from workflows.flows import InboundVisitFlow

from ..start_forms import post_start

START = datetime.date(2026, 12, 7)
PASSPORTS = ["TZ1234567", "TZ7654321"]


def login(client, user):
    client.logout()
    client.force_login(user)
    return client


def guest_rows(count=2, prefix="guests"):
    data = {
        f"{prefix}-TOTAL_FORMS": str(count),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "200",
    }
    for n in range(count):
        passport = PASSPORTS[n] if n < len(PASSPORTS) else f"XP{n:07d}"
        data.update(
            {
                f"{prefix}-{n}-full_name": f"TANAKA Khách {n}",
                f"{prefix}-{n}-nationality": "JP",
                f"{prefix}-{n}-passport_number": passport,
                f"{prefix}-{n}-passport_expiry": "2030-01-01",
                f"{prefix}-{n}-date_of_birth": "1975-04-15",
                f"{prefix}-{n}-organisation": "JETRO",
                f"{prefix}-{n}-position": "Trưởng đại diện",
            }
        )
    return data


def visit_data(guests=2, **overrides):
    data = {
        "title": "Đoàn JETRO làm việc về đầu tư",
        "organisation": "JETRO",
        "countries": ["JP"],
        "start_date": START.isoformat(),
        "end_date": (START + datetime.timedelta(days=2)).isoformat(),
        "purpose": "Tìm hiểu môi trường đầu tư",
        "field": "Kinh tế",
        "programme": "Ngày 1: làm việc với Sở",
        "places": "Quy Nhơn",
        "funding_source": "guests",
        "host_leader": "Lê Quang Minh, Giám đốc Sở",
        **guest_rows(guests),
    }
    data.update(overrides)
    return data


def submit(client, user, **overrides):
    login(client, user)
    response = post_start(
        client, InboundVisitFlow.instance.reverse("submit:execute"), visit_data(**overrides)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return InboundVisit.objects.latest("pk")


def open_task(visit, node):
    return selectors.process_of(visit).task_set.get(flow_task=node, status__in=selectors.OPEN)


def complete(client, user, visit, node, **data):
    """Claim the step if it waits in a queue, then complete it; return the response."""
    login(client, user)
    task = open_task(visit, node)
    if task.owner_id is None:
        assert client.post(task.reverse("assign")).status_code in (302, 200)
        task.refresh_from_db()
    return client.post(task.reverse("execute"), data)


def decide(client, user, visit, node, decision, comment=""):
    response = complete(client, user, visit, node, decision=decision, comment=comment)
    assert response.status_code == 302, response.content.decode()[:3000]
    visit.refresh_from_db()
    return visit


def vet(client, user, visit, verdicts=None, outcome="remove", comment="", expect=302):
    """Vet the guests: ``verdicts`` maps guest order → verdict (default all cleared)."""
    verdicts = verdicts or {}
    data = {"outcome": outcome, "comment": comment, "notes": ""}
    for guest in visit.guests.filter(removed=False):
        data[f"verdict_{guest.pk}"] = verdicts.get(guest.order, "cleared")
        data[f"note_{guest.pk}"] = "Có tiền án" if verdicts.get(guest.order) == "objected" else ""
    response = complete(client, user, visit, InboundVisitFlow.security_check, **data)
    assert response.status_code == expect, response.content.decode()[:3000]
    visit.refresh_from_db()
    return response


def actions(visit, *, claims=False):
    entries = Entry.objects.filter(
        subject_id=str(visit.pk), subject_label__startswith=visit.reference
    )
    if not claims:
        entries = entries.exclude(action__in=("claimed", "personal_data_viewed"))
    return list(entries.order_by("seq").values_list("action", flat=True))


def workbook(rows, header=True) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    if header:
        sheet.append(
            ["Họ và tên", "Quốc tịch", "Số hộ chiếu", "Hết hạn", "Ngày sinh", "Tổ chức", "Chức vụ"]
        )
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def make_visit(lan, unit, guests):
    return driver.start_visit(
        actor=lan,
        unit=unit,
        fields={
            "title": f"Đoàn {guests} khách",
            "organisation": "JETRO",
            "countries": ["JP"],
            "start_date": START,
            "end_date": START + datetime.timedelta(days=2),
            "purpose": "Làm việc",
            "funding_source": "guests",
            "host_leader": "Giám đốc Sở",
        },
        guests=[
            GuestData(
                f"Khách {n}",
                "JP",
                f"TZ{n:07d}",
                datetime.date(2030, 1, 1),
                datetime.date(1980, 1, 1),
            )
            for n in range(guests)
        ],
    )
