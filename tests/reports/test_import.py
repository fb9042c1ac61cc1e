"""``manage.py import_records``: past matters as DESIGN §8 says (issue #8).

A file is checked whole before anything is written: one bad record rejects it, and the
messages name each bad record's ref and field. Importing the same file again changes
nothing. Units not found are created and listed.
"""

import copy
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook

from agreements.models import Agreement
from agreements.models import Status as AgreementStatus
from audit.models import Action, Entry
from conferences.models import Conference
from organizations.models import Unit
from permits import guest_import
from permits.models import Guest, InboundVisit, OutboundTrip, Status, TripMember
from permits.visit_forms import GuestForm
from reports import importing

pytestmark = pytest.mark.django_db

# The example of DESIGN §8, verbatim.
EXAMPLE = {
    "outbound_trips": [
        {
            "ref": "DR-2022-001",
            "unit": "Sở Công Thương",
            "purpose": "Xúc tiến đầu tư",
            "countries": ["FR", "DE"],
            "start_date": "2022-05-10",
            "end_date": "2022-05-18",
            "status": "approved",
            "decision_number": "123/QĐ-UBND",
            "members": [
                {"name": "Nguyễn Văn A", "position": "Phó Chủ tịch UBND tỉnh", "head": True}
            ],
        }
    ],
    "inbound_visits": [
        {
            "ref": "DV-2022-001",
            "unit": "Sở Ngoại vụ",
            "delegation": "Đoàn tỉnh Gyeonggi",
            "countries": ["KR"],
            "start_date": "2022-06-01",
            "end_date": "2022-06-03",
            "status": "approved",
            "guests": [
                {
                    "name": "Kim Min-jun",
                    "nationality": "KR",
                    "passport": "M12345678",
                    "position": "Governor",
                }
            ],
        }
    ],
    "agreements": [
        {
            "ref": "TT-2023-001",
            "unit": "Sở Ngoại vụ",
            "title": "Biên bản ghi nhớ",
            "kind": "mou",
            "partner": "Tỉnh Shizuoka",
            "partner_country": "JP",
            "signed_date": "2023-03-01",
            "status": "signed",
        }
    ],
    "conferences": [
        {
            "ref": "HN-2022-001",
            "unit": "ICISE",
            "title": "Rencontres du Vietnam",
            "start_date": "2022-07-10",
            "end_date": "2022-07-16",
            "participants": 120,
            "countries": ["FR", "US"],
            "status": "approved",
        }
    ],
}
MODELS = (OutboundTrip, TripMember, InboundVisit, Guest, Agreement, Conference)


@pytest.fixture
def example_file(tmp_path):
    path = tmp_path / "ho-so-cu.json"
    path.write_text(json.dumps(EXAMPLE, ensure_ascii=False), encoding="utf-8")
    return path


def run(path, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_records", str(path), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in (*MODELS, Unit, Entry)}


def write(tmp_path, data, name="tep.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_design_example_creates_completed_records_with_an_imported_entry_each(
    example_file, unit_a
):
    run(example_file)

    trip = OutboundTrip.objects.get(reference="DR-2022-001")
    assert trip.unit == unit_a
    assert trip.status == Status.COMPLETED
    assert sorted(c.code for c in trip.countries) == ["DE", "FR"]
    assert (trip.start_date, trip.end_date) == (
        datetime.date(2022, 5, 10),
        datetime.date(2022, 5, 18),
    )
    assert trip.purpose.name == "Xúc tiến đầu tư"
    assert trip.decision_number == "123/QĐ-UBND"
    assert trip.head.full_name == "Nguyễn Văn A"
    visit = InboundVisit.objects.get(reference="DV-2022-001")
    assert visit.title == "Đoàn tỉnh Gyeonggi"
    assert visit.status == Status.COMPLETED
    guest = visit.guests.get()
    assert (guest.full_name, guest.nationality.code) == ("Kim Min-jun", "KR")
    assert guest.passport_number == "M12345678"
    assert "M12345678" not in guest.passport_encrypted  # stored encrypted
    assert guest.passport_expiry is None
    assert guest.date_of_birth is None
    agreement = Agreement.objects.get(reference="TT-2023-001")
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.signed_on == datetime.date(2023, 3, 1)
    assert agreement.partner_country.code == "JP"
    conference = Conference.objects.get(reference="HN-2022-001")
    assert conference.imported
    assert conference.status == Status.COMPLETED
    assert conference.participants == 120
    assert sorted(c.code for c in conference.countries) == ["FR", "US"]

    entries = Entry.objects.filter(action=Action.IMPORTED)
    assert entries.count() == 4
    assert {e.payload["ref"] for e in entries} == {
        "DR-2022-001",
        "DV-2022-001",
        "TT-2023-001",
        "HN-2022-001",
    }
    assert {e.payload["file"] for e in entries} == {"ho-so-cu.json"}
    # No personal data in the trail.
    assert not any("M12345678" in json.dumps(e.payload) for e in entries)
    assert {e.subject_id for e in entries if e.payload["ref"] == "DV-2022-001"} == {str(visit.pk)}


def test_importing_the_same_file_again_changes_nothing(example_file):
    run(example_file)
    before = counts()
    updated = OutboundTrip.objects.get().updated_at

    out, _err = run(example_file)

    assert counts() == before
    assert OutboundTrip.objects.get().updated_at == updated
    assert "Đoàn ra: 0 tạo mới, 1 không đổi." in out
    assert "Hội nghị, hội thảo quốc tế: 0 tạo mới, 1 không đổi." in out
    assert "Đơn vị mới" not in out


def test_whole_numbers_written_with_a_point_are_read_as_whole_numbers(tmp_path):
    data = {
        "conferences": [{**EXAMPLE["conferences"][0], "participants": 120.0}],
        "outbound_trips": [{**EXAMPLE["outbound_trips"][0], "decision_number": 512.0}],
    }
    run(write(tmp_path, data))
    assert Conference.objects.get(reference="HN-2022-001").participants == 120
    assert OutboundTrip.objects.get(reference="DR-2022-001").decision_number == "512"


def test_a_record_already_there_is_left_untouched_and_the_rest_is_created(tmp_path, example_file):
    run(example_file)
    data = copy.deepcopy(EXAMPLE)
    data["outbound_trips"][0]["decision_number"] = "999/QĐ-UBND"  # ignored: the ref exists
    second = dict(data["outbound_trips"][0], ref="DR-2022-002")
    data["outbound_trips"].append(second)

    out, _err = run(write(tmp_path, data))

    assert OutboundTrip.objects.get(reference="DR-2022-001").decision_number == "123/QĐ-UBND"
    assert OutboundTrip.objects.get(reference="DR-2022-002").decision_number == "999/QĐ-UBND"
    assert "Đoàn ra: 1 tạo mới, 1 không đổi." in out
    assert Entry.objects.filter(action=Action.IMPORTED).count() == 5


def test_unknown_units_are_created_and_listed(example_file, unit_a):
    out, _err = run(example_file)

    created = Unit.objects.exclude(pk=unit_a.pk)
    assert sorted(created.values_list("name", flat=True)) == ["ICISE", "Sở Ngoại vụ"]
    assert Unit.objects.get(name="Sở Ngoại vụ").code == "SNV"
    assert "Đơn vị mới được tạo (2): Sở Ngoại vụ; ICISE." in out
    # Sở Công Thương was found, by name; a unit may also be named by its code.
    assert "Sở Công Thương" not in out.split("Đơn vị mới")[1]


def test_a_unit_is_found_by_its_code(tmp_path, unit_a):
    data = {"conferences": [dict(EXAMPLE["conferences"][0], unit="sct")]}

    out, _err = run(write(tmp_path, data))

    assert Conference.objects.get().unit == unit_a
    assert "Đơn vị mới" not in out


def _bad_file():
    data = copy.deepcopy(EXAMPLE)
    trip = data["outbound_trips"][0]
    trip["countries"] = ["FR", "XX"]
    visit = data["inbound_visits"][0]
    visit["end_date"] = "2022-05-30"  # before its start, 2022-06-01
    visit["guests"][0]["nationality"] = "ZZ"
    agreement = data["agreements"][0]
    del agreement["partner"]
    conference = data["conferences"][0]
    conference["start_date"] = "2022-02-30"
    # A second trip with the first one's ref.
    data["outbound_trips"].append(dict(EXAMPLE["outbound_trips"][0]))
    return data


def test_a_file_with_bad_records_is_rejected_whole_naming_each_ref_and_field(tmp_path, unit_a):
    before = counts()

    with pytest.raises(CommandError) as raised:
        out, err = io.StringIO(), io.StringIO()
        call_command("import_records", str(write(tmp_path, _bad_file())), stdout=out, stderr=err)

    assert "không hồ sơ nào được nhập" in str(raised.value)
    lines = err.getvalue().splitlines()
    assert (
        "Đoàn ra DR-2022-001: countries: không có mã quốc gia “XX” (ISO 3166, ví dụ FR)." in lines
    )
    assert "Đoàn ra DR-2022-001: ref: mã “DR-2022-001” xuất hiện hai lần trong tệp." in lines
    assert "Đoàn vào DV-2022-001: end_date: ngày kết thúc trước ngày bắt đầu." in lines
    assert any(line.startswith("Đoàn vào DV-2022-001: guests[1].nationality: ") for line in lines)
    assert "Thỏa thuận quốc tế TT-2023-001: partner: thiếu trường bắt buộc." in lines
    assert any(
        line.startswith("Hội nghị, hội thảo quốc tế HN-2022-001: start_date: “2022-02-30”")
        for line in lines
    )
    assert len(lines) == 6
    assert counts() == before


def test_one_bad_record_among_good_ones_keeps_the_good_ones_out_too(tmp_path):
    data = copy.deepcopy(EXAMPLE)
    data["conferences"][0]["end_date"] = "2022-07-01"

    with pytest.raises(importing.InvalidFile) as raised:
        importing.import_records(data, file_name="x.json")

    assert raised.value.errors == [
        "Hội nghị, hội thảo quốc tế HN-2022-001: end_date: ngày kết thúc trước ngày bắt đầu."
    ]
    assert not OutboundTrip.objects.exists()
    assert not Unit.objects.exists()
    assert not Entry.objects.filter(action=Action.IMPORTED).exists()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"status": "done"}, "status: “done” không thuộc: approved, rejected, withdrawn."),
        ({"ref": ""}, "ref: thiếu trường bắt buộc."),
        ({"participants": "nhiều"}, "participants: phải là số nguyên không âm."),
        ({"colour": "red"}, "colour: trường không được hỗ trợ."),
        ({"start_date": "10/07/2022x"}, "start_date: “10/07/2022x” không phải ngày hợp lệ"),
    ],
)
def test_each_bad_field_is_named(change, expected):
    data = {"conferences": [{**EXAMPLE["conferences"][0], **change}]}

    with pytest.raises(importing.InvalidFile) as raised:
        importing.import_records(data, file_name="x.json")

    assert len(raised.value.errors) == 1
    assert expected in raised.value.errors[0]


def test_a_missing_file_or_bad_json_is_an_error_not_a_crash(tmp_path):
    broken = tmp_path / "hong.json"
    broken.write_text("{not json", encoding="utf-8")

    with pytest.raises(CommandError):
        run(broken)
    with pytest.raises(CommandError):
        run(tmp_path / "khong-co.json")


@pytest.mark.parametrize(
    ("kind", "record", "status"),
    [
        ("outbound_trips", {"status": "rejected"}, Status.REJECTED),
        ("outbound_trips", {"status": "withdrawn"}, Status.WITHDRAWN),
        ("inbound_visits", {"status": "rejected"}, Status.REJECTED),
        ("conferences", {"status": "withdrawn"}, Status.WITHDRAWN),
        ("agreements", {"status": "refused", "signed_date": None}, AgreementStatus.REJECTED),
    ],
)
def test_statuses_that_never_count_are_kept_as_such(kind, record, status):
    data = {kind: [{**EXAMPLE[kind][0], **record}]}

    importing.import_records(data, file_name="x.json")

    model = importing.KINDS[kind].model
    assert model.objects.get().status == status


def test_a_trip_without_title_is_named_in_vietnamese_whatever_the_language_of_the_import():
    with translation.override("en"):
        importing.import_records({"outbound_trips": EXAMPLE["outbound_trips"]}, file_name="x")

    assert OutboundTrip.objects.get().title == "Đoàn Sở Công Thương đi Pháp, Đức"


def test_a_signed_agreement_needs_its_date():
    data = {"agreements": [{**EXAMPLE["agreements"][0], "signed_date": ""}]}

    with pytest.raises(importing.InvalidFile) as raised:
        importing.import_records(data, file_name="x.json")

    assert raised.value.errors == [
        "Thỏa thuận quốc tế TT-2023-001: signed_date: thỏa thuận đã ký phải có ngày ký."
    ]


def test_a_conference_counts_actual_participants_when_reported_else_planned():
    data = {
        "conferences": [
            {**EXAMPLE["conferences"][0], "participants": None, "participants_planned": 80},
            {
                **EXAMPLE["conferences"][0],
                "ref": "HN-2022-002",
                "participants": None,
                "participants_planned": 80,
                "participants_actual": 65,
            },
        ]
    }

    importing.import_records(data, file_name="x.json")

    planned, reported = Conference.objects.order_by("reference")
    assert (planned.participants_planned, planned.participants_actual) == (80, None)
    assert planned.participants == 80
    assert reported.participants == 65


# -- Excel -----------------------------------------------------------------------------------


def test_the_template_has_one_sheet_per_kind_with_its_columns(tmp_path):
    path = tmp_path / "mau.xlsx"

    out = io.StringIO()
    call_command("import_records", template=str(path), stdout=out)

    book = load_workbook(path)
    assert book.sheetnames == [
        "huong_dan",
        "outbound_trips",
        "members",
        "inbound_visits",
        "guests",
        "agreements",
        "conferences",
        "consular_cases",
        "persons",
        "ngo_projects",
        "ngo_meetings",
    ]
    assert [c.value for c in book["members"][1]] == ["trip_ref", "name", "position", "unit", "head"]
    # Empty: importing the template as it is imports nothing.
    assert all(book[name].max_row == 1 for name in importing.SHEETS)


def _fill_template(path):
    """Fill the template as a user would, with the DESIGN example's records."""
    book = load_workbook(path)
    rows = {
        "outbound_trips": {
            "ref": "DR-2022-001",
            "unit": "Sở Công Thương",
            "purpose": "Xúc tiến đầu tư",
            "countries": "FR, DE",
            "start_date": datetime.datetime(2022, 5, 10),  # an Excel date cell
            "end_date": "18/05/2022",
            "status": "approved",
        },
        "members": [
            {"trip_ref": "DR-2022-001", "name": "Nguyễn Văn A", "position": "PCT", "head": "x"},
            {"trip_ref": "DR-2022-001", "name": "Trần Thị B", "position": "Chuyên viên"},
        ],
        "inbound_visits": {
            "ref": "DV-2022-001",
            "unit": "SNV",
            "delegation": "Đoàn tỉnh Gyeonggi",
            "start_date": "2022-06-01",
            "end_date": "2022-06-03",
            "status": "approved",
        },
        "guests": [
            {"visit_ref": "DV-2022-001", "name": "Kim Min-jun", "nationality": "KR"},
            {
                "visit_ref": "DV-2022-001",
                "name": "Sato Yuki",
                "nationality": "JP",
                "passport": 123456789,
            },
        ],
        "conferences": {
            "ref": "HN-2022-001",
            "unit": "ICISE",
            "title": "Rencontres du Vietnam",
            "start_date": "2022-07-10",
            "end_date": "2022-07-16",
            "participants_actual": 120.0,
            "status": "approved",
        },
    }
    for name, records in rows.items():
        sheet = book[name]
        header = [c.value for c in sheet[1]]
        for record in records if isinstance(records, list) else [records]:
            sheet.append([record.get(column) for column in header])
    book.save(path)


def test_a_filled_template_imports_like_the_json(tmp_path, unit_a, focal_agency):
    path = tmp_path / "mau.xlsx"
    call_command("import_records", template=str(path), stdout=io.StringIO())
    _fill_template(path)

    out, _err = run(path)

    trip = OutboundTrip.objects.get()
    assert sorted(c.code for c in trip.countries) == ["DE", "FR"]
    assert (trip.start_date, trip.end_date) == (
        datetime.date(2022, 5, 10),
        datetime.date(2022, 5, 18),
    )
    assert [m.full_name for m in trip.members.all()] == ["Nguyễn Văn A", "Trần Thị B"]
    assert trip.head.full_name == "Nguyễn Văn A"
    visit = InboundVisit.objects.get()
    # The visit's countries come from its guests when the sheet leaves them out.
    assert sorted(c.code for c in visit.countries) == ["JP", "KR"]
    assert visit.guests.get(full_name="Sato Yuki").passport_number == "123456789"
    assert Conference.objects.get().participants == 120
    assert Entry.objects.filter(action=Action.IMPORTED).count() == 3
    assert visit.unit == focal_agency  # named by its code, SNV
    assert "Đơn vị mới được tạo (1): ICISE." in out

    again, _err = run(path)
    assert "Đoàn ra: 0 tạo mới, 1 không đổi." in again


def test_a_guest_row_whose_visit_is_not_in_the_file_is_named(tmp_path):
    path = tmp_path / "mau.xlsx"
    call_command("import_records", template=str(path), stdout=io.StringIO())
    book = load_workbook(path)
    book["guests"].append(["DV-KHONG-CO", "Kim Min-jun", "KR"])
    book.save(path)

    with pytest.raises(importing.InvalidFile) as raised:
        importing.import_records(importing.read_file(path), file_name=path.name)

    assert raised.value.errors == [
        "Trang guests, dòng 2: visit_ref: không có “DV-KHONG-CO” trong trang inbound_visits."
    ]


# -- Progress ------------------------------------------------------------------------------


def test_a_large_file_draws_a_progress_bar_on_stderr(tmp_path):
    conference = EXAMPLE["conferences"][0]
    data = {"conferences": [{**conference, "ref": f"HN-{n:04d}"} for n in range(120)]}

    out, err = run(write(tmp_path, data), progress=True)

    assert err.endswith("] 120/120\n")
    assert "\r[" in err
    assert "Hội nghị, hội thảo quốc tế: 120 tạo mới, 0 không đổi." in out


def test_a_small_file_draws_no_bar(example_file):
    _out, err = run(example_file, progress=True)

    assert err == ""


def test_new_visits_still_require_the_passport_expiry_and_date_of_birth():
    """Only imported guests may lack them (the model allows it since permits 0005)."""
    form = GuestForm(
        data={"full_name": "Kim Min-jun", "nationality": "KR", "passport_number": "M1234567"}
    )

    assert not form.is_valid()
    assert {"passport_expiry", "date_of_birth"} <= set(form.errors)
    required = {name for name, _heading, needed in guest_import.COLUMNS if needed}
    assert {"passport_expiry", "date_of_birth"} <= required


def test_imported_matters_open_on_their_pages_without_a_flow_behind_them(client, kiem):
    importing.import_records(EXAMPLE, file_name="x.json")
    client.force_login(kiem)

    for model in (OutboundTrip, InboundVisit, Agreement):
        record = model.objects.get()
        response = client.get(record.get_absolute_url())
        assert response.status_code == 200
        assert record.reference in response.content.decode()
