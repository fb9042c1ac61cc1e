"""Official and diplomatic passports: the hand-out sheet (the page and its Word file, once
the decision is issued) and the decision's list, the hand-back within 5 working days of
the return (Art. 23, Law 49/2019/QH14), a reminder then an escalation, and the warning
about a passport expiring within 6 months of the return.

minh (unit A head) travels on lan's trip; hoa (focal agency) hands the passports out;
tuan heads the focal agency.
"""

import datetime
import io

import docx
import pytest
from django.urls import reverse

from audit.models import Entry
from config.celery import app
from notifications.models import Notification
from people import services
from permits import passports
from permits.models import Status, TripPassport
from permits.policy import warnings_for

from .helpers import person, trip_with

pytestmark = pytest.mark.django_db

Y = datetime.date
# The trip comes back on Friday 11/12/2026; five working days later is Friday 18/12.
RETURN = Y(2026, 12, 11)
DUE = Y(2026, 12, 18)


@pytest.fixture
def cast(province, lan, minh, hoa, tuan, long):
    return province


@pytest.fixture
def traveller(minh, unit_a, focal_agency):
    official = person("Lê Quang Minh", born=Y(1972, 6, 1), unit=unit_a)
    official.staff_profile = minh.profile
    official.save()
    services.add_passport(
        official,
        actor=None,
        kind="official",
        number="C7654321",
        issued_on=Y(2022, 2, 1),
        expires_on=Y(2032, 2, 1),
        kept_by=focal_agency,
    )
    return official


@pytest.fixture
def trip(cast, unit_a, lan, traveller):
    start = RETURN - datetime.timedelta(days=4)
    return trip_with(
        unit_a,
        lan,
        traveller,
        start=start,
        days=5,
        status=Status.ISSUED,
        decision_number="1234/QĐ-UBND",
        decision_date=Y(2026, 11, 20),
    )


def hand_out(client, hoa, trip):
    client.force_login(hoa)
    passport = trip.members.get().person.passports.get()
    url = reverse("outbound_passports", args=[trip.pk])
    assert client.post(url, {"passport": [passport.pk]}).status_code == 302
    return TripPassport.objects.get(trip=trip)


def told(event):
    return sorted(n.recipient.username for n in Notification.objects.filter(event=event))


def test_the_focal_agency_hands_out_the_passports_the_sheet_lists(client, trip, hoa):
    client.force_login(hoa)
    page = client.get(reverse("outbound_passports", args=[trip.pk])).content.decode()
    assert "C76****21" in page and "C7654321" not in page
    record = hand_out(client, hoa, trip)
    assert (record.handed_out_on, record.due_back_on) == (Y(2026, 12, 1), DUE)
    assert Entry.objects.filter(action="passport_handed_out", subject_id=str(trip.pk)).exists()


def test_the_return_limit_is_a_setting(client, trip, hoa, settings):
    settings.WORKFLOW_DEADLINES = {**settings.WORKFLOW_DEADLINES, passports.STEP_KEY: "3 working"}
    assert hand_out(client, hoa, trip).due_back_on == Y(2026, 12, 16)


@pytest.mark.parametrize("who", ["lan", "minh", "long"])
def test_only_the_focal_agency_keeps_the_sheet(client, trip, request, who):
    client.force_login(request.getfixturevalue(who))
    expected = 404 if who == "long" else 403
    assert client.get(reverse("outbound_passports", args=[trip.pk])).status_code == expected
    assert not TripPassport.objects.exists()


def test_a_passport_not_handed_back_is_reminded_then_escalated(client, trip, hoa):
    record = hand_out(client, hoa, trip)

    assert passports.remind_passports(today=DUE - datetime.timedelta(days=1)) == {
        "reminded": 0,
        "escalated": 0,
    }
    passports.remind_passports(today=DUE)
    assert told("passport_return_due") == ["lan", "minh"]
    assert told("passport_return_overdue") == []

    passports.remind_passports(today=DUE + datetime.timedelta(days=1))
    passports.remind_passports(today=DUE + datetime.timedelta(days=3))  # sent once
    assert told("passport_return_due") == ["lan", "minh"]
    assert told("passport_return_overdue") == ["minh", "tuan"]

    client.post(reverse("outbound_passports", args=[trip.pk]), {"hand_back": record.pk})
    record.refresh_from_db()
    assert record.handed_back_on == Y(2026, 12, 1)
    assert Entry.objects.filter(action="passport_handed_back").exists()


def test_a_passport_handed_back_in_time_raises_nothing(client, trip, hoa):
    record = hand_out(client, hoa, trip)
    passports.hand_back(record, actor=hoa, on=DUE - datetime.timedelta(days=2))
    assert passports.remind_passports(today=DUE + datetime.timedelta(days=5)) == {
        "reminded": 0,
        "escalated": 0,
    }
    assert not Notification.objects.filter(event__startswith="passport").exists()


def test_celery_beat_runs_the_reminder_every_morning():
    schedule = app.conf.beat_schedule["permits-passport-reminders"]
    assert schedule["task"] == "permits.remind_passports"


def test_a_passport_expiring_within_six_months_of_the_return_is_warned(trip, traveller):
    assert warnings_for(trip) == []
    traveller.passports.update(expires_on=Y(2027, 6, 10))
    assert warnings_for(trip) == [
        "Hộ chiếu của Lê Quang Minh hết hạn ngày 10/06/2027, chưa đủ 6 tháng kể từ ngày về "
        "(11/12/2026)."
    ]
    traveller.passports.update(expires_on=Y(2027, 6, 11))
    assert warnings_for(trip) == []


def sheet_text(response) -> tuple[str, list[list[str]]]:
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    table = document.tables[-2]  # the grid; the signature row comes after it
    return text, [[cell.text for cell in row.cells] for row in table.rows]


def test_the_hand_out_sheet_lists_each_member_s_passport_and_the_dates_recorded(client, trip, hoa):
    record = hand_out(client, hoa, trip)
    passports.hand_back(record, actor=hoa, on=Y(2026, 12, 14))
    response = client.get(reverse("outbound_passport_sheet", args=[trip.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text, rows = sheet_text(response)
    assert "PHIẾU GIAO, NHẬN HỘ CHIẾU" in text
    assert f"Đoàn: {trip.title}" in text
    assert "số 1234/QĐ-UBND ngày 20/11/2026" in text
    assert "chậm nhất ngày 18/12/2026" in text
    assert rows[0] == [
        "STT",
        "Họ và tên",
        "Loại hộ chiếu",
        "Số hộ chiếu",
        "Ngày giao",
        "Người nhận ký",
        "Ngày nộp lại",
        "Người nộp ký",
    ]
    assert rows[1] == [
        "1",
        "Lê Quang Minh",
        "Công vụ",
        "C7654321",
        "01/12/2026",
        "",
        "14/12/2026",
        "",
    ]
    viewed = Entry.objects.get(action="personal_data_viewed", subject_id=str(trip.pk))
    assert viewed.payload["document"] == "passport_sheet"


def test_the_sheet_waits_for_the_decision_to_be_issued(client, trip, hoa):
    trip.status = Status.APPROVED  # approved, the decision not yet signed and registered
    trip.save(update_fields=["status"])
    client.force_login(hoa)
    response = client.get(reverse("outbound_passport_sheet", args=[trip.pk]), follow=True)
    assert "sau khi quyết định cử đoàn được ban hành" in response.content.decode()
    assert client.post(reverse("outbound_passports", args=[trip.pk]), {"passport": ["1"]})
    assert not TripPassport.objects.exists()
    assert not Entry.objects.filter(action="personal_data_viewed").exists()


def test_a_passport_handed_out_stays_on_the_sheet_when_the_member_gets_a_newer_one(
    client, trip, hoa, traveller
):
    record = hand_out(client, hoa, trip)
    services.add_passport(
        traveller,
        actor=None,
        kind="diplomatic",
        number="N1122334",
        issued_on=Y(2026, 12, 2),
        expires_on=Y(2036, 12, 2),
    )
    [row] = passports.sheet(trip)
    assert (row["passport"], row["record"]) == (record.passport, record)
    _text, rows = sheet_text(client.get(reverse("outbound_passport_sheet", args=[trip.pk])))
    assert rows[1][2:4] == ["Công vụ", "C7654321"]


# -- the rule cited and the decision ---------------------------------------------------------

LAW = "Điều 23 Luật Xuất cảnh, nhập cảnh của công dân Việt Nam"


def test_the_sheet_states_the_configured_limit_and_cites_the_law(client, trip, hoa, settings):
    settings.WORKFLOW_DEADLINES = {**settings.WORKFLOW_DEADLINES, passports.STEP_KEY: "3 working"}
    client.force_login(hoa)
    page = client.get(reverse("outbound_passports", args=[trip.pk])).content.decode()
    assert "chậm nhất ngày 16/12/2026 (3 ngày làm việc kể từ ngày nhập cảnh" in page
    assert LAW in page and "05 ngày làm việc" not in page
    text, _rows = sheet_text(client.get(reverse("outbound_passport_sheet", args=[trip.pk])))
    assert "chậm nhất ngày 16/12/2026 (trong thời hạn 3 ngày làm việc kể từ ngày nhập cảnh" in text
    assert LAW in text


def decision_lines(trip):
    from permits.documents import decision_docx

    document = docx.Document(
        io.BytesIO(decision_docx(trip, number=None, signed_on=None, signer=None))
    )
    rows = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    return "\n".join(p.text for p in document.paragraphs), rows


def test_the_decision_lists_the_passports_to_hand_out(trip, unit_a, lan):
    text, rows = decision_lines(trip)
    assert rows == [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Hộ chiếu được giao", "Ghi chú"],
        ["1", "Lê Quang Minh", "Chuyên viên", "Sở Công Thương", "Hộ chiếu công vụ", "Trưởng đoàn"],
    ]
    assert (
        "giao hộ chiếu ngoại giao, hộ chiếu công vụ cho các thành viên theo danh sách kèm theo"
        in text
    )
    assert "trong thời hạn 5 ngày làm việc kể từ ngày nhập cảnh" in text and LAW in text
    # A delegation without official passports keeps the plain list and no such clause.
    plain = trip_with(unit_a, lan, person("Đỗ Văn Hùng", born=Y(1980, 1, 1), unit=unit_a))
    text, rows = decision_lines(plain)
    assert rows[0] == ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Ghi chú"]
    assert "giao hộ chiếu" not in text
