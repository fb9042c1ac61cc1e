"""Start a trip, a visit or an agreement through the real flows (workflows.driver), fast.

Every free-text field a unit fills in carries ``text`` (a marker or an attack payload),
so a test can look for it on every page that shows the matter.
"""

import datetime

from django.utils import timezone

from permits.models import TripPurpose
from permits.services import MemberData
from permits.visit_services import GuestData
from workflows import driver


def _start():
    return timezone.localdate() + datetime.timedelta(days=40)


def submit_trip(unit, staff, text=""):
    start = _start()
    return driver.start_trip(
        actor=staff,
        unit=unit,
        fields={
            "title": f"Đoàn công tác {text}",
            "purpose": TripPurpose.objects.get_or_create(name="Xúc tiến đầu tư")[0],
            "purpose_detail": f"Mục đích {text}",
            "countries": ["JP"],
            "cities": f"Tokyo {text}",
            "start_date": start,
            "end_date": start + datetime.timedelta(days=5),
            "inviting_partner": f"Đối tác {text}",
            "funding_source": "state_budget",
            "funding_amount": 100_000_000,
            "programme": f"Chương trình {text}",
        },
        members=[
            MemberData(f"Trưởng đoàn {text}", f"Giám đốc {text}", "Sở Công Thương", "head"),
            MemberData(f"Thành viên {text}", "Chuyên viên", f"Đơn vị {text}"),
        ],
    )


def submit_visit(unit, staff, text=""):
    start = _start()
    return driver.start_visit(
        actor=staff,
        unit=unit,
        fields={
            "title": f"Đoàn khách {text}",
            "organisation": f"Tổ chức {text}",
            "countries": ["JP"],
            "start_date": start,
            "end_date": start + datetime.timedelta(days=2),
            "purpose": f"Mục đích {text}",
            "programme": f"Chương trình {text}",
            "places": f"Quy Nhơn {text}",
            "funding_source": "guests",
            "host_leader": f"Giám đốc Sở {text}",
        },
        guests=[
            GuestData(
                f"Khách {text}",
                "JP",
                "TZ1234567",
                datetime.date(2031, 1, 1),
                datetime.date(1980, 1, 1),
                f"Tổ chức {text}",
                f"Chức vụ {text}",
            )
        ],
    )


def submit_agreement(unit, staff, text=""):
    return driver.start_agreement(
        actor=staff,
        unit=unit,
        fields={
            "title": f"Bản ghi nhớ {text}",
            "kind": "mou",
            "field": "economy",
            "partner": f"Đối tác {text}",
            "partner_kind": "local_government",
            "partner_country": "KR",
            "purpose": f"Mục đích {text}",
            "content": f"Nội dung {text}",
            "term": f"5 năm {text}",
            "proposed_signer": f"Chủ tịch {text}",
            "signer_level": "peoples_committee",
        },
    )
