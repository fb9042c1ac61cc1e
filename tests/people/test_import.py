"""Persons and passports from the Excel template: each bad cell named by row and column,
nothing written unless every row is good, and a second import changes nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from people import importing
from people.models import Passport, Person

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GOOD = [
    ["Nguyễn Văn An", "02/05/1970", "Nam", "052070001111", "SCT", "Phó Giám đốc Sở",
     "công vụ", "C1234567", "01/02/2022", "01/02/2032", "SNV"],
    ["Nguyễn Văn An", "01/09/1980", "Nam", "", "Sở Công Thương", "Chuyên viên",
     "", "", "", "", ""],
    ["Trần Thị Bình", "", "Nữ", "", "SNV", "Chuyên viên",
     "ngoại giao", "N7654321", "", "01/01/2031", ""],
]  # fmt: skip


@pytest.fixture
def units(unit_a, focal_agency):
    return unit_a, focal_agency


def workbook(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append([str(heading) for _f, heading, _r in importing.COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(rows):
    return importing.import_workbook(io.BytesIO(workbook(rows)), actor=None)


def test_a_good_file_makes_persons_and_passports_and_again_changes_nothing(units):
    first = run(GOOD)
    assert (first.persons_created, first.passports_created) == (3, 2)
    namesakes = Person.objects.filter(name_key="nguyen van an").order_by("date_of_birth")
    assert [p.date_of_birth.year for p in namesakes] == [1970, 1980]
    assert namesakes[0].identity_number == "052070001111"
    passport = Passport.objects.get(kind="diplomatic")
    assert passport.number == "N7654321" and passport.person.full_name == "Trần Thị Bình"
    again = run(GOOD)
    assert (again.persons_created, again.passports_created, again.unchanged) == (0, 0, 3)
    assert Person.objects.count() == 3 and Passport.objects.count() == 2


def test_bad_cells_are_named_and_nothing_is_written(units):
    bad = [
        *GOOD,
        ["", "31/02/1970", "Khác", "12", "Sở Không Có", "", "công vụ", "C1", "", "", ""],
        ["Lê Văn Cường", "", "", "", "SCT", "", "", "C1234567", "", "01/01/2030", ""],
    ]
    with pytest.raises(Exception) as raised:
        run(bad)
    messages = raised.value.messages
    assert "Dòng 5, cột “Họ và tên”: không được để trống." in messages
    assert (
        "Dòng 5, cột “Ngày sinh (dd/mm/yyyy)”: “31/02/1970” không phải ngày hợp lệ (dd/mm/yyyy)."
        in messages
    )  # noqa: E501
    assert "Dòng 5, cột “Giới tính (Nam/Nữ)”: ghi “Nam” hoặc “Nữ”." in messages
    assert (
        "Dòng 5, cột “Đơn vị (tên hoặc mã)”: không có đơn vị “Sở Không Có” trong hệ thống."
        in messages
    )  # noqa: E501
    assert "Dòng 5, cột “Số hộ chiếu”: số hộ chiếu phải có từ 5 đến 20 ký tự." in messages
    assert (
        "Dòng 6, cột “Loại hộ chiếu (công vụ/ngoại giao)”: cần có khi khai báo hộ chiếu."
        in messages
    )  # noqa: E501
    assert Person.objects.count() == 0 and Passport.objects.count() == 0


def test_a_passport_twice_in_the_file_is_named(units):
    twice = [GOOD[0], [*GOOD[2][:7], "C1234567", "", "01/01/2031", ""]]
    with pytest.raises(Exception) as raised:
        run(twice)
    assert raised.value.messages == ["Dòng 3, cột “Số hộ chiếu”: trùng với dòng 2 của tệp."]
    assert not Person.objects.exists()


def test_a_passport_already_someone_elses_rolls_the_file_back(units):
    run([GOOD[0]])
    other = [
        GOOD[2],
        ["Lê Văn Cường", "", "", "", "SCT", "", "công vụ", "C1234567", "", "01/01/2030", ""],
    ]  # noqa: E501
    with pytest.raises(Exception) as raised:
        run(other)
    assert raised.value.messages == [
        "Dòng 3, cột “Số hộ chiếu”: hộ chiếu này đã được ghi cho Nguyễn Văn An (02/05/1970)."
    ]
    assert Person.objects.count() == 1  # Trần Thị Bình of the first row was not kept


def test_the_command_imports_and_names_errors(units, tmp_path):
    good = tmp_path / "danh-ba.xlsx"
    good.write_bytes(workbook(GOOD))
    out = io.StringIO()
    call_command("import_people", str(good), stdout=out)
    assert "3 cá nhân mới, 2 hộ chiếu mới" in out.getvalue()
    bad = tmp_path / "loi.xlsx"
    bad.write_bytes(workbook([["", "", "", "", "SCT"]]))
    with pytest.raises(CommandError, match="Dòng 2, cột “Họ và tên”"):
        call_command("import_people", str(bad))


def test_the_focal_agency_imports_on_the_web_and_the_template_round_trips(
    client, province, units, hoa, lan
):
    client.force_login(lan)
    assert client.get(reverse("person_import")).status_code == 403
    client.force_login(hoa)
    template = client.get(reverse("person_template"))
    assert load_workbook(io.BytesIO(template.content)).active.max_row == 2
    upload = SimpleUploadedFile("mau.xlsx", template.content, content_type=XLSX)
    response = client.post(reverse("person_import"), {"file": upload})
    assert response.status_code == 200, response.content.decode()[-2000:]
    assert 'data-testid="import-result"' in response.content.decode()
    assert Person.objects.get().full_name == "Nguyễn Văn An"
    text = SimpleUploadedFile("x.xlsx", b"not a workbook", content_type=XLSX)
    assert client.post(reverse("person_import"), {"file": text}).status_code == 400
