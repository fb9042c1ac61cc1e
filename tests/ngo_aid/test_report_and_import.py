"""Foreign NGO aid in the report (the ``ngo_aid`` section, the Word sentence), in the
import of past records, and in the demos."""

import datetime
import io
import json
from decimal import Decimal

import docx
import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from audit.models import Entry
from ngo_aid.models import AidProject, Disbursement, ForeignNGO, Meeting, Status
from reports import demo, figures, importing
from reports.documents import report_docx

pytestmark = pytest.mark.django_db
FROM, TO = datetime.date(2022, 1, 1), datetime.date(2023, 8, 31)


def aid(unit, user, donor, ref, *, decided, status=Status.COMPLETED, usd="1000", **fields):
    project = AidProject.objects.create(
        reference=ref,
        unit=unit,
        donor=donor,
        submitted_by=user,
        title=f"Dự án {ref}",
        start_date=decided,
        end_date=decided + datetime.timedelta(days=365),
        currency="USD",
        amount=Decimal(usd),
        amount_usd=Decimal(usd),
        status=status,
        decision_date=decided,
        decision_number=f"{ref}/QĐ-UBND",
        started_on=decided,
        **fields,
    )
    return project


def test_the_section_counts_aid_approved_in_the_period_and_only_that(unit_a, lan, donor):
    korean = ForeignNGO.objects.create(name="Korea Volunteers", country="KR")
    counted = [
        aid(unit_a, lan, donor, "A1", decided=FROM, usd="1000.50"),
        aid(unit_a, lan, korean, "A2", decided=TO, usd="999.49", status=Status.IMPLEMENTING),
        aid(unit_a, lan, donor, "A3", decided=FROM, usd="500", status=Status.APPROVED),
    ]
    aid(unit_a, lan, donor, "B1", decided=FROM - datetime.timedelta(days=1), usd="7")
    aid(unit_a, lan, donor, "B2", decided=TO + datetime.timedelta(days=1), usd="7")
    aid(unit_a, lan, donor, "B3", decided=FROM, usd="7", status=Status.LAPSED)
    aid(unit_a, lan, donor, "B4", decided=FROM, usd="7", status=Status.REJECTED)
    now = timezone.now()
    for on, amount in ((FROM, "100.40"), (TO, "200.20"), (TO + datetime.timedelta(days=1), "9")):
        Disbursement.objects.create(
            project=counted[0], disbursed_on=on, amount=Decimal(amount),
            amount_usd=Decimal(amount), recorded_at=now,
        )  # fmt: skip
    Meeting.objects.create(reference="M1", held_on=FROM, title="Gặp mặt")
    Meeting.objects.create(reference="M2", held_on=TO + datetime.timedelta(days=1), title="Sau")

    section = figures.compute(FROM, TO)["ngo_aid"]

    assert section == {
        "projects": 3,
        "value_usd": 2500,  # 1000.50 + 999.49 + 500 = 2499.99, in whole dollars
        "disbursed_usd": 301,  # 300.60
        "by_donor_country": {"US": 2, "KR": 1},
        "meetings": 1,
    }
    assert isinstance(section["value_usd"], int)


def test_the_command_prints_the_section_as_json(unit_a, lan, donor):
    aid(unit_a, lan, donor, "A1", decided=FROM, usd="1618804")
    out = io.StringIO()
    call_command("foreign_affairs_report", "--from", "2022-01-01", "--to", "2023-08-31", stdout=out)
    report = json.loads(out.getvalue())
    assert report["ngo_aid"]["projects"] == 1
    assert report["ngo_aid"]["value_usd"] == 1618804
    assert report["breakdowns"]["ngo_aid"]["by_donor"][0]["value_usd"] == 1618804


@pytest.fixture
def demo_records():
    return importing.import_records(demo.build(), file_name="demo")


def test_the_demo_records_give_the_seed_figures_and_the_word_report_writes_them(
    province, demo_records
):
    report = figures.full_report(FROM, TO)
    assert report["ngo_aid"]["projects"] == 14
    assert report["ngo_aid"]["value_usd"] == 1_618_804
    assert report["ngo_aid"]["meetings"] == 2
    # Rejected, withdrawn and lapsed aid of the period, and approvals a day outside it.
    assert AidProject.objects.filter(reference__startswith="VT-KT").count() == 5

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report_docx(report))).paragraphs)
    assert "14 chương trình, dự án, phi dự án mới, với tổng giá trị cam kết 1.618.804 USD" in text
    assert "02 cuộc gặp với các tổ chức phi chính phủ nước ngoài" in text


# -- Import ------------------------------------------------------------------------------------


def good_file():
    return {
        "ngo_projects": [
            {
                "ref": "VT-2022-101",
                "unit": "Sở Y tế",
                "donor": "Hope for Villages",
                "donor_name_vi": "Tổ chức Hy vọng cho làng quê",
                "donor_country": "GB",
                "title": "Nước sạch cho xã Nhơn Hải",
                "form": "project",
                "field": "environment",
                "start_date": "2022-03-01",
                "end_date": "2023-02-28",
                "currency": "EUR",
                "amount": "80000",
                "usd_rate": "1.1",
                "status": "approved",
                "decision_number": "512/QĐ-UBND",
                "decision_date": "2022-02-10",
                "disbursements": [{"date": "2022-04-01", "amount": "40000"}],
            }
        ],
        "ngo_meetings": [
            {
                "ref": "GM-2022-101",
                "date": "2022-11-18",
                "title": "Hội nghị gặp mặt các tổ chức PCPNN",
                "level": "province",
                "organisations": ["Hope for Villages"],
            }
        ],
    }


def test_an_import_creates_the_aid_its_donor_and_the_meeting_once(db):
    result = importing.import_records(good_file(), file_name="cu.json")

    assert result.created["ngo_projects"] == 1 and result.created["ngo_meetings"] == 1
    project = AidProject.objects.get(reference="VT-2022-101")
    assert project.imported and project.status == Status.COMPLETED
    assert project.amount_usd == Decimal("88000.00")
    assert project.donor.country.code == "GB"
    assert project.disbursed_usd == Decimal("44000.00")
    meeting = Meeting.objects.get(reference="GM-2022-101")
    assert list(meeting.organisations.all()) == [project.donor]
    assert Entry.objects.filter(action="imported").count() == 2

    again = importing.import_records(good_file(), file_name="cu.json")
    assert again.total_created == 0 and again.unchanged["ngo_projects"] == 1
    assert ForeignNGO.objects.count() == 1


def test_one_bad_aid_record_rejects_the_whole_file_naming_each_fault(db):
    data = good_file()
    data["ngo_projects"].append(
        {
            **data["ngo_projects"][0],
            "ref": "VT-2022-102",
            "currency": "EURO",
            "amount": "abc",
            "donor_country": "XX",
        }
    )
    data["ngo_projects"].append({**data["ngo_projects"][0], "ref": "VT-2022-101"})
    data["ngo_meetings"][0]["organisations"] = ["Unknown Friends"]

    with pytest.raises(importing.InvalidFile) as raised:
        importing.import_records(data, file_name="xau.json")

    errors = "\n".join(raised.value.errors)
    assert "Viện trợ PCPNN VT-2022-102: currency:" in errors
    assert "Viện trợ PCPNN VT-2022-102: amount:" in errors
    assert "Viện trợ PCPNN VT-2022-102: donor_country:" in errors
    assert "VT-2022-101: ref: mã “VT-2022-101” xuất hiện hai lần" in errors
    assert "GM-2022-101: organisations: không có tổ chức “Unknown Friends”" in errors
    assert not AidProject.objects.exists() and not Meeting.objects.exists()
    assert not ForeignNGO.objects.exists()


def test_the_command_imports_a_json_file(tmp_path, db):
    path = tmp_path / "cu.json"
    path.write_text(json.dumps(good_file()), encoding="utf-8")
    out = io.StringIO()
    call_command("import_records", str(path), stdout=out)
    assert "Viện trợ PCPNN: 1 tạo mới" in out.getvalue()
    assert AidProject.objects.filter(reference="VT-2022-101").exists()


def test_the_live_demo_stops_at_every_step_and_loads_once(db):
    from organizations import demo as people
    from workdays import calendar
    from workflows import demo_ngo_aid

    out = io.StringIO()
    people.load(out)
    calendar.load_demo(out)
    demo_ngo_aid.load(out)
    demo_ngo_aid.load(out)
    projects = AidProject.objects.filter(imported=False)
    assert projects.count() == len(demo_ngo_aid.PROJECTS)
    assert {p.status for p in projects} >= {
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.RETURNED,
        Status.CONSULTING,
        Status.SYNTHESIS,
        Status.AWAITING_APPROVAL,
        Status.APPROVED,
        Status.IMPLEMENTING,
    }
    under_way = projects.get(status=Status.IMPLEMENTING)
    assert under_way.disbursements.count() == 1
    # under way after its decision was signed and registered by the clerk (ADR 0012)
    assert under_way.decision_number.endswith("/QĐ-UBND")
    assert projects.get(status=Status.APPROVED).decision_number == ""


def test_a_json_file_s_numbers_are_read_as_decimals_never_as_floats(tmp_path, db):
    # 16 digits and the cents: read as a float, the amount would be 1234567890123456.8.
    data = good_file()
    data["ngo_projects"][0].update({"currency": "VND", "amount": "AMOUNT", "usd_rate": "RATE"})
    data["ngo_projects"][0]["disbursements"] = [{"date": "2022-04-01", "amount": "PART"}]
    text = json.dumps(data, ensure_ascii=False)
    numbers = {"AMOUNT": "1234567890123456.78", "RATE": "0.00003935", "PART": "0.1"}
    for name, number in numbers.items():
        text = text.replace(f'"{name}"', number)  # JSON numbers, not strings
    path = tmp_path / "so-lon.json"
    path.write_text(text, encoding="utf-8")

    record = importing.read_file(path)["ngo_projects"][0]
    assert record["amount"] == Decimal("1234567890123456.78")
    assert record["usd_rate"] == Decimal("0.00003935")
    call_command("import_records", str(path), stdout=io.StringIO())

    project = AidProject.objects.get(reference="VT-2022-101")
    assert project.usd_rate == Decimal("0.00003935")
    assert project.disbursements.get().amount == Decimal("0.10")
    if connection.vendor == "postgresql":  # SQLite keeps 15 significant digits at most
        assert project.amount == Decimal("1234567890123456.78")
        assert project.amount_usd == Decimal("48580246476.36")  # × 0.00003935, half up
