"""``import_records`` accepts consular cases: checked whole, written atomically with an
``imported`` entry each, idempotent, every bad field named; persons encrypted."""

import datetime

import pytest

from audit.models import Action, Entry
from consular.models import CasePerson, ConsularCase, Status
from reports import figures, importing

pytestmark = pytest.mark.django_db

CASE = {
    "ref": "LS-2022-001",
    "group": "foreigner",
    "incident": "accident",
    "occurred_on": "2022-04-02",
    "nationality": "FR",
    "place": "Quy Nhơn",
    "ministry_notified_at": "2022-04-02 10:30",
    "ministry_notice": "Điện thoại, 15/SNV-LS",
    "representation": "Tổng Lãnh sự quán Pháp tại TP. Hồ Chí Minh",
    "status": "closed",
    "resolution": "Đã hỗ trợ điều trị và về nước.",
    "closed_on": "2022-04-20",
    "persons": [{"name": "Pierre MARTIN", "document": "12AB34567", "date_of_birth": "1980-05-01"}],
}
VESSEL = {
    "ref": "LS-NG-01",
    "group": "fishermen",
    "incident": "arrest",
    "occurred_on": "2023-02-10",
    "sea_area": "Vùng biển Indonesia",
    "people_count": 9,
    "vessel_number": "BĐ 97125 TS",
    "vessel_owner": "Trương Văn Sáu",
    "status": "released",
}


def test_consular_cases_are_imported_with_an_entry_each(province):
    result = importing.import_records({"consular_cases": [CASE, VESSEL]}, file_name="cu.json")

    assert result.created["consular_cases"] == 2
    case = ConsularCase.objects.get(reference="LS-2022-001")
    assert case.unit == province.focal_agency and case.imported
    assert case.status == Status.CLOSED and case.closed_on == datetime.date(2022, 4, 20)
    assert case.ministry_notice == "Điện thoại, 15/SNV-LS"
    person = CasePerson.objects.get()
    assert person.full_name == "Pierre MARTIN" and "MARTIN" not in person.full_name_encrypted
    assert ConsularCase.objects.get(reference="LS-NG-01").vessel_owner == "Trương Văn Sáu"
    assert (
        Entry.objects.filter(action=Action.IMPORTED, subject_type__model="consularcase").count()
        == 2
    )
    report = figures.consular_figures(datetime.date(2022, 1, 1), datetime.date(2023, 8, 31))
    assert report["foreigners_in_distress"] == 1 and report["fishermen_detained"] == 9


def test_importing_the_same_cases_again_changes_nothing(province):
    importing.import_records({"consular_cases": [CASE]}, file_name="cu.json")
    result = importing.import_records({"consular_cases": [CASE]}, file_name="cu.json")
    assert result.created["consular_cases"] == 0 and result.unchanged["consular_cases"] == 1
    assert ConsularCase.objects.count() == 1 and CasePerson.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"group": "tourist"}, "LS-2022-001: group: “tourist” không thuộc"),
        ({"nationality": ""}, "LS-2022-001: nationality: thiếu trường bắt buộc."),
        ({"occurred_on": "31/02/2022"}, "LS-2022-001: occurred_on: “31/02/2022” không phải"),
        ({"resolution": ""}, "LS-2022-001: resolution: vụ việc đã kết thúc cần có kết quả"),
        ({"persons": [{"document": "X1"}]}, "LS-2022-001: persons[1].name: thiếu trường"),
        ({"colour": "red"}, "LS-2022-001: colour: trường không được hỗ trợ."),
    ],
)
def test_each_bad_field_is_named_and_nothing_is_written(province, change, expected):
    with pytest.raises(importing.InvalidFile) as error:
        importing.import_records(
            {"consular_cases": [VESSEL, {**CASE, **change}]}, file_name="cu.json"
        )
    assert any(expected in line for line in error.value.errors), error.value.errors
    assert ConsularCase.objects.count() == 0


def test_a_fishermen_case_needs_its_vessel(province):
    with pytest.raises(importing.InvalidFile) as error:
        importing.import_records(
            {"consular_cases": [{**VESSEL, "vessel_number": ""}]}, file_name="cu.json"
        )
    assert "LS-NG-01: vessel_number: vụ việc ngư dân cần số hiệu tàu." in error.value.errors[0]


def test_the_workbook_carries_cases_and_their_persons(province, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "mau.xlsx"
    path.write_bytes(importing.template_workbook())
    book = load_workbook(path)
    sheet = book["consular_cases"]
    columns = [cell.value for cell in sheet[1]]
    row = {**CASE, "persons": None}
    sheet.append([row.get(column) for column in columns])
    persons = book["persons"]
    persons.append(["LS-2022-001", "Pierre MARTIN", "12AB34567", "1980-05-01", "FR", ""])
    book.save(path)

    result = importing.import_records(importing.read_file(path), file_name=path.name)

    assert result.created["consular_cases"] == 1
    assert CasePerson.objects.get().nationality == "FR"
