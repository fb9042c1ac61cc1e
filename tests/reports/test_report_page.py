"""The report page: who may see it, the period picker, the figures, charts and downloads."""

import datetime
import io
import json
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document

from audit.models import Action, Entry
from reports import figures, structure
from reports.models import ExportJob
from reports.spreadsheets import SUMMARY_SHEET, flatten, label

from .helpers import make_agreement, make_trip, make_visit

pytestmark = pytest.mark.django_db

URL = "/bao-cao/"
PERIOD = {"ky": "tuy-chon", "tu": "01/01/2022", "den": "31/08/2023"}
READERS = ["hoa", "tuan", "chu", "pho", "kiem"]
OTHERS = ["lan", "long", "minh", "dung", "thao", "quan", "vo"]


@pytest.fixture
def cast(request, province):
    def person(name):
        return request.getfixturevalue(name)

    return person


@pytest.fixture
def matters(province, unit_a, lan, pho):
    for n in range(3):
        make_trip(
            unit_a,
            lan,
            members=[pho],
            countries=["FR", "DE"],
            start_date=datetime.date(2022, 4, n + 1),
        )
    make_visit(unit_a, lan, guests=["KR", "KR", "JP"], start_date=datetime.date(2023, 1, 5))
    make_agreement(unit_a, lan, partner_country="JP", signed_on=datetime.date(2023, 3, 1))


def test_the_url_is_the_report_page():
    assert reverse("reports:report") == URL


@pytest.mark.parametrize("who", READERS)
def test_the_focal_agency_leaders_and_auditors_see_the_report(client, cast, who):
    client.force_login(cast(who))
    response = client.get(URL)
    assert response.status_code == 200
    assert 'data-testid="report-figures"' in response.content.decode()


@pytest.mark.parametrize("who", OTHERS)
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", URL),
        ("get", URL + "json/"),
        ("post", URL + "xuat/"),
    ],
)
def test_everyone_else_is_refused(client, cast, who, method, url):
    client.force_login(cast(who))
    response = getattr(client, method)(url, {**PERIOD, "format": "docx"})
    assert response.status_code == 403
    assert not ExportJob.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"] or "dang-nhap" in response["Location"]


def test_the_link_in_the_menu_shows_only_to_readers(client, cast):
    client.force_login(cast("hoa"))
    assert 'data-testid="nav-reports"' in client.get("/").content.decode()
    client.force_login(cast("lan"))
    assert 'data-testid="nav-reports"' not in client.get("/").content.decode()


def test_the_page_shows_the_figures_of_the_period(client, cast, matters):
    client.force_login(cast("pho"))
    response = client.get(URL, PERIOD)

    assert response.status_code == 200
    assert response.context["report"] == structure.for_period(
        datetime.date(2022, 1, 1), datetime.date(2023, 8, 31)
    )
    page = response.content.decode()
    assert "Kỳ báo cáo: từ 01/01/2022 đến 31/08/2023" in page
    assert "đoàn với 03 lượt người của 02 quốc gia" in page
    assert 'data-testid="chart-months"' in page and "<svg" in page
    assert "Pháp" in page and "Hàn Quốc" in page
    # The CSP forbids inline script: every script on the page is a file.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("preset", "start", "end"),
    [
        ("nam-nay", lambda t: t.replace(month=1, day=1), lambda t: t),
        (
            "nam-truoc",
            lambda t: datetime.date(t.year - 1, 1, 1),
            lambda t: datetime.date(t.year - 1, 12, 31),
        ),
    ],
)
def test_the_presets(client, cast, preset, start, end):
    client.force_login(cast("kiem"))
    response = client.get(URL, {"ky": preset})
    today = timezone.localdate()
    assert (response.context["date_from"], response.context["date_to"]) == (
        start(today),
        end(today),
    )


def test_six_months_and_since_a_date_end_today(client, cast):
    client.force_login(cast("kiem"))
    today = timezone.localdate()

    six = client.get(URL, {"ky": "6-thang"}).context
    since = client.get(URL, {"ky": "tu-ngay", "tu": "05/02/2023"}).context

    assert six["date_to"] == since["date_to"] == today
    assert 180 <= (today - six["date_from"]).days <= 184
    assert since["date_from"] == datetime.date(2023, 2, 5)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"ky": "tuy-chon", "tu": "31/02/2023", "den": "01/03/2023"}, "Ngày không hợp lệ"),
        ({"ky": "tuy-chon", "tu": "abc", "den": "01/03/2023"}, "Ngày không hợp lệ"),
        ({"ky": "tuy-chon", "tu": "02/03/2023", "den": "01/03/2023"}, "Ngày bắt đầu phải trước"),
        ({"ky": "tuy-chon", "tu": "01/01/0001", "den": "01/03/2023"}, "01/01/1990"),
        ({"ky": "tuy-chon", "tu": "01/01/2023"}, "Hãy chọn ngày bắt đầu"),
        ({"ky": "tu-ngay"}, "Hãy chọn ngày bắt đầu"),
        ({"ky": "hom-qua"}, "hom-qua"),
    ],
)
def test_bad_dates_get_a_clear_message_never_a_500(client, cast, params, message):
    client.force_login(cast("tuan"))
    response = client.get(URL, params)
    assert response.status_code == 400
    assert 'data-testid="period-errors"' in response.content.decode()
    assert message in response.content.decode()
    assert client.get(URL + "json/", params).status_code == 400


def test_the_json_download_is_the_command_output(client, cast, matters):
    client.force_login(cast("hoa"))
    response = client.get(URL + "json/", PERIOD)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content) == structure.for_period(
        datetime.date(2022, 1, 1), datetime.date(2023, 8, 31)
    )


def _export(client, fmt, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL + "xuat/", {**PERIOD, "format": fmt})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("reports:job", args=[job.pk])
    return job


def test_a_word_export_runs_and_is_downloaded_by_its_requester_only(
    client, cast, matters, django_capture_on_commit_callbacks
):
    pho = cast("pho")
    client.force_login(pho)
    job = _export(client, "docx", django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert (job.status, job.progress) == (ExportJob.Status.DONE, 100)
    page = client.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert 'data-testid="job-download"' in page and 'http-equiv="refresh"' not in page
    download = client.get(reverse("reports:job_download", args=[job.pk]))
    assert download.status_code == 200
    document = Document(io.BytesIO(b"".join(download.streaming_content)))
    assert any("có 03 đoàn công tác với 03 lượt người" in p.text for p in document.paragraphs)
    assert Entry.objects.filter(action=Action.FILE_DOWNLOADED, actor=pho).count() == 1

    client.force_login(cast("kiem"))
    assert client.get(reverse("reports:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404


def test_an_excel_export_has_the_figures_of_the_json(
    client, cast, matters, django_capture_on_commit_callbacks
):
    client.force_login(cast("kiem"))
    job = _export(client, "xlsx", django_capture_on_commit_callbacks)

    download = client.get(reverse("reports:job_download", args=[job.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    rows = list(workbook[SUMMARY_SHEET].iter_rows(values_only=True))
    in_sheet = {row[0]: row[1] for row in rows if len(row) > 1 and row[0]}
    expected = flatten(figures.compute(datetime.date(2022, 1, 1), datetime.date(2023, 8, 31)))
    assert {key: in_sheet[label(key)] for key in expected} == expected


def test_a_job_in_progress_refreshes_itself(client, cast):
    hoa = cast("hoa")
    job = ExportJob.objects.create(
        requested_by=hoa,
        date_from=datetime.date(2023, 1, 1),
        date_to=datetime.date(2023, 12, 31),
        format="docx",
        status=ExportJob.Status.RUNNING,
        progress=60,
    )
    client.force_login(hoa)
    page = client.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page
    assert 'aria-valuenow="60"' in page
    assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404


def test_a_bad_export_request_is_refused(client, cast):
    client.force_login(cast("hoa"))
    assert client.post(URL + "xuat/", {**PERIOD, "format": "pdf"}).status_code == 400
    assert (
        client.post(URL + "xuat/", {"ky": "tuy-chon", "tu": "x", "format": "docx"}).status_code
        == 400
    )
    assert client.get(URL + "xuat/").status_code == 405
    assert not ExportJob.objects.exists()


def test_the_page_costs_the_same_queries_for_few_and_many_matters(client, cast, unit_a, lan, pho):
    client.force_login(cast("tuan"))
    make_trip(unit_a, lan, members=[pho], start_date=datetime.date(2022, 4, 1))
    client.get(URL, PERIOD)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, PERIOD)
    for n in range(10):
        make_trip(
            unit_a,
            lan,
            members=[pho, f"Thành viên {n}"],
            countries=["KR", "JP"],
            start_date=datetime.date(2022, 5, n + 1),
        )
        make_visit(unit_a, lan, guests=["KR", "US"], start_date=datetime.date(2022, 6, n + 1))
    with CaptureQueriesContext(connection) as many:
        client.get(URL, PERIOD)
    assert len(many) == len(few)


def test_a_broker_outage_marks_the_job_failed_with_a_message(
    client, cast, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from reports import tasks

    def refuse(*args, **kwargs):
        raise OperationalError("broker down")

    monkeypatch.setattr(tasks.build_export, "delay", refuse)
    client.force_login(cast("hoa"))
    job = _export(client, "docx", django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    page = client.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert "Không gửi được yêu cầu lập báo cáo" in page
    assert 'http-equiv="refresh"' not in page


def test_a_build_that_fails_marks_the_job_failed(
    client, cast, monkeypatch, django_capture_on_commit_callbacks
):
    from reports import services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "render", broken)
    client.force_login(cast("kiem"))
    job = _export(client, "xlsx", django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert (job.status, bool(job.file)) == (ExportJob.Status.FAILED, False)
    assert "Lập báo cáo không thành công" in job.error
