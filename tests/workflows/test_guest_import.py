"""The guest list as an Excel file: a template to download, all rows or none imported."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from permits.guest_import import parse_guest_list, template_workbook
from permits.models import InboundVisit
from workflows.flows import InboundVisitFlow as F

from ..start_forms import post_start
from .inbound_helpers import login, visit_data, workbook

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GOOD = [
    ["TANAKA Hiroshi", "JP", "TZ1234567", "31/12/2030", "15/04/1975", "JETRO", "Trưởng đoàn"],
    ["KIM Min-jun", "KR", "M12345678", datetime.date(2031, 6, 1), "1980-01-02", "KOTRA", ""],
]


def upload(rows, name="khach.xlsx"):
    return SimpleUploadedFile(name, workbook(rows).getvalue(), content_type=XLSX)


def post_with_list(client, lan, rows):
    login(client, lan)
    data = visit_data(guests=0, guest_file=upload(rows))
    return post_start(client, F.instance.reverse("submit:execute"), data)


def test_the_template_downloads_and_reads_back_as_one_guest(client, province, lan):
    login(client, lan)
    response = client.get(reverse("inbound_guest_template"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    guests = parse_guest_list(SimpleUploadedFile("mau.xlsx", template_workbook()))
    assert [g.full_name for g in guests] == ["TANAKA Hiroshi"]


def test_a_good_list_replaces_typed_rows(client, province, lan):
    response = post_with_list(client, lan, GOOD)
    assert response.status_code == 302, response.content.decode()[:3000]
    visit = InboundVisit.objects.get()
    guests = list(visit.guests.all())
    assert [g.full_name for g in guests] == ["TANAKA Hiroshi", "KIM Min-jun"]
    assert guests[1].passport_number == "M12345678"
    assert guests[1].passport_expiry == datetime.date(2031, 6, 1)
    assert visit.attachments.get().kind == "guest_list"


def test_bad_rows_are_named_and_nothing_is_saved(client, province, lan):
    rows = [
        GOOD[0],
        ["", "JP", "TZ0000001", "31/12/2030", "15/04/1975", "", ""],
        ["LEE", "Atlantis", "AB1", "31/02/2030", "15/04/1975", "", ""],
    ]
    response = post_with_list(client, lan, rows)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dòng 3, cột “Họ và tên”: không được để trống." in page
    assert "Dòng 4, cột “Quốc tịch (mã ISO, ví dụ JP)”" in page
    assert "Dòng 4, cột “Số hộ chiếu”" in page
    assert "Dòng 4, cột “Ngày hết hạn hộ chiếu (dd/mm/yyyy)”" in page
    assert "Dòng 2" not in page
    assert InboundVisit.objects.count() == 0


def test_a_file_that_is_not_excel_is_refused(client, province, lan):
    login(client, lan)
    fake = SimpleUploadedFile("khach.xlsx", b"MZ\x90\x00 not excel")
    data = visit_data(guests=0, guest_file=fake)
    response = post_start(client, F.instance.reverse("submit:execute"), data)
    assert response.status_code == 200
    assert "khach.xlsx" in response.content.decode()
    assert InboundVisit.objects.count() == 0


def test_a_list_with_no_rows_is_refused():
    with pytest.raises(Exception, match="không có dòng khách"):
        parse_guest_list(upload([]))


def test_no_guests_at_all_is_refused(client, province, lan):
    login(client, lan)
    response = post_start(client, F.instance.reverse("submit:execute"), visit_data(guests=0))
    assert response.status_code == 200
    assert "ít nhất một khách" in response.content.decode()


def test_the_template_has_the_columns_the_import_reads():
    sheet = load_workbook(SimpleUploadedFile("m.xlsx", template_workbook())).active
    assert [c.value for c in sheet[1]][:3] == [
        "Họ và tên",
        "Quốc tịch (mã ISO, ví dụ JP)",
        "Số hộ chiếu",
    ]
