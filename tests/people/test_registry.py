"""The registry of persons: namesakes are two persons, one person typed two ways is merged
into one by the focal agency, and the policy checks and the report count persons.

lan (unit A staff) files trips; hoa reviews for the focal agency; long (unit B) must see
nothing of unit A's persons; kiem audits.
"""

import datetime

import pytest
from django.urls import reverse

from audit.models import Entry
from people import services
from people.models import Person
from permits.models import Status, TripMember
from permits.policy import warnings_for
from reports import figures

from .helpers import person, trip_with

pytestmark = pytest.mark.django_db

VICE = "vice_chairman"
Y = datetime.date


@pytest.fixture
def cast(province, lan, long, minh, hoa, tuan, dung, kiem, vo):
    return province


@pytest.fixture
def namesakes(unit_a):
    """Two officials named Nguyễn Văn An, of the same unit, born ten years apart."""
    older = person("Nguyễn Văn An", born=Y(1970, 5, 2), unit=unit_a, leader_level=VICE)
    younger = person("Nguyễn Văn An", born=Y(1980, 9, 1), unit=unit_a, leader_level=VICE)
    return older, younger


# -- policy checks ---------------------------------------------------------------------------


def test_a_namesakes_trips_do_not_make_a_third_trip(unit_a, lan, namesakes):
    older, younger = namesakes
    for month in (3, 5):
        trip_with(unit_a, lan, older, start=Y(2026, month, 2), status=Status.APPROVED)
    assert warnings_for(trip_with(unit_a, lan, younger, start=Y(2026, 8, 3))) == []
    third = trip_with(unit_a, lan, older, start=Y(2026, 9, 7))
    assert [w for w in warnings_for(third) if "chuyến thứ 3" in w] == [
        "Nguyễn Văn An (Phó Chủ tịch UBND tỉnh) đã đi công tác nước ngoài 2 lần trong năm "
        "2026; đây là chuyến thứ 3."
    ]


def test_a_namesake_on_an_overlapping_trip_is_no_overlap(unit_a, lan, namesakes):
    older, younger = namesakes
    other = trip_with(unit_a, lan, older, start=Y(2026, 3, 9), status=Status.APPROVED)
    assert warnings_for(trip_with(unit_a, lan, younger, start=Y(2026, 3, 10))) == []
    same = warnings_for(trip_with(unit_a, lan, older, start=Y(2026, 3, 10)))
    assert any(other.reference in w for w in same)


# -- the report ------------------------------------------------------------------------------


def by_person():
    rows = figures.breakdowns(Y(2026, 1, 1), Y(2026, 12, 31))["outbound_trips"]["by_person"]
    return {row["label"]: row["count"] for row in rows}


def test_the_report_counts_namesakes_as_two_persons(unit_a, lan, namesakes):
    older, younger = namesakes
    trip_with(unit_a, lan, older, start=Y(2026, 3, 2), status=Status.APPROVED)
    trip_with(unit_a, lan, older, start=Y(2026, 5, 4), status=Status.APPROVED)
    trip_with(unit_a, lan, younger, start=Y(2026, 6, 1), status=Status.APPROVED)
    assert by_person() == {"Nguyễn Văn An (02/05/1970)": 2, "Nguyễn Văn An (01/09/1980)": 1}


# -- merging one person typed two ways -------------------------------------------------------


@pytest.fixture
def typed_twice(unit_a):
    """One official typed with and without accents, on two trips of March 2026."""
    first = person("Trần Văn Bình", unit=unit_a, leader_level=VICE)
    second = person("Tran  Van Binh", born=Y(1975, 1, 3), unit=unit_a, leader_level=VICE)
    return first, second


def test_the_focal_agency_merges_a_person_typed_two_ways_and_the_counts_follow(
    client, cast, unit_a, lan, hoa, typed_twice
):
    first, second = typed_twice
    trip_with(unit_a, lan, first, start=Y(2026, 3, 2), status=Status.APPROVED)
    trip_with(unit_a, lan, second, start=Y(2026, 5, 4), status=Status.APPROVED)
    fourth = trip_with(unit_a, lan, first, start=Y(2026, 9, 7))
    assert by_person() == {"Trần Văn Bình": 1, "Tran  Van Binh (03/01/1975)": 1}
    assert not any("chuyến thứ" in w for w in warnings_for(fourth))

    client.force_login(hoa)
    page = client.get(reverse("person_detail", args=[first.pk])).content.decode()
    assert 'data-testid="merge-form"' in page and "Tran  Van Binh" in page  # a namesake
    response = client.post(
        reverse("person_merge", args=[first.pk]),
        {"duplicate": second.pk, "comment": "Gõ không dấu"},
    )

    assert response.status_code == 302
    assert not Person.objects.filter(pk=second.pk).exists()
    assert TripMember.objects.filter(person=first).count() == 3
    assert by_person() == {"Trần Văn Bình (03/01/1975)": 2}
    assert any("chuyến thứ 3" in w for w in warnings_for(fourth))
    entry = Entry.objects.get(action="merged")
    assert entry.payload["kept"] == first.pk and entry.payload["merged"] == second.pk
    assert entry.actor == hoa


@pytest.mark.parametrize("who", ["lan", "minh", "dung"])
def test_only_the_focal_agency_merges(client, cast, unit_a, typed_twice, request, who):
    first, second = typed_twice
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("person_merge", args=[first.pk]), {"duplicate": second.pk})
    assert response.status_code == 403
    assert Person.objects.filter(pk=second.pk).exists()
    assert not Entry.objects.filter(action="merged").exists()


def test_the_party_committee_flag_is_the_focal_agencys(client, cast, unit_a, lan, hoa):
    official = person("Võ Thị Hạnh", unit=unit_a)
    url = reverse("person_flag", args=[official.pk])
    client.force_login(lan)
    assert client.post(url, {"managed": "1"}).status_code == 403
    client.force_login(hoa)
    assert client.post(url, {"managed": "1"}).status_code == 302
    official.refresh_from_db()
    assert official.is_party_committee_managed
    # A member chosen from the registry carries it to the trip: a Party opinion is due.
    trip = submit_with(client, lan, **{"members-1-person_id": str(official.pk)})
    assert trip.members.get(order=2).is_party_committee_managed
    assert trip.needs_party_opinion


def test_the_unit_neither_sets_nor_clears_the_registry_flag(client, cast, unit_a, lan, hoa):
    plain = person("Võ Thị Hạnh", born=Y(1979, 3, 3), unit=unit_a)
    flagged = person("Phan Văn Đức", born=Y(1968, 8, 8), unit=unit_a)
    services.set_party_committee_managed(flagged, actor=hoa, managed=True)
    # The unit ticks the box for one and leaves it empty for the other.
    trip = submit_with(
        client,
        lan,
        **{
            "members-1-person_id": str(plain.pk),
            "members-1-is_party_committee_managed": "on",
            "members-0-person_id": str(flagged.pk),
        },
    )
    plain.refresh_from_db()
    flagged.refresh_from_db()
    assert (plain.is_party_committee_managed, flagged.is_party_committee_managed) == (False, True)
    # On the trip, the unit may add a Party opinion, never drop the focal agency's flag.
    assert trip.members.get(person=plain).is_party_committee_managed
    assert trip.members.get(person=flagged).is_party_committee_managed
    assert Entry.objects.filter(action="updated", payload__person=flagged.pk).count() == 1


def test_the_focal_agency_links_a_person_to_the_staff_account(client, cast, unit_a, lan, minh, hoa):
    official = person("Lê Quang Minh", born=Y(1972, 6, 1), unit=unit_a)
    namesake = person("Lê Quang Minh", born=Y(1990, 1, 1), unit=unit_a)
    url = reverse("person_account", args=[official.pk])
    client.force_login(lan)
    assert client.post(url, {"staff_profile": minh.profile.pk}).status_code == 403
    official.refresh_from_db()
    assert official.staff_profile is None

    client.force_login(hoa)
    assert client.post(url, {"staff_profile": minh.profile.pk}).status_code == 302
    official.refresh_from_db()
    assert official.staff_profile == minh.profile
    entry = Entry.objects.get(action="updated", payload__person=official.pk)
    assert entry.actor == hoa and entry.payload["staff_profile"] == minh.profile.pk
    page = client.get(official.get_absolute_url()).content.decode()
    assert f'data-testid="account">{minh.username}' in page

    # One account is one person: linking it to the namesake too is refused, in words.
    response = client.post(
        reverse("person_account", args=[namesake.pk]), {"staff_profile": minh.profile.pk}
    )
    assert response.status_code == 400
    assert "Tài khoản này đã gắn với cá nhân khác" in response.content.decode()
    namesake.refresh_from_db()
    assert namesake.staff_profile is None

    # Unlinked with an empty choice, audited again.
    assert client.post(url, {"staff_profile": ""}).status_code == 302
    official.refresh_from_db()
    assert official.staff_profile is None
    assert Entry.objects.filter(action="updated", payload__person=official.pk).count() == 2


def test_the_focal_agency_corrects_a_persons_details(client, cast, unit_a, unit_b, lan, hoa):
    official = person(
        "Le Quang Minh", born=Y(1972, 6, 1), unit=unit_a, identity="052072001234", position="PGĐ"
    )
    url = reverse("person_edit", args=[official.pk])
    fields = {
        "full_name": "Lê  Quang Minh",
        "date_of_birth": "01/06/1973",
        "sex": "male",
        "identity_number": "",
        "position": "Giám đốc Sở",
        "leader_level": "department_head",
        "unit": unit_b.pk,
    }
    # The unit that added the person may not rewrite the registry's record.
    client.force_login(lan)
    assert client.get(url).status_code == 403
    assert client.post(url, fields).status_code == 403

    client.force_login(hoa)
    form = client.get(url).content.decode()
    assert 'value="Le Quang Minh"' in form and "052072001234" not in form
    assert client.post(url, fields).status_code == 302
    official.refresh_from_db()
    assert official.full_name == "Lê Quang Minh" and official.name_key == "le quang minh"
    assert (official.date_of_birth, official.position) == (Y(1973, 6, 1), "Giám đốc Sở")
    assert (official.leader_level, official.unit) == ("department_head", unit_b)
    # An empty identity number keeps the one stored (only its last digits are ever shown).
    assert official.identity_number == "052072001234"
    entry = Entry.objects.get(action="updated", payload__person=official.pk)
    assert entry.actor == hoa
    assert sorted(entry.payload["changed"]) == [
        "date_of_birth",
        "full_name",
        "leader_level",
        "position",
        "sex",
        "unit",
    ]
    assert "052072001234" not in str(entry.payload)

    # A wrong value is named under its field and nothing is saved.
    refused = client.post(url, {**fields, "date_of_birth": "01/06/2999", "position": "X"})
    assert refused.status_code == 400
    assert "Ngày sinh phải trước ngày hôm nay." in refused.content.decode()
    official.refresh_from_db()
    assert official.position == "Giám đốc Sở"
    # Nothing changed, nothing written.
    assert client.post(url, fields).status_code == 302
    assert Entry.objects.filter(action="updated", payload__person=official.pk).count() == 1


# -- who sees whom ---------------------------------------------------------------------------


def test_another_unit_sees_nothing_of_a_units_persons(client, cast, unit_a, unit_b, long, kiem):
    official = person("Đặng Thu Thảo", born=Y(1988, 2, 2), unit=unit_a, identity="052088001234")
    leader = person("Lâm Hải Giang", unit_name="UBND tỉnh", leader_level=VICE)
    client.force_login(long)
    assert client.get(reverse("person_detail", args=[official.pk])).status_code == 404
    found = client.get(reverse("person_search"), {"q": "dang thu"}).json()["results"]
    assert found == []
    listing = client.get(reverse("person_list")).content.decode()
    assert "Đặng Thu Thảo" not in listing and "Lâm Hải Giang" in listing
    for name in ("person_merge", "person_flag", "passport_add"):
        assert client.post(reverse(name, args=[official.pk])).status_code == 404
    client.force_login(kiem)
    assert client.get(reverse("person_detail", args=[official.pk])).status_code == 200
    assert client.get(reverse("person_detail", args=[leader.pk])).status_code == 200


def test_nobody_without_a_role_sees_the_registry(client, cast, unit_a, vo):
    person("Đặng Thu Thảo", unit=unit_a)
    client.force_login(vo)
    assert client.get(reverse("person_list")).status_code == 403
    assert client.get(reverse("person_search"), {"q": "dang"}).status_code == 403


def test_pages_mask_the_identity_number(client, cast, unit_a, lan, hoa):
    official = person("Đặng Thu Thảo", unit=unit_a, identity="052088001234")
    for user in (lan, hoa):
        client.force_login(user)
        page = client.get(reverse("person_detail", args=[official.pk])).content.decode()
        assert "052088001234" not in page and official.identity_masked in page


# -- choosing members ------------------------------------------------------------------------


def test_the_search_ignores_accents_and_shows_what_tells_namesakes_apart(
    client, cast, lan, namesakes
):
    client.force_login(lan)
    found = client.get(reverse("person_search"), {"q": "nguyen van AN"}).json()["results"]
    assert [row["label"] for row in found] == [
        "Nguyễn Văn An — 02/05/1970 — Sở Công Thương",
        "Nguyễn Văn An — 01/09/1980 — Sở Công Thương",
    ]


def submit_with(client, user, **rows):
    from ..workflows.test_outbound_flow import submit

    return submit(client, user, **rows)


def test_a_member_chosen_from_the_registry_is_that_person(client, cast, lan, namesakes):
    older, younger = namesakes
    trip = submit_with(client, lan, **{"members-0-person_id": str(younger.pk)})
    assert trip.members.get(order=1).person == younger


def test_a_member_typed_in_is_added_once_and_found_again(client, cast, unit_a, lan):
    trip = submit_with(client, lan)
    typed = trip.members.get(order=2).person
    assert (typed.full_name, typed.unit_name, typed.unit) == (
        "Trần Thị Lan",
        "Sở Công Thương",
        unit_a,
    )
    client.force_login(lan)
    found = client.get(reverse("person_search"), {"q": "tran thi lan"}).json()["results"]
    assert [row["id"] for row in found] == [typed.pk]
    again = submit_with(client, lan, **{"members-1-full_name": "trần  thị lan"})
    assert again.members.get(order=2).person == typed
    born = submit_with(client, lan, **{"members-1-date_of_birth": "1990-01-02"})
    assert born.members.get(order=2).person != typed  # a namesake born on a known day
    assert Person.objects.filter(name_key="tran thi lan").count() == 2


def test_a_unit_cannot_link_a_person_it_does_not_see(client, cast, unit_a, long):
    hidden = person("Đặng Thu Thảo", unit=unit_a)
    from ..start_forms import post_start
    from ..workflows.test_outbound_flow import OutboundTripFlow, trip_data

    client.force_login(long)
    data = trip_data(**{"members-0-person_id": str(hidden.pk)})
    response = post_start(client, OutboundTripFlow.instance.reverse("submit:execute"), data)
    assert response.status_code == 200
    assert "Không tìm thấy cá nhân đã chọn trong danh bạ." in response.content.decode()
    assert not TripMember.objects.filter(person=hidden).exists()


def test_find_person_is_the_migration_rule(unit_a):
    typed = person("Lê Thị Mai", unit_name="Sở Tư pháp")
    assert services.find_person(full_name="le thi  MAI", unit_name="sở tư pháp") == typed
    assert services.find_person(full_name="Lê Thị Mai", unit_name="Sở Công Thương") is None
    assert (
        services.find_person(
            full_name="Lê Thị Mai", unit_name="Sở Tư pháp", date_of_birth=Y(1990, 1, 1)
        )
        is None
    )
