"""The registry after signing: filters, Excel export, the 15-day report reminder, the life
cycle, yearly reports, and pages whose query count does not grow with the rows.
"""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from agreements import services
from agreements.models import Status
from matters import issuance
from notifications.models import Notification
from tests.conftest import SUITE_DAY
from workflows import driver
from workflows.flows import AgreementFlow as F

from ..issuance import issue_in_code
from .helpers import call, login, make_approved

pytestmark = pytest.mark.django_db

TODAY = SUITE_DAY  # the day the suite runs on (tests/conftest.py)


def make_signed(people, unit, *, title="Bản ghi nhớ", country="KR", field="economy", **signing):
    """Drive one proposal of ``unit`` through every step to the registry, from code."""
    lan, minh, hoa, tuan, dung, chu, van = people
    agreement = make_approved(people, unit, title=title, country=country, field=field)
    signed_on = signing.get("signed_on")
    if signed_on is not None and signed_on < TODAY:  # a signing of the past: approved before
        approved = datetime.datetime.combine(signed_on, datetime.time(9), tzinfo=datetime.UTC)
        type(agreement).objects.filter(pk=agreement.pk).update(decided_at=approved)
        issuance.of(agreement).update(approved_at=approved)
    issue_in_code(agreement, F, clerk=van, issued_on=min(signed_on or TODAY, TODAY))
    signing = {"signed_on": TODAY, "signed_place": "Quy Nhơn", "signed_by": "Chủ tịch", **signing}
    sign = call(services.record_signing, hoa, signing=signing)
    return driver.complete(agreement, F.record_signing, actor=hoa, perform=sign)


@pytest.fixture
def people(cast, lan, minh, hoa, tuan, dung, chu, van):
    return (lan, minh, hoa, tuan, dung, chu, van)


def test_the_registry_filters_by_country_field_year_and_expiry(client, people, unit_a, hoa):
    korea = make_signed(
        people, unit_a, title="Hàn Quốc", valid_until=TODAY.replace(year=TODAY.year + 5)
    )
    japan = make_signed(
        people,
        unit_a,
        title="Nhật Bản",
        country="JP",
        field="education",
        valid_until=TODAY + datetime.timedelta(days=40),
    )
    login(client, hoa)
    url = reverse("agreement_registry")

    def listed(**query):
        page = client.get(url, query).content.decode()
        return {a.title for a in (korea, japan) if a.reference in page}

    assert listed() == {"Hàn Quốc", "Nhật Bản"}
    assert listed(country="JP") == {"Nhật Bản"}
    assert listed(field="economy") == {"Hàn Quốc"}
    assert listed(year=TODAY.year, unit=unit_a.pk) == {"Hàn Quốc", "Nhật Bản"}
    assert listed(year=TODAY.year - 1) == set()
    assert listed(expiring_months=3) == {"Nhật Bản"}
    assert listed(status="terminated") == set()


def test_the_registry_exports_to_excel(client, people, unit_a, hoa):
    agreement = make_signed(people, unit_a, title='=HYPERLINK("x")')
    login(client, hoa)
    response = client.get(reverse("agreement_registry"), {"xlsx": "1"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[1][0] == agreement.reference
    assert rows[1][1] == '=HYPERLINK("x")' and sheet.cell(2, 2).data_type == "s"


def test_other_units_see_nothing_in_the_registry(client, people, unit_a, long):
    agreement = make_signed(people, unit_a)
    login(client, long)
    assert agreement.reference not in client.get(reverse("agreement_registry")).content.decode()


def test_an_unreported_signing_is_reminded_once_after_its_due_date(client, people, unit_a, hoa):
    """Signed on Friday 06/03/2026: day 15 is Saturday 21/03, so due on Monday 23/03."""
    agreement = make_signed(people, unit_a, signed_on=datetime.date(2026, 3, 6))
    fresh = make_signed(people, unit_a, title="Mới ký", signed_on=datetime.date(2026, 3, 20))
    assert services.report_due_on(agreement) == datetime.date(2026, 3, 23)
    login(client, hoa)
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "hạn 23/03/2026" in page
    assert services.remind_unreported(today=datetime.date(2026, 3, 23)) == 0
    assert services.remind_unreported(today=datetime.date(2026, 3, 24)) == 1
    assert services.remind_unreported(today=datetime.date(2026, 3, 24)) == 1
    reminders = Notification.objects.filter(event="report_overdue")
    assert [(n.recipient, n.subject_id) for n in reminders] == [(hoa, str(agreement.pk))]
    assert fresh.reported_on is None

    services.record_report(agreement, actor=hoa, reported_on=TODAY)
    assert services.remind_unreported(today=datetime.date(2026, 3, 24)) == 0


def test_the_reminder_runs_from_celery_beat():
    from config.celery import app

    schedule = app.conf.beat_schedule["agreements-report-reminders"]
    assert schedule["task"] == "agreements.remind_unreported"


def test_the_focal_agency_records_the_report_and_the_life_cycle(client, people, unit_a, hoa):
    agreement = make_signed(people, unit_a)
    login(client, hoa)
    client.post(reverse("agreement_report", args=[agreement.pk]), {"reported_on": TODAY})
    client.post(reverse("agreement_life_cycle", args=[agreement.pk]), {"status": "in_force"})
    new_end = TODAY.replace(year=TODAY.year + 10)
    client.post(
        reverse("agreement_life_cycle", args=[agreement.pk]),
        {"status": "extended", "valid_until": new_end},
    )
    agreement.refresh_from_db()
    assert agreement.reported_on == TODAY
    assert agreement.status == Status.EXTENDED
    assert agreement.valid_until == new_end


def test_the_unit_files_one_implementation_report_a_year(client, people, unit_a, lan, long):
    agreement = make_signed(people, unit_a)
    url = reverse("agreement_implementation", args=[agreement.pk])
    login(client, long)
    assert client.post(url, {"year": 2026, "text": "Không"}).status_code == 404
    login(client, lan)
    client.post(url, {"year": 2026, "text": "Đã trao đổi 2 đoàn."})
    client.post(url, {"year": 2026, "text": "Lần hai"})
    assert list(agreement.implementation_reports.values_list("text", flat=True)) == [
        "Đã trao đổi 2 đoàn."
    ]


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_registry_and_the_list_cost_the_same_queries_for_2_and_6_rows(
    client, people, unit_a, hoa
):
    for index in range(2):
        make_signed(people, unit_a, title=f"Thỏa thuận {index}")
    login(client, hoa)
    few = [_queries(client, reverse(name)) for name in ("agreement_registry", "agreements")]
    for index in range(4):
        make_signed(people, unit_a, title=f"Thêm {index}")
    many = [_queries(client, reverse(name)) for name in ("agreement_registry", "agreements")]
    assert many == few


def test_the_agreement_page_costs_the_same_queries_for_1_and_4_opinions(
    client, cast, lan, minh, hoa, tuan, dung, thao, tai, police, justice, finance, unit_a
):
    from .helpers import submit, to_consultation

    small = submit(client, lan)
    to_consultation(client, small, minh=minh, hoa=hoa, agencies=[])
    large = submit(client, lan, title="Lớn")
    extra = [justice, finance, unit_a]
    to_consultation(client, large, minh=minh, hoa=hoa, agencies=extra)
    login(client, hoa)
    assert _queries(client, small.get_absolute_url()) == _queries(client, large.get_absolute_url())
