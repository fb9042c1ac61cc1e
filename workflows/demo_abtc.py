"""Demo ABTC requests waiting at every step, and a register of cards (``load_demo``);
idempotent by the business and purpose.

The business (Công ty TNHH Hải Phong, an ``enterprise`` unit) with its staff and
director, the tax office and social insurance are the organisation demo's
(``organizations.demo``).
"""

import datetime

from django.utils import timezone

from abtc import services
from abtc.models import AbtcRequest, Manager

from . import driver
from .flows import AbtcFlow

F = AbtcFlow
USERNAMES = ["chuyenvien.snv", "giamdoc.snv", "anninh.ca", "canbo.dnhp", "giamdoc.dnhp"]
USERNAMES += ["thue.ct", "bhxh.tinh", "vanthu"]
MANAGERS = [
    services.ManagerData("Hoàng Văn Phong", datetime.date(1975, 3, 12), "Tổng Giám đốc",
                         "C1234567", "QĐ 01/2020/QĐ-HĐQT"),
    services.ManagerData("Vũ Thị Mai", datetime.date(1982, 11, 2), "Kế toán trưởng",
                         "C7654321", "HĐLĐ số 15/2019"),
]  # fmt: skip
TO_DECISION = ["endorse", "accept", "consult", "police", "tax", "insurance", "synthesize"]

# (purpose, economies, steps to run)
REQUESTS = [
    ("Khảo sát thị trường Úc", ["AU"], []),
    ("Đàm phán hợp đồng xuất khẩu tôm sang Nhật Bản", ["JP"], ["endorse"]),
    ("Tham dự hội chợ thủy sản Busan", ["KR"], ["endorse", "return"]),
    ("Gặp gỡ đối tác Pê-ru, Chi-lê", ["PE", "CL"], TO_DECISION[:2]),
    ("Ký hợp đồng với nhà nhập khẩu Xin-ga-po", ["SG"], TO_DECISION[:3]),
    ("Mở văn phòng đại diện tại Thái Lan", ["TH"], TO_DECISION[:5]),
    ("Tìm đối tác tại In-đô-nê-xi-a", ["ID"], TO_DECISION[:6]),
    ("Hợp tác chế biến với đối tác Ma-lai-xi-a", ["MY"], TO_DECISION),
    # approved, the decision waiting for its signature (ADR 0012)
    ("Xúc tiến xuất khẩu sang Nhật Bản, Hàn Quốc", ["JP", "KR"], [*TO_DECISION, "approve"]),
    # signed and registered by the clerk, then the cards
    (
        "Đi lại thường xuyên trong khối APEC",
        ["CN", "HK", "JP"],
        [*TO_DECISION, "approve", "issue", "card"],
    ),
]


def _fields(purpose, economies):
    return {
        "enterprise_code": "4100123456",
        "established_on": datetime.date(2015, 6, 1),
        "address": "12 Trần Hưng Đạo, Quy Nhơn",
        "legal_representative": "Trần Thị Bình",
        "business_lines": "Chế biến, xuất khẩu thủy sản",
        "apec_partners": "Hợp đồng mua bán với đối tác tại các nền kinh tế đề nghị đến.",
        "purpose": purpose,
        "economies": economies,
    }


def _steps(people, units):
    p = people
    return driver.consulting_steps(
        F,
        services,
        endorser=p["giamdoc.dnhp"],
        reviewer=p["chuyenvien.snv"],
        head=p["giamdoc.snv"],
        consulted=[units["CT"], units["BHXH"]],
        answers={
            "police": (units["CA"], p["anninh.ca"]),
            "tax": (units["CT"], p["thue.ct"]),
            "insurance": (units["BHXH"], p["bhxh.tinh"]),
        },
        returned_for="Bổ sung xác nhận của cơ quan bảo hiểm xã hội.",
        summary="Các cơ quan đều đồng ý.",
    )


def _approve(abtc_request):
    leader = services.approver_for(abtc_request)
    managers = list(abtc_request.managers.values_list("pk", flat=True))
    perform = driver.call(services.approve, leader, managers=managers)
    driver.complete(abtc_request, F.approve, actor=leader, perform=perform)


def _cards(abtc_request, reviewer):
    """Record the cards as issued today; move one to expire within the reminder period."""
    today = timezone.localdate()
    for index, manager in enumerate(abtc_request.managers.order_by("pk"), start=1):
        services.register_card(
            manager,
            actor=reviewer,
            number=f"APEC-{abtc_request.pk:04d}-{index}",
            issued_on=today,
        )
    first = abtc_request.managers.order_by("pk").first()
    Manager.objects.filter(pk=first.pk).update(card_expires_on=today + datetime.timedelta(days=60))


def load(stdout) -> None:
    found = driver.cast(USERNAMES, ["CA", "DNHP", "CT", "BHXH"])
    if found is None:
        return
    people, units = found
    steps = _steps(people, units)
    created = 0
    staff = people["canbo.dnhp"]
    for purpose, economies, todo in REQUESTS:
        if AbtcRequest.objects.filter(unit=units["DNHP"], purpose=purpose).exists():
            continue
        abtc_request = driver.start(
            F.submit,
            actor=staff,
            submit=lambda purpose=purpose, economies=economies: services.submit(
                unit=units["DNHP"],
                actor=staff,
                fields=_fields(purpose, economies),
                managers=MANAGERS,
            ),
        )
        for name in todo:
            if name == "approve":
                _approve(abtc_request)
            elif name == "issue":
                driver.issue(abtc_request, F, clerk=people["vanthu"])
            elif name == "card":
                _cards(abtc_request, people["chuyenvien.snv"])
            else:
                driver.run(abtc_request, steps[name])
        created += 1
    stdout.write(f"Thẻ ABTC minh họa: {created} hồ sơ mới.\n")
