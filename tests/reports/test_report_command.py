"""``manage.py foreign_affairs_report``: JSON, Word and Excel carry the same figures."""

import datetime
import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from docx import Document

from permits.models import Status
from reports import figures
from reports.spreadsheets import SUMMARY_SHEET, flatten, label

from .helpers import make_agreement, make_conference, make_trip, make_visit

pytestmark = pytest.mark.django_db

D = datetime.date
PERIOD = ["--from", "2022-01-01", "--to", "2023-08-31"]


@pytest.fixture
def matters(province, unit_a, unit_b, lan, long, pho):
    """Six trips with seven members, three visits of twelve guests from two countries,
    two agreements, and what must not count (a rejected trip, a trip of last year)."""
    for n in range(6):
        members = [pho, "Trần Văn Bình"] if n == 0 else ["Trần Văn Bình"]
        countries = ["FR", "DE"] if n == 0 else ["IN"]
        make_trip(unit_a, lan, members=members, countries=countries, start_date=D(2022, 5, n + 1))
    make_trip(unit_a, lan, status=Status.REJECTED, start_date=D(2022, 6, 1))
    make_trip(unit_a, lan, start_date=D(2021, 3, 1))
    make_visit(unit_a, lan, guests=["KR"] * 5, start_date=D(2022, 1, 1))
    make_visit(unit_b, long, guests=["KR"] * 3 + ["JP"], removed=["CN"], start_date=D(2023, 2, 5))
    make_visit(unit_b, long, guests=["JP"] * 3, start_date=D(2023, 8, 31))
    make_agreement(unit_a, lan, partner_country="JP", signed_on=D(2023, 3, 1))
    make_agreement(unit_a, lan, partner_country="KR", signed_on=D(2023, 3, 2))
    if figures.conference_model() is not None:
        make_conference(unit_b, start_date=D(2022, 7, 10), participants_planned=1200)
        make_conference(unit_b, start_date=D(2022, 8, 10), participants_planned=1520)


def _run(*args) -> str:
    out = io.StringIO()
    call_command("foreign_affairs_report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_json_goes_to_standard_output_with_the_contract_and_more(matters):
    report = json.loads(_run(*PERIOD))

    contract = figures.compute(D(2022, 1, 1), D(2023, 8, 31))
    # The report to the ministry leaves the processing figures to the internal report.
    contract.pop("processing")
    assert {key: report[key] for key in contract} == contract
    assert set(report) == {
        *contract,
        "plan",
        "consular",
        "economic",
        "other_offices",
        "draft",
        "sections",
        "breakdowns",
        "comparison",
        "same_period_last_year",
    }
    assert report["outbound_trips"] == {
        "count": 6,
        "members": 7,
        "countries": {"IN": 5, "DE": 1, "FR": 1},
    }
    assert report["inbound_visits"] == {
        "count": 3,
        "persons": 12,
        "country_count": 2,
        "countries": {"KR": 8, "JP": 4},
    }
    # Longer than a year: the 608 days before it, not the overlapping dates a year earlier.
    assert report["comparison"] == {
        "from": "2020-05-03",
        "to": "2021-12-31",
        "rule": "preceding_period",
        "label": "kỳ liền trước có cùng độ dài",
    }
    assert report["same_period_last_year"]["period"] == {"from": "2020-05-03", "to": "2021-12-31"}
    assert report["same_period_last_year"]["outbound_trips"]["count"] == 1


def test_json_can_go_to_a_file(matters, tmp_path):
    target = tmp_path / "bao-cao.json"
    _run(*PERIOD, "--output", str(target))
    assert json.loads(target.read_text())["agreements"] == {
        "signed": 2,
        "countries": {"JP": 1, "KR": 1},
    }


def _text(path) -> str:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_the_word_report_reads_like_the_seed(matters, tmp_path):
    target = tmp_path / "bao-cao.docx"
    _run(*PERIOD, "--format", "docx", "--output", str(target))

    text = _text(target)
    period = "Từ ngày 01 tháng 01 năm 2022 đến ngày 31 tháng 8 năm 2023"
    assert "BÁO CÁO" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "/BC-UBND" in text
    assert f"- Đoàn ra: {period}, có 06 đoàn công tác với 07 lượt người" in text
    assert "(đến các nước: Ấn Độ, Đức và Pháp)" in text
    assert "trong đó 01 đoàn do lãnh đạo tỉnh dẫn đầu" in text
    assert f"- Đoàn vào: {period}, có 03 đoàn với 12 lượt người của 02 quốc gia" in text
    assert "đã ký kết 02 thỏa thuận quốc tế mới" in text
    assert "so với kỳ liền trước có cùng độ dài (01 đoàn), tăng 05 đoàn" in text
    assert "Kỳ báo cáo dài hơn một năm nên số liệu được so sánh với kỳ liền trước" in text
    assert (
        "02 thỏa thuận quốc tế mới (với đối tác các nước: Hàn Quốc (01), Nhật Bản (01)); " in text
    )
    assert "kỳ liền trước có cùng độ dài không có thỏa thuận nào." in text
    assert "Hàn Quốc" in text and "Nhật Bản" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "KT. CHỦ TỊCH" in text
    assert len(Document(str(target)).tables) >= 5


def test_the_word_report_writes_large_numbers_with_dots(matters, tmp_path):
    if figures.conference_model() is None:
        pytest.skip("the conferences app is not installed")
    target = tmp_path / "bao-cao.docx"
    _run(*PERIOD, "--format", "docx", "--output", str(target))

    assert "có 02 hội nghị, hội thảo quốc tế được tổ chức tại tỉnh với sự tham gia của " in (
        _text(target)
    )
    assert "2.720 lượt người" in _text(target)


def test_the_excel_summary_equals_the_json(matters, tmp_path):
    target = tmp_path / "bao-cao.xlsx"
    _run(*PERIOD, "--format", "xlsx", "--output", str(target))
    report = json.loads(_run(*PERIOD))

    workbook = openpyxl.load_workbook(target)
    summary = workbook[SUMMARY_SHEET]
    rows = list(summary.iter_rows(values_only=True))
    header = rows.index(("Chỉ tiêu", "Kỳ báo cáo", "Kỳ liền trước có cùng độ dài", "Tăng, giảm"))
    figures_in_sheet = {row[0]: row[1] for row in rows[header + 1 :] if row[0]}
    current = flatten(report)
    assert {key: figures_in_sheet[label(key)] for key in current} == current
    previous = {row[0]: row[2] for row in rows[header + 1 :] if row[0]}
    last_year = flatten(report["same_period_last_year"])
    assert {key: previous[label(key)] for key in last_year} == last_year
    # Vietnamese headers and labels only: no internal key ("outbound_trips.count") is shown.
    shown = {str(value) for row in rows for value in row if isinstance(value, str)}
    assert not shown & (set(current) | {"period.from", "period.to", "comparison"})
    assert workbook.sheetnames[:5] == [
        SUMMARY_SHEET,
        "Đoàn ra",
        "Đoàn vào",
        "Thỏa thuận",
        "Hội nghị",
    ]
    trips = list(workbook["Đoàn ra"].iter_rows(values_only=True))
    assert len(trips) == 1 + 6
    assert trips[1][4] == "Pháp, Đức" or trips[1][4] == "Đức, Pháp"
    visits = list(workbook["Đoàn vào"].iter_rows(values_only=True))
    assert sorted(row[7] for row in visits[1:]) == [3, 4, 5]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2023-02-30", "--to", "2023-03-01"], "Ngày không hợp lệ"),
        (["--from", "01/01/2023", "--to", "2023-03-01"], "Ngày không hợp lệ"),
        (["--from", "2023-03-02", "--to", "2023-03-01"], "Ngày bắt đầu phải trước"),
        (PERIOD + ["--format", "docx"], "--output"),
    ],
)
def test_bad_arguments_are_refused_with_a_message(db, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)
