"""Build counted and uncounted matters for the report tests, without going through the flows.

    make_trip(unit_a, lan, countries=["FR", "DE"], status=Status.APPROVED, start_date=d)
    make_visit(unit_a, lan, guests=["KR", "KR", "JP"], start_date=d)
    make_agreement(unit_a, lan, partner_country="JP", signed_on=d)
    make_conference(unit_a, start_date=d, participants_planned=120)

Trips come from tests/permits/factories_trips.py; the others are built here the same way.
"""

import datetime
import itertools

import pytest
from django.utils import timezone

from agreements.models import Agreement
from agreements.models import Status as AgreementStatus
from permits.models import Guest, InboundVisit, Status
from reports.figures import conference_model
from reports.importing import importing_user
from tests.permits.factories_trips import make_trip as _make_trip

_numbers = itertools.count(1)


def make_trip(unit, submitted_by, members=("Trần Văn Bình",), **fields):
    """Return an approved trip (unless ``status`` says otherwise) to Japan by default."""
    fields.setdefault("status", Status.APPROVED)
    return _make_trip(unit, submitted_by, members=members, **fields)


def make_visit(unit, submitted_by, guests=("KR",), removed=(), **fields) -> InboundVisit:
    """Return an approved visit with one guest per nationality in ``guests``.

    ``removed`` lists nationalities of extra guests removed from the delegation.
    """
    start = fields.pop("start_date", datetime.date(2026, 3, 9))
    values = {
        "title": "Đoàn tỉnh Gyeonggi",
        "organisation": "Chính quyền tỉnh Gyeonggi",
        "countries": sorted(set(guests)) or ["KR"],
        "start_date": start,
        "end_date": start + datetime.timedelta(days=2),
        "purpose": "Trao đổi hợp tác",
        "funding_source": InboundVisit.Funding.HOST_UNIT,
        "host_leader": "Phó Chủ tịch UBND tỉnh",
        "status": Status.APPROVED,
        "reference": f"DV-T-{next(_numbers):05d}",
        "submitted_at": timezone.now(),
        **fields,
    }
    visit = InboundVisit.objects.create(unit=unit, submitted_by=submitted_by, **values)
    people = [(code, False) for code in guests] + [(code, True) for code in removed]
    for order, (code, is_removed) in enumerate(people, start=1):
        add_guest(visit, code, order=order, removed=is_removed)
    return visit


def add_guest(visit, nationality: str, *, order: int = 1, removed: bool = False, name=None):
    guest = Guest(
        visit=visit,
        order=order,
        full_name=name or f"Khách {nationality} {order}",
        nationality=nationality,
        passport_expiry=datetime.date(2030, 1, 1),
        removed=removed,
    )
    guest.passport_number = f"P{next(_numbers):08d}"
    guest.date_of_birth = datetime.date(1980, 1, 1)
    guest.save()
    return guest


def make_agreement(unit, submitted_by, **fields) -> Agreement:
    """Return an agreement signed on 9 March 2026 with a Japanese partner by default."""
    values = {
        "title": "Bản ghi nhớ hợp tác",
        "kind": Agreement.Kind.MOU,
        "field": Agreement.Field.ECONOMY,
        "partner": "Tỉnh Shizuoka",
        "partner_kind": Agreement.PartnerKind.LOCAL_GOVERNMENT,
        "partner_country": "JP",
        "purpose": "Hợp tác",
        "content": "Nội dung",
        "proposed_signer": "Chủ tịch UBND tỉnh",
        "status": AgreementStatus.SIGNED,
        "signed_on": datetime.date(2026, 3, 9),
        "reference": f"TT-T-{next(_numbers):05d}",
        **fields,
    }
    return Agreement.objects.create(unit=unit, submitted_by=submitted_by, **values)


def make_conference(unit, **fields):
    """Return an approved conference of 100 planned participants on 9 March 2026."""
    start = fields.pop("start_date", datetime.date(2026, 3, 9))
    values = {
        "reference": f"HN-T-{next(_numbers):05d}",
        "title": "Hội thảo khoa học quốc tế",
        "kind": "seminar",
        "countries": ["FR", "US"],
        "place": "ICISE",
        "start_date": start,
        "end_date": start + datetime.timedelta(days=2),
        "participants_planned": 100,
        "status": Status.APPROVED,
        **fields,
    }
    model = conference_model()
    if model is None:
        pytest.skip("the conferences app is not installed")
    return model.objects.create(unit=unit, submitted_by=importing_user(), **values)
