"""Characters XML refuses are refused at input, and stored ones never break an export.

A title holding U+FFFF (a non-character) or a control character used to be accepted;
from then on every Excel or Word file that included it failed to build.
"""

import datetime
import io

import docx
import pytest
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

import audit
from agreements.exports import registry_xlsx
from agreements.forms import AgreementForm
from organizations.text import validate_xml_text, xml_safe
from permits.forms import MemberForm, TripForm
from permits.visit_documents import approval_letter_docx
from permits.visit_forms import GuestForm, VisitForm
from reports import figures
from reports.spreadsheets import report_xlsx
from tests.reports.helpers import make_agreement, make_trip, make_visit

pytestmark = pytest.mark.django_db

REFUSED = ["\uffff", "\ufffe", "\ufdd0", "\U0001fffe", "\x00", "\x01", "\x0b", "\x1f"]
ACCEPTED = ["Đoàn Sở Công Thương", "dòng 1\ndòng 2", "cột\tcột", "xuống\r\ndòng", "😀"]


@pytest.mark.parametrize("character", REFUSED)
def test_the_validator_refuses_what_xml_cannot_carry(character):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        validate_xml_text(f"Đoàn{character}Nhật Bản")
    assert refused.value.code == "illegal_character"
    assert f"U+{ord(character):04X}" in str(refused.value.messages[0])


@pytest.mark.parametrize("text", ACCEPTED)
def test_the_validator_accepts_ordinary_text(text):
    validate_xml_text(text)
    assert xml_safe(text) == text


def test_an_export_replaces_what_xml_cannot_carry():
    assert xml_safe("a\uffffb\x01c") == "a\ufffdb\ufffdc"
    assert xml_safe(42) == 42


@pytest.mark.parametrize(
    ("form_class", "field"),
    [
        (TripForm, "title"),
        (TripForm, "inviting_partner"),
        (MemberForm, "full_name"),
        (VisitForm, "title"),
        (VisitForm, "organisation"),
        (GuestForm, "full_name"),
        (AgreementForm, "title"),
    ],
)
def test_request_forms_refuse_the_characters_in_their_text(form_class, field, unit_a):
    form = form_class(data={field: "Đoàn\uffff"})
    assert not form.is_valid()
    assert any("U+FFFF" in message for message in form.errors[field])


def test_the_auditors_excel_export_survives_a_stored_non_character(client, kiem, unit_a, lan):
    with transaction.atomic():
        entry = audit.record(audit.Action.COMMENTED, actor=lan, subject=unit_a,
                             comment="Xin\uffffđi\x01Nhật")  # fmt: skip
    client.force_login(kiem)
    response = client.get(reverse("audit:export"), {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == entry.seq)
    assert row[12] == "Xin\ufffdđi\ufffdNhật"


def test_the_registry_export_survives_a_stored_non_character(unit_a, lan):
    agreement = make_agreement(unit_a, lan, title="Hợp tác\uffff", partner_country="JP")
    response = registry_xlsx([agreement])
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(2, 2).value == "Hợp tác\ufffd"


def test_the_reports_workbook_survives_a_stored_non_character(unit_a, lan):
    day = datetime.date(2026, 3, 9)
    make_trip(unit_a, lan, title="Đoàn\uffff Nhật", start_date=day, end_date=day)
    content = report_xlsx(figures.full_report(datetime.date(2026, 1, 1), day))
    titles = [row[1] for row in load_workbook(io.BytesIO(content))["Đoàn ra"].values]
    assert "Đoàn\ufffd Nhật" in titles


def test_the_approval_letter_survives_a_stored_non_character(province, unit_a, lan, pho):
    day = datetime.date(2026, 3, 9)
    visit = make_visit(unit_a, lan, title="Gyeonggi\uffff", start_date=day,
                       decision_number="7/UBND-NV", decision_date=day, approver=pho)  # fmt: skip
    letter = docx.Document(io.BytesIO(approval_letter_docx(visit)))
    cells = [p.text for t in letter.tables for c in t._cells for p in c.paragraphs]
    assert "V/v cho phép đón tiếp đoàn Gyeonggi\ufffd" in cells
