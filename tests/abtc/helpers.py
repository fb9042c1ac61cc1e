"""Drive the ABTC flow through the HTTP client, as each role would."""

import datetime

from abtc.models import AbtcRequest
from workflows.flows import AbtcFlow

from ..agreements.helpers import (  # noqa: F401 - re-exported for the ABTC tests
    actions,
    complete,
    decide,
    login,
    open_task,
    step,
    task_names,
)
from ..start_forms import post_start

F = AbtcFlow
MANAGERS = [
    ("Hoàng Văn Phong", "1975-03-12", "Tổng Giám đốc", "QĐ 01/2020/QĐ-HĐQT", "C1234567"),
    ("Vũ Thị Mai", "1982-11-02", "Kế toán trưởng", "HĐLĐ số 15/2019", "C7654321"),
]


def request_data(managers=MANAGERS, **overrides):
    data = {
        "enterprise_code": "4100123456",
        "established_on": "2015-06-01",
        "address": "12 Trần Hưng Đạo, Quy Nhơn",
        "legal_representative": "Trần Thị Bình",
        "business_lines": "Chế biến, xuất khẩu thủy sản",
        "apec_partners": "Hợp đồng 2025/JP-07 với Maruha (Nhật Bản); 2026/KR-02 (Hàn Quốc)",
        "purpose": "Đàm phán, ký hợp đồng xuất khẩu",
        "economies": ["JP", "KR"],
        "managers-TOTAL_FORMS": str(len(managers)),
        "managers-INITIAL_FORMS": "0",
        "managers-MIN_NUM_FORMS": "0",
        "managers-MAX_NUM_FORMS": "100",
    }
    for i, (name, born, position, appointment, passport) in enumerate(managers):
        data.update(
            {
                f"managers-{i}-full_name": name,
                f"managers-{i}-date_of_birth": born,
                f"managers-{i}-position": position,
                f"managers-{i}-appointment": appointment,
                f"managers-{i}-passport_number": passport,
            }
        )
    data.update(overrides)
    return data


def submit(client, user, **overrides):
    login(client, user)
    response = post_start(client, F.instance.reverse("submit:execute"), request_data(**overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return AbtcRequest.objects.latest("pk")


def answer(client, user, abtc_request, agency, verdict="agree", text=""):
    opinion = abtc_request.opinions.get(agency=agency)
    return step(client, user, abtc_request, F.give_opinion, opinion, verdict=verdict, text=text)


def to_consultation(client, abtc_request, *, binh, hoa, agencies):
    decide(client, binh, abtc_request, F.endorse, "endorse")
    decide(client, hoa, abtc_request, F.review, "accept")
    return step(client, hoa, abtc_request, F.select_agencies, agencies=[a.pk for a in agencies])


def to_decision(client, abtc_request, *, binh, hoa, tuan, dung, police, thue, tax_office):
    to_consultation(client, abtc_request, binh=binh, hoa=hoa, agencies=[tax_office])
    answer(client, dung, abtc_request, police)
    answer(client, thue, abtc_request, tax_office)
    return step(client, tuan, abtc_request, F.synthesize, summary="Các cơ quan đều đồng ý.")


def approve(client, leader, abtc_request, managers, comment=""):
    return step(
        client,
        leader,
        abtc_request,
        F.approve,
        decision="approve",
        managers=[str(m.pk) for m in managers],
        comment=comment,
    )


def register(client, user, manager, number, issued_on=datetime.date(2026, 12, 1), **extra):
    login(client, user)
    url = f"/the-abtc/{manager.request_id}/the/{manager.pk}/"
    data = {"number": number, "issued_on": issued_on.isoformat(), "economies": ["JP", "KR"]}
    data.update(extra)
    return client.post(url, data)
