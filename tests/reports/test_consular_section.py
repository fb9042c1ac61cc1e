"""The report's ``consular`` section (the JSON contract in docs/reports.md) counted from the
consular register: every case that happened in the period, whatever its status; persons
for citizens and fishermen, cases for foreigners; and the Word sentences that say it."""

import datetime
import io

import pytest
from docx import Document

from consular import services as consular
from organizations.models import Role
from reports import documents, figures

pytestmark = pytest.mark.django_db

D = datetime.date
FROM, TO = D(2022, 1, 1), D(2023, 8, 31)


def _case(hoa, group, day, **fields):
    incident = {"foreigner": "accident", "citizen": "arrest", "fishermen": "arrest"}[group]
    fields = {"group": group, "incident": incident, "occurred_on": day, **fields}
    if group == "fishermen":
        fields.setdefault("vessel_number", f"BĐ {day:%m%d}9 TS")
    return consular.record_case(actor=hoa, role=Role.DEPARTMENT_REVIEWER, fields=fields,
                                persons=[{"full_name": "Lê Văn Một"}])  # fmt: skip


@pytest.fixture
def cases(province, hoa):
    _case(hoa, "foreigner", FROM, nationality="FR")
    _case(hoa, "foreigner", TO, nationality="PL")
    _case(hoa, "foreigner", D(2022, 5, 1), nationality="FR")
    closed = _case(hoa, "citizen", D(2022, 6, 1), country="MY", people_count=2)
    consular.close_case(closed, actor=hoa, resolution="Đã về nước.")  # still counted
    _case(hoa, "fishermen", D(2023, 2, 10), sea_area="Vùng biển Indonesia", people_count=12)
    _case(hoa, "fishermen", D(2023, 3, 10), sea_area="Vùng biển Malaysia", people_count=7)
    # A day before and after the period: not counted.
    _case(hoa, "foreigner", FROM - datetime.timedelta(days=1), nationality="CN")
    _case(hoa, "citizen", TO + datetime.timedelta(days=1), country="TH", people_count=5)
    _case(hoa, "fishermen", TO + datetime.timedelta(days=1), sea_area="Vùng biển", people_count=9)


def test_the_section_counts_cases_of_the_period_whatever_their_status(cases):
    assert figures.full_report(FROM, TO)["consular"] == {
        "foreigners_in_distress": 3,
        "by_nationality": {"FR": 2, "PL": 1},
        "citizens_detained_abroad": 2,
        "citizen_cases": 1,
        "fishermen_detained": 19,
        "fishing_vessels": 2,
    }


def test_the_word_report_says_it_in_the_seeds_words(cases):
    report = figures.full_report(FROM, TO)
    text = "\n".join(p.text for p in Document(io.BytesIO(documents.report_docx(report))).paragraphs)
    assert "giải quyết kịp thời cho 03 trường hợp người nước ngoài gặp nạn, bị thương hoặc " \
        "chết trên địa bàn tỉnh (quốc tịch Ba Lan và Pháp)" in text  # fmt: skip
    assert "có 02 tàu cá với 19 ngư dân bị nước ngoài bắt giữ; 01 vụ việc với 02 công dân " \
        "gặp nạn, bị bắt giữ ở nước ngoài" in text  # fmt: skip
