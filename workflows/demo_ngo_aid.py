"""Demo foreign NGO aid waiting at every step (``load_demo``); idempotent by title.

Two NGOs enter the register with their registration in Vietnam; Sở Công Thương's staff
file the dossiers, which stop at each step up to an aid under way with a disbursement.
The 2022–2023 aid the report counts are imported records (``reports.demo``), not these.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from ngo_aid import services
from ngo_aid.models import AidProject, ForeignNGO

from . import driver
from .flows import NgoAidFlow

F = NgoAidFlow
USERNAMES = ["canbo.sct", "lanhdao.sct", "chuyenvien.snv", "giamdoc.snv", "anninh.ca"]
USERNAMES += ["tuphap.stp", "chutich", "vanthu"]
TO_DECISION = ["endorse", "accept", "consult", "answer_security", "answer_justice", "synthesize"]

NGOS = [
    {
        "name": "East Meets West Foundation",
        "name_vi": "Tổ chức Đông Tây Hội ngộ",
        "country": "US",
        "registration_kind": ForeignNGO.Registration.PROJECT_OFFICE,
        "registration_number": "168/CNV-VPDA",
        "registration_issuer": "Bộ Ngoại giao",
        "registration_valid_from": datetime.date(2024, 3, 1),
        "registration_valid_until": datetime.date(2029, 2, 28),
        "contact_person": "Nguyễn Thị Mai",
        "areas": "Y tế, nước sạch, giáo dục",
    },
    {
        "name": "Plan International",
        "name_vi": "Tổ chức Plan Quốc tế",
        "country": "GB",
        "registration_kind": ForeignNGO.Registration.REPRESENTATIVE_OFFICE,
        "registration_number": "27/CNV-VPĐD",
        "registration_issuer": "Bộ Ngoại giao",
        "registration_valid_from": datetime.date(2023, 7, 1),
        "registration_valid_until": datetime.date(2028, 6, 30),
        "contact_person": "Trần Văn Nam",
        "areas": "Quyền trẻ em, bình đẳng giới",
    },
]

# (title, steps to run)
PROJECTS = [
    ("Hỗ trợ thiết bị cho Trạm y tế xã Nhơn Châu", []),
    ("Nước sạch cho trường học vùng cao", ["endorse"]),
    ("Phòng chống đuối nước trẻ em", ["endorse", "return"]),
    ("Sinh kế cho phụ nữ làng nghề", ["endorse", "accept"]),
    ("Nhà vệ sinh trường tiểu học", TO_DECISION[:3]),
    ("Dinh dưỡng cho trẻ em dưới 5 tuổi", TO_DECISION[:5]),
    ("Giáo dục kỹ năng sống cho học sinh", TO_DECISION),
    # approved, the decision waiting for its signature (ADR 0012)
    ("Xe cứu thương cho Trung tâm Y tế khu vực Phù Mỹ", [*TO_DECISION, "approve"]),
    # signed and registered by the clerk, then under way
    ("Học bổng cho sinh viên nghèo", [*TO_DECISION, "approve", "issue", "start", "disburse"]),
]


def _ngos():
    found = []
    for data in NGOS:
        ngo, _created = ForeignNGO.objects.get_or_create(name=data["name"], defaults=data)
        found.append(ngo)
    return found


def _steps(people, units):
    p = people
    steps = driver.filed_by_sct(
        F,
        services,
        people,
        units,
        summary="Đủ điều kiện phê duyệt.",
        returned_for="Bổ sung văn bản cam kết viện trợ của nhà tài trợ.",
    )
    started = driver.call(services.record_start, p["canbo.sct"], started_on=timezone.localdate())
    steps["approve"] = (F.approve, p["chutich"], driver.call(services.approve, p["chutich"]), None)
    steps["start"] = (F.start_aid, p["canbo.sct"], started, None)
    return steps


def _fields(title, donor):
    start = timezone.localdate() + datetime.timedelta(days=30)
    return {
        "donor": donor,
        "title": title,
        "form": "project",
        "field": "health",
        "objectives": "Cải thiện điều kiện chăm sóc sức khỏe ban đầu cho người dân.",
        "location": "Xã Phù Mỹ, tỉnh Bình Định",
        "beneficiaries": "Người dân, học sinh các xã ven biển",
        "start_date": start,
        "end_date": start + datetime.timedelta(days=540),
        "currency": "EUR",
        "amount": Decimal("85000.00"),
        "usd_rate": Decimal("1.085"),
        "rate_date": timezone.localdate(),
        "counterpart_vnd": Decimal("150000000"),
    }


def load(stdout) -> None:
    found = driver.cast(USERNAMES, ["SCT", "CA", "STP"])
    if found is None:
        return
    people, units = found
    donors = _ngos()
    steps = _steps(people, units)
    created = 0
    for n, (title, todo) in enumerate(PROJECTS):
        if AidProject.objects.filter(title=title, imported=False).exists():
            continue
        donor = donors[n % len(donors)]
        project = driver.start(
            F.submit,
            actor=people["canbo.sct"],
            submit=lambda title=title, donor=donor: services.submit(
                unit=units["SCT"], actor=people["canbo.sct"], fields=_fields(title, donor)
            ),
        )
        for name in todo:
            if name == "issue":
                driver.issue(project, F, clerk=people["vanthu"])
                continue
            if name == "disburse":
                services.record_disbursement(
                    project,
                    actor=people["canbo.sct"],
                    disbursed_on=timezone.localdate(),
                    amount=Decimal("30000"),
                    note="Đợt 1",
                )
                continue
            driver.run(project, steps[name])
        created += 1
    stdout.write(f"Viện trợ phi chính phủ nước ngoài minh họa: {created} hồ sơ mới.")
