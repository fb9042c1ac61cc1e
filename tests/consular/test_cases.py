"""Consular cases: recorded, notified, moved on and closed by the focal agency's reviewers,
each step atomic with its audit entry and notifications; personal data encrypted."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from audit.models import Action, Entry
from consular import services
from consular.models import CasePerson, ConsularCase, Group, Status
from notifications.models import Notification
from organizations.models import Role

pytestmark = pytest.mark.django_db

LIST = "/lanh-su/"
CREATE = "/lanh-su/moi/"


def _persons(*rows) -> dict:
    data = {
        "person-TOTAL_FORMS": "5",
        "person-INITIAL_FORMS": "0",
        "person-MIN_NUM_FORMS": "0",
        "person-MAX_NUM_FORMS": "50",
    }
    for n, (name, document, born) in enumerate(rows):
        data |= {
            f"person-{n}-full_name": name,
            f"person-{n}-document_number": document,
            f"person-{n}-date_of_birth": born,
        }
    return data


FISHERMEN = {
    "group": "fishermen",
    "incident": "arrest",
    "occurred_on": "2026-11-20",
    "sea_area": "Vùng biển Indonesia",
    "people_count": "12",
    "vessel_number": "BĐ 97125 TS",
    "vessel_owner": "Trương Văn Sáu",
    "home_port": "Cảng cá Tam Quan",
}
FOREIGNER = {
    "group": "foreigner",
    "incident": "accident",
    "occurred_on": "2026-11-25",
    "nationality": "FR",
    "place": "Quy Nhơn",
    "people_count": "1",
    "representation": "Tổng Lãnh sự quán Pháp tại TP. Hồ Chí Minh",
}


def record(client, user, fields, *persons):
    client.force_login(user)
    return client.post(CREATE, {**fields, **_persons(*persons)})


def actions(case) -> list[str]:
    entries = Entry.objects.filter(subject_id=str(case.pk), subject_type__model="consularcase")
    return list(entries.order_by("seq").values_list("action", flat=True))


@pytest.fixture
def fishermen_case(client, province, hoa, tuan):
    response = record(client, hoa, FISHERMEN, ("Trương Văn Bảy", "079123456789", "1980-03-04"))
    assert response.status_code == 302, response.content.decode()[:2000]
    return ConsularCase.objects.get()


def test_a_reviewer_records_a_fisherman_case_and_the_department_is_told(fishermen_case, tuan):
    case = fishermen_case
    assert case.group == Group.FISHERMEN
    assert case.status == Status.DETAINED  # fishermen detained abroad start detained
    assert case.reference.startswith("LS-2026-")
    assert actions(case) == [Action.CREATED]
    told = Notification.objects.filter(recipient=tuan, event="consular_case")
    assert told.count() == 1


def test_personal_data_is_encrypted_and_shown_masked(client, fishermen_case, hoa):
    person = CasePerson.objects.get()
    assert person.full_name == "Trương Văn Bảy"
    assert person.document_number == "079123456789"
    assert person.date_of_birth == datetime.date(1980, 3, 4)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM consular_caseperson")
        stored = " ".join(str(value) for value in cursor.fetchone())
        cursor.execute("SELECT vessel_owner_encrypted FROM consular_consularcase")
        owner = cursor.fetchone()[0]
    assert "Trương" not in stored and "079123456789" not in stored and "1980" not in stored
    assert "Sáu" not in owner and fishermen_case.vessel_owner == "Trương Văn Sáu"

    page = client.get(fishermen_case.get_absolute_url()).content.decode()
    assert "T*** V*** B***" in page and "079****89" in page
    assert "Trương Văn Bảy" not in page and "079123456789" not in page
    assert "T*** V*** S***" in page and "Trương Văn Sáu" not in page  # the vessel's owner
    listing = client.get(LIST).content.decode()
    assert fishermen_case.reference in listing
    assert "Trương" not in listing and "079123456789" not in listing


def test_a_reveal_shows_the_person_in_full_and_is_audited(client, fishermen_case, hoa):
    person = CasePerson.objects.get()
    url = f"{fishermen_case.get_absolute_url()}nguoi/{person.pk}/xem/"

    page = client.post(url).content.decode()

    assert "Trương Văn Bảy" in page and "079123456789" in page
    assert actions(fishermen_case)[-1] == Action.PERSONAL_DATA_VIEWED


def test_the_status_follows_the_fishermen_home_and_the_case_closes(client, fishermen_case, hoa):
    url = fishermen_case.get_absolute_url()

    assert client.post(f"{url}tinh-trang/", {"status": "released"}).status_code == 302
    assert client.post(f"{url}tinh-trang/", {"status": "repatriated"}).status_code == 302
    response = client.post(f"{url}ket-thuc/", {"resolution": "12 ngư dân đã về nước an toàn."})
    assert response.status_code == 302

    fishermen_case.refresh_from_db()
    assert fishermen_case.status == Status.CLOSED
    assert fishermen_case.closed_on == timezone.localdate()
    assert actions(fishermen_case) == [Action.CREATED, *[Action.UPDATED] * 3]
    payloads = Entry.objects.filter(action=Action.UPDATED).order_by("seq")
    assert [e.payload["step"] for e in payloads] == ["status_changed", "status_changed", "closed"]


def test_a_status_going_back_is_refused_and_nothing_is_saved(client, fishermen_case, hoa):
    url = fishermen_case.get_absolute_url()
    client.post(f"{url}tinh-trang/", {"status": "repatriated"})

    response = client.post(f"{url}tinh-trang/", {"status": "detained"})

    assert response.status_code == 400
    fishermen_case.refresh_from_db()
    assert fishermen_case.status == Status.REPATRIATED
    assert len(actions(fishermen_case)) == 2


def test_a_foreigners_case_closes_only_after_the_ministry_was_told(client, province, hoa):
    record(client, hoa, FOREIGNER, ("Pierre MARTIN", "12AB34567", "1975-01-02"))
    case = ConsularCase.objects.get()
    url = case.get_absolute_url()

    refused = client.post(f"{url}ket-thuc/", {"resolution": "Đã về nước."})
    assert refused.status_code == 400
    assert "Cục Lãnh sự" in refused.content.decode()
    case.refresh_from_db()
    assert case.status == Status.RECORDED

    notice = {"target": "ministry", "at": "2026-11-25T10:30", "document": "Điện thoại, 15/SNV-LS"}
    assert client.post(f"{url}bao-ngay/", notice).status_code == 302
    assert client.post(f"{url}ket-thuc/", {"resolution": "Đã về nước."}).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert timezone.localtime(case.ministry_notified_at).strftime("%H:%M %d/%m/%Y") == (
        "10:30 25/11/2026"
    )
    assert case.ministry_notice == "Điện thoại, 15/SNV-LS"


def test_the_police_record_a_foreigners_case_but_not_a_fishermans(client, province, dung, hoa):
    assert record(client, dung, FOREIGNER, ("Pierre MARTIN", "", "")).status_code == 302
    case = ConsularCase.objects.get()
    assert case.unit == province.security_agency
    assert Notification.objects.filter(recipient=hoa, event="consular_case").exists()

    refused = record(client, dung, FISHERMEN)
    assert refused.status_code == 400
    assert ConsularCase.objects.count() == 1
    # The police see foreigners' cases, and may not update them.
    assert client.get(case.get_absolute_url()).status_code == 200
    response = client.post(f"{case.get_absolute_url()}cap-nhat/", {"comment": "Đã xác minh."})
    assert response.status_code == 403


def test_the_police_do_not_see_citizens_cases(client, fishermen_case, dung):
    client.force_login(dung)
    assert client.get(fishermen_case.get_absolute_url()).status_code == 404
    assert fishermen_case.reference not in client.get(LIST).content.decode()


def test_auditors_read_and_may_not_update(client, fishermen_case, kiem):
    client.force_login(kiem)
    url = fishermen_case.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.post(f"{url}tinh-trang/", {"status": "released"}).status_code == 403
    person = CasePerson.objects.get()
    assert client.post(f"{url}nguoi/{person.pk}/xem/").status_code == 403
    fishermen_case.refresh_from_db()
    assert fishermen_case.status == Status.DETAINED


@pytest.mark.parametrize("who", ["lan", "minh", "pho", "thao"])
def test_units_and_others_see_nothing(client, fishermen_case, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(LIST).status_code == 403
    assert client.get(CREATE).status_code == 403
    assert client.get(fishermen_case.get_absolute_url()).status_code == 404
    update = f"{fishermen_case.get_absolute_url()}cap-nhat/"
    assert client.post(update, {"comment": "x"}).status_code == 404


def test_a_bad_form_keeps_what_was_typed_and_says_why(client, province, hoa):
    data = {**FISHERMEN, "vessel_number": "", "occurred_on": "2099-01-01"}
    response = record(client, hoa, data, ("Trương Văn Bảy", "", ""))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Hãy ghi số hiệu tàu cá." in page
    assert "Ngày xảy ra không được ở tương lai." in page
    assert "Trương Văn Bảy" in page  # the typed rows come back
    assert ConsularCase.objects.count() == 0


def test_a_step_on_a_closed_case_is_refused(province, hoa):
    case = services.record_case(
        actor=hoa,
        role=Role.DEPARTMENT_REVIEWER,
        fields={**FISHERMEN, "occurred_on": datetime.date(2026, 11, 1), "people_count": 3},
        persons=[],
    )
    services.close_case(case, actor=hoa, resolution="Đã về nước.")
    with pytest.raises(Exception, match="đã kết thúc"):
        services.add_note(case, actor=hoa, comment="Thêm")


def test_the_notice_to_the_foreign_representation_is_recorded(client, province, hoa):
    record(client, hoa, {**FOREIGNER, "representation": ""}, ("Pierre MARTIN", "", ""))
    case = ConsularCase.objects.get()
    url = f"{case.get_absolute_url()}bao-ngay/"
    notice = {"target": "representation", "at": "2026-11-25T11:00", "document": "Thư điện tử"}

    refused = client.post(url, notice)
    assert refused.status_code == 400
    assert "Hãy ghi tên cơ quan đại diện." in refused.content.decode()
    case.refresh_from_db()
    assert case.representation_notified_at is None

    consulate = "Tổng Lãnh sự quán Pháp tại TP. Hồ Chí Minh"
    assert client.post(url, {**notice, "representation": consulate}).status_code == 302
    case.refresh_from_db()
    assert (case.representation, case.representation_notice) == (consulate, "Thư điện tử")
    assert timezone.localtime(case.representation_notified_at).strftime("%H:%M") == "11:00"
    entry = Entry.objects.filter(action=Action.UPDATED).latest("seq")
    assert entry.payload["step"] == "representation_notified"
