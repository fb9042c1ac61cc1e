"""``manage.py load_demo`` reproduces the seed report's figures for 2022-01-01..2023-08-31.

The seed: 6 outbound trips (France, India, Korea, Thailand, Japan, Germany); 72 inbound
visits with 766 guests of 26 nationalities; 37 conferences with 2,720 participants; 15
agreements signed. Counted here with plain queries under DESIGN §7's rules, and through
``reports.figures.compute``; the live demo requests (dated around today) stay out.
"""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.db.models.functions import Coalesce

from agreements.models import SIGNED_STATUSES, Agreement
from audit.models import Action, Entry
from conferences.models import Conference
from permits.models import Guest, InboundVisit, OutboundTrip, Status
from reports import demo, figures
from reports.models import ExternalFigure, FigureRequest

pytestmark = pytest.mark.django_db

FROM, TO = datetime.date(2022, 1, 1), datetime.date(2023, 8, 31)
COUNTED = (Status.APPROVED, Status.REPORTING, Status.REPORTED, Status.COMPLETED)
IN_PERIOD = {"start_date__gte": FROM, "start_date__lte": TO}


@pytest.fixture
def loaded():
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_reproduces_the_seed_figures(loaded):
    trips = OutboundTrip.objects.filter(status__in=COUNTED, **IN_PERIOD)
    assert trips.count() == 6
    assert sorted(c.code for trip in trips for c in trip.countries) == sorted(
        ["FR", "IN", "KR", "TH", "JP", "DE"]
    )
    visits = InboundVisit.objects.filter(status__in=COUNTED, **IN_PERIOD)
    assert visits.count() == 72
    guests = Guest.objects.filter(visit__in=visits, removed=False)
    assert guests.count() == 766
    assert guests.values("nationality").distinct().count() == 26
    conferences = Conference.objects.filter(status__in=COUNTED, **IN_PERIOD)
    assert conferences.count() == 37
    total = conferences.aggregate(n=Sum(Coalesce("participants_actual", "participants_planned")))[
        "n"
    ]
    assert total == 2720
    signed = Agreement.objects.filter(
        status__in=SIGNED_STATUSES, signed_on__gte=FROM, signed_on__lte=TO
    )
    assert signed.count() == 15


def test_the_report_computes_the_same_figures(loaded):
    report = figures.compute(FROM, TO)

    assert report["outbound_trips"]["count"] == 6
    assert report["outbound_trips"]["countries"] == dict.fromkeys(
        ["DE", "FR", "IN", "JP", "KR", "TH"], 1
    )
    assert report["inbound_visits"]["count"] == 72
    assert report["inbound_visits"]["persons"] == 766
    assert report["inbound_visits"]["country_count"] == 26
    assert report["conferences"] == {"count": 37, "participants": 2720}
    assert report["agreements"]["signed"] == 15


def test_the_report_command_prints_the_seed_s_ngo_aid_in_json(loaded):
    # The whole demo, the live aid requests (dated around today) included: the seed's
    # "14 chương trình, dự án ... 1.618.804 USD" and "02 cuộc gặp".
    out = io.StringIO()
    call_command(
        "foreign_affairs_report", "--from", "2022-01-01", "--to", "2023-08-31",
        "--format", "json", stdout=out,
    )  # fmt: skip
    section = json.loads(out.getvalue())["ngo_aid"]
    assert (section["projects"], section["value_usd"], section["meetings"]) == (14, 1618804, 2)
    assert isinstance(section["value_usd"], int) and isinstance(section["disbursed_usd"], int)
    assert sum(section["by_donor_country"].values()) == 14


def test_matters_that_must_not_count_are_there_and_are_not_counted(loaded):
    for model in (OutboundTrip, InboundVisit, Conference):
        inside = model.objects.filter(**IN_PERIOD)
        assert inside.filter(status=Status.REJECTED).exists()
        assert inside.filter(status=Status.WITHDRAWN).exists()
        # Approved a day before and a day after the period.
        edges = model.objects.filter(status__in=COUNTED).values_list("start_date", flat=True)
        assert {FROM - datetime.timedelta(days=1), TO + datetime.timedelta(days=1)} <= set(edges)
    assert Agreement.objects.filter(status="rejected", reference__startswith="TT-KT").exists()
    signed_days = Agreement.objects.filter(status__in=SIGNED_STATUSES).values_list(
        "signed_on", flat=True
    )
    assert {datetime.date(2021, 12, 31), datetime.date(2023, 9, 1)} <= set(signed_days)
    # The rejected visits' guests are all from a country no counted visit brings.
    uncounted = Guest.objects.exclude(visit__status__in=COUNTED).filter(
        visit__reference__startswith="DV-KT"
    )
    assert set(uncounted.values_list("nationality", flat=True)) == {"BR"}


def test_loading_again_changes_nothing(loaded):
    before = [m.objects.count() for m in (OutboundTrip, InboundVisit, Guest, Agreement, Conference)]
    entries = Entry.objects.count()

    out = io.StringIO()
    demo.load(out)

    after = [m.objects.count() for m in (OutboundTrip, InboundVisit, Guest, Agreement, Conference)]
    assert after == before
    assert Entry.objects.count() == entries
    assert "Đoàn vào: 0 tạo mới, 77 không đổi." in out.getvalue()
    # The other offices' figures and the request the police have yet to answer, once.
    assert "Số liệu của cơ quan khác: 0 tạo mới; đề nghị cung cấp: 0 tạo mới." in out.getvalue()
    assert ExternalFigure.objects.count() == 6
    assert FigureRequest.objects.pending().get().indicators == ["foreign_residents"]
    economic = {(f["indicator"], f["to"]): f["value"] for f in figures.entered_figures(FROM, TO)}
    assert economic[("fdi_capital", "2023-08-31")] == 41.2


def test_every_demo_record_has_an_imported_entry(loaded):
    data = demo.build()
    refs = {record["ref"] for records in data.values() for record in records}

    imported = Entry.objects.filter(action=Action.IMPORTED).values_list("payload", flat=True)

    assert {payload["ref"] for payload in imported} == refs


def test_the_dataset_is_the_same_every_time():
    assert demo.build() == demo.build()


def test_the_demo_gives_nineteen_foreigners_in_distress(loaded):
    consular = figures.full_report(FROM, TO)["consular"]
    assert consular["foreigners_in_distress"] == 19
    assert len(consular["by_nationality"]) == 8
