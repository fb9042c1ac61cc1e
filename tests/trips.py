"""A trip started in code, for tests that need one waiting for its unit head."""

import datetime

from permits.models import TripPurpose
from permits.services import MemberData
from workflows import driver

START = datetime.date(2026, 12, 7)


def started_trip(actor, unit, *, title="Đoàn thử nghiệm", purpose_name="Xúc tiến đầu tư"):
    """Return a trip ``actor`` filed for ``unit``: four days in France, one member.

    The purpose is created if missing: a transactional test before the caller may have
    emptied the rows a data migration seeds.
    """
    purpose, _ = TripPurpose.objects.get_or_create(name=purpose_name)
    return driver.start_trip(
        actor=actor,
        unit=unit,
        fields={
            "title": title,
            "purpose": purpose,
            "countries": ["FR"],
            "start_date": START,
            "end_date": START + datetime.timedelta(days=3),
            "inviting_partner": "Đối tác",
            "funding_source": "state_budget",
        },
        members=[MemberData("Lê Quang Minh", "Giám đốc Sở", "Sở Công Thương", "head")],
    )
