"""The report to the ministry names nobody and gives no internal processing figure; the
internal management report has them, for the focal agency and the leaders only; the
consular section reproduces the seed's sentence on the demo data."""

import datetime
import io
import json

import openpyxl
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from docx import Document

import audit
from reports import demo, figures, importing, services
from reports.models import ExportJob

from .helpers import make_trip

pytestmark = pytest.mark.django_db

FROM, TO = demo.PERIOD
PERIOD = {"ky": "tuy-chon", "tu": "01/01/2022", "den": "31/08/2023"}
PROCESSING_WORDS = ("trung vị", "ngày làm việc", "median", "processing", "Xử lý hồ sơ")


@pytest.fixture
def demo_data(province):
    data = demo.build()
    importing.import_records(data, file_name=demo.FILE_NAME)
    return data


@pytest.fixture
def decided(province, unit_a, lan, pho, minh):
    """A trip of minh decided through the trail: a processing figure exists (2 working
    days). (pho signs the report: the signature block names its signer, as Decree 30 asks.)"""
    trip = make_trip(unit_a, lan, members=[minh], start_date=datetime.date(2023, 4, 3))
    for action, day, actor in (
        (audit.Action.SUBMITTED, datetime.date(2023, 3, 6), lan),
        (audit.Action.APPROVED, datetime.date(2023, 3, 8), pho),
    ):
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
        with time_machine.travel(moment, tick=False):  # the trail is append-only
            audit.record(action, actor=actor, subject=trip)
    return trip


def _names(data, minh) -> set[str]:
    """Every person the demo names: trip members, guests, consular persons, vessel owners."""
    names = {minh.get_full_name()}
    for trip in data["outbound_trips"]:
        names |= {member["name"] for member in trip.get("members", [])}
    for visit in data["inbound_visits"]:
        names |= {guest["name"] for guest in visit.get("guests", [])}
    for case in data["consular_cases"]:
        names |= {person["name"] for person in case.get("persons", [])}
        names |= {case["vessel_owner"]} if case.get("vessel_owner") else set()
    return names


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _xlsx_text(content: bytes) -> tuple[list[str], str]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    values = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    return book.sheetnames, "\n".join(values)


def test_the_demo_gives_the_seeds_consular_figure(demo_data):
    consular = figures.full_report(FROM, TO)["consular"]
    assert consular["foreigners_in_distress"] == 19
    assert set(consular["by_nationality"]) == {"GB", "CN", "KH", "LA", "FR", "PL", "AU", "DE"}
    assert sum(consular["by_nationality"].values()) == 19
    assert consular["fishing_vessels"] == 3


def test_the_word_report_has_the_seeds_consular_sentence(demo_data):
    text = _docx_text(services.render(FROM, TO, "docx"))
    assert (
        "phối hợp với cơ quan chức năng giải quyết kịp thời cho 19 trường hợp người nước "
        "ngoài gặp nạn, bị thương hoặc chết trên địa bàn tỉnh (quốc tịch Anh, Ba Lan, "
        "Campuchia, Đức, Lào, Pháp, Trung Quốc và Úc)"
    ) in text
    assert "- Công tác bảo hộ công dân ở nước ngoài, bảo hộ ngư dân bị nước ngoài bắt giữ" in text
    assert "03 tàu cá với" in text and "ngư dân bị nước ngoài bắt giữ" in text


def test_the_report_to_the_ministry_names_nobody_and_gives_no_processing_figure(
    demo_data, decided, minh
):
    names = _names(demo_data, minh)
    assert len(names) > 300

    data = services.render(FROM, TO, "json").decode()
    word = _docx_text(services.render(FROM, TO, "docx"))
    sheets, excel = _xlsx_text(services.render(FROM, TO, "xlsx"))

    report = json.loads(data)
    assert "processing" not in report and "processing" not in report["breakdowns"]
    assert "by_person" not in report["breakdowns"]["outbound_trips"]
    for text in (data, word, excel):
        assert not [name for name in names if name in text]
        assert not [word for word in PROCESSING_WORDS if word in text]
    assert "Xử lý hồ sơ" not in sheets and "Lãnh sự" in sheets


def test_the_internal_report_has_the_processing_figures_and_the_trips_per_person(
    demo_data, decided, minh
):
    report = json.loads(services.render(FROM, TO, "json", report="internal"))
    assert report["processing"]["median_working_days_to_decision"] == 2
    people = {
        row["label"]: row["count"] for row in report["breakdowns"]["outbound_trips"]["by_person"]
    }
    assert people[minh.get_full_name()] == 1

    sheets, excel = _xlsx_text(services.render(FROM, TO, "xlsx", report="internal"))
    assert "Xử lý hồ sơ" in sheets and "Chuyến đi theo cán bộ" in sheets
    assert minh.get_full_name() in excel
    with pytest.raises(ValueError):
        services.render(FROM, TO, "docx", report="internal")


@pytest.fixture
def cast(request, province):
    return request.getfixturevalue


@pytest.mark.parametrize("who", ["hoa", "tuan", "pho", "chu"])
def test_the_focal_agency_and_leaders_see_the_internal_report(client, cast, decided, minh, who):
    client.force_login(cast(who))
    page = client.get(reverse("reports:internal"), PERIOD)
    assert page.status_code == 200
    assert minh.get_full_name() in page.content.decode()  # minh's trip, by person
    assert client.get(reverse("reports:internal_json"), PERIOD).status_code == 200


@pytest.mark.parametrize("who", ["lan", "minh", "dung", "thao", "kiem", "vo"])
def test_units_and_everyone_else_are_refused_the_internal_report(client, cast, who):
    client.force_login(cast(who))
    assert client.get(reverse("reports:internal"), PERIOD).status_code == 403
    assert client.get(reverse("reports:internal_json"), PERIOD).status_code == 403
    response = client.post(reverse("reports:start_internal_export"), {**PERIOD, "format": "xlsx"})
    assert response.status_code == 403
    assert not ExportJob.objects.exists()


def test_the_ministry_report_page_shows_no_internal_figure(client, cast, decided, minh):
    client.force_login(cast("kiem"))
    page = client.get(reverse("reports:report"), PERIOD).content.decode()
    assert minh.get_full_name() not in page
    assert "trung vị" not in page
    assert "kỳ liền trước có cùng độ dài" in page.lower()
    assert 'data-testid="internal-report-link"' not in page  # auditors: the ministry's only


def test_an_internal_export_is_built_and_downloaded(
    client, cast, decided, django_capture_on_commit_callbacks
):
    client.force_login(cast("hoa"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:start_internal_export"), {**PERIOD, "format": "xlsx"}
        )
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert job.report == ExportJob.Report.INTERNAL and job.status == ExportJob.Status.DONE
    download = client.get(reverse("reports:job_download", args=[job.pk]))
    assert download["Content-Disposition"].endswith(
        'bao-cao-quan-ly-noi-bo-20220101-20230831.xlsx"'
    )


def test_empty_figures_read_none_not_zeros(client, cast):
    client.force_login(cast("hoa"))
    page = client.get(reverse("reports:report"), PERIOD).content.decode()
    assert "00 lượt người" not in page
    text = _docx_text(services.render(FROM, TO, "docx"))
    assert "00 với 00" not in text and "với 00 lượt người" not in text
    assert "không có trường hợp người nước ngoài gặp nạn" in text


def test_the_funding_table_has_no_blank_label(province, unit_a, lan):
    make_trip(unit_a, lan, start_date=datetime.date(2023, 4, 3), funding_source="")
    rows = figures.breakdowns(FROM, TO)["outbound_trips"]["by_funding_source"]
    assert [row["label"] for row in rows] == ["Chưa xác định"]
