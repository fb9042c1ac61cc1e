"""Policy warnings the reviewer sees on a trip (they never block it).

lan (unit A) drafts the trips; chu (Chairman) and pho (Vice-Chairman) are the key
leaders; minh heads unit A and is no provincial leader.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from permits.models import OutboundTrip, Status
from permits.policy import warnings_for

from .factories_trips import make_trip

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2026, 3, 9)


def days(start: datetime.date, count: int) -> dict:
    """Return start and end dates of a trip of ``count`` days from ``start``."""
    return {"start_date": start, "end_date": start + datetime.timedelta(days=count - 1)}


def names(count: int) -> list[str]:
    return [f"Thành viên số {n}" for n in range(1, count + 1)]


@pytest.fixture
def trip_of(unit_a, lan):
    """Return a factory of lan's trips in March 2026 (six days, Japan, one member)."""

    def make(members=("Trần Văn Bình",), **fields):
        return make_trip(unit_a, lan, members=members, **{**days(MARCH, 6), **fields})

    return make


def test_an_ordinary_trip_has_no_warnings(trip_of, minh):
    assert warnings_for(trip_of(members=[minh, "Trần Văn Bình"])) == []


# -- size of the delegation -----------------------------------------------------------


def test_more_than_ten_members_is_warned(trip_of):
    assert warnings_for(trip_of(members=names(11))) == [
        "Đoàn có 11 thành viên, vượt quá 10 người theo quy định."
    ]


def test_ten_members_is_not_warned(trip_of):
    assert warnings_for(trip_of(members=names(10))) == []


def test_more_than_ten_days_is_warned(trip_of):
    assert warnings_for(trip_of(**days(MARCH, 11))) == [
        "Chuyến đi kéo dài 11 ngày, vượt quá 10 ngày theo quy định."
    ]


def test_ten_days_is_not_warned(trip_of):
    assert warnings_for(trip_of(**days(MARCH, 10))) == []


def test_more_than_three_countries_is_warned(trip_of):
    assert warnings_for(trip_of(countries=["JP", "KR", "SG", "TH"])) == [
        "Đoàn đi 4 quốc gia, vượt quá 3 quốc gia theo quy định."
    ]


def test_three_countries_is_not_warned(trip_of):
    assert warnings_for(trip_of(countries=["JP", "KR", "SG"])) == []


def test_the_limits_are_settings(settings, trip_of):
    settings.POLICY_MAX_MEMBERS = 2
    settings.POLICY_MAX_DAYS = 5
    settings.POLICY_MAX_COUNTRIES = 1
    warnings = warnings_for(trip_of(members=names(3), countries=["JP", "KR"]))
    assert warnings == [
        "Đoàn có 3 thành viên, vượt quá 2 người theo quy định.",
        "Chuyến đi kéo dài 6 ngày, vượt quá 5 ngày theo quy định.",
        "Đoàn đi 2 quốc gia, vượt quá 1 quốc gia theo quy định.",
    ]


# -- leaders --------------------------------------------------------------------------


def test_two_key_leaders_in_one_delegation_is_warned(trip_of, chu, pho):
    assert warnings_for(trip_of(members=[chu, pho])) == [
        "Đoàn có 2 lãnh đạo chủ chốt UBND tỉnh cùng đi: Phạm Anh Tuấn, Lâm Hải Giang."
    ]


def test_one_key_leader_with_another_provincial_leader_is_not_warned(trip_of, pho):
    other = {"full_name": "Hồ Văn Tỉnh", "leader_level": "province_leader"}
    assert warnings_for(trip_of(members=[pho, other])) == []


def test_a_leaders_third_trip_of_the_year_is_warned(trip_of, pho):
    trip_of(members=[pho], status=Status.APPROVED, **days(datetime.date(2026, 1, 12), 4))
    trip_of(members=[pho], status=Status.COMPLETED, **days(datetime.date(2026, 2, 2), 4))
    assert warnings_for(trip_of(members=[pho])) == [
        "Lâm Hải Giang (Phó Chủ tịch UBND tỉnh) đã đi công tác nước ngoài 2 lần trong năm "
        "2026; đây là chuyến thứ 3."
    ]


def test_a_leaders_fourth_trip_counts_three_before_it(trip_of, pho):
    for month in (1, 2, 4):
        trip_of(members=[pho], status=Status.REPORTED, **days(datetime.date(2026, month, 1), 3))
    assert "chuyến thứ 4" in warnings_for(trip_of(members=[pho]))[0]


def test_a_leaders_second_trip_is_not_warned(trip_of, pho):
    trip_of(members=[pho], status=Status.APPROVED, **days(datetime.date(2026, 1, 12), 4))
    assert warnings_for(trip_of(members=[pho])) == []


def test_only_trips_that_went_ahead_in_the_same_year_count(trip_of, pho):
    trip_of(members=[pho], status=Status.APPROVED, **days(datetime.date(2025, 11, 3), 4))
    trip_of(members=[pho], status=Status.REJECTED, **days(datetime.date(2026, 1, 12), 4))
    trip_of(members=[pho], status=Status.IN_REVIEW, **days(datetime.date(2026, 5, 4), 4))
    trip_of(members=[pho], status=Status.APPROVED, **days(datetime.date(2026, 2, 2), 4))
    assert warnings_for(trip_of(members=[pho])) == []


def test_leaders_are_matched_by_name_whatever_the_case_and_spacing(trip_of, pho):
    named = {"full_name": "LÂM HẢI  GIANG", "leader_level": "vice_chairman"}
    trip_of(members=[named], status=Status.APPROVED, **days(datetime.date(2026, 1, 12), 4))
    trip_of(members=[pho], status=Status.APPROVED, **days(datetime.date(2026, 2, 2), 4))
    assert "chuyến thứ 3" in warnings_for(trip_of(members=[pho]))[0]


def test_earlier_trips_recorded_at_another_level_still_count(trip_of, pho):
    named = {"full_name": "Lâm Hải Giang", "leader_level": "other"}
    trip_of(members=[named], status=Status.APPROVED, **days(datetime.date(2026, 1, 12), 4))
    trip_of(members=[named], status=Status.APPROVED, **days(datetime.date(2026, 2, 2), 4))
    assert "chuyến thứ 3" in warnings_for(trip_of(members=[pho]))[0]


def test_frequent_travellers_who_are_not_provincial_leaders_are_not_warned(trip_of, minh):
    for month in (1, 2, 4):
        trip_of(members=[minh], status=Status.APPROVED, **days(datetime.date(2026, month, 1), 3))
    assert warnings_for(trip_of(members=[minh])) == []


# -- one person in two delegations ----------------------------------------------------


def test_a_member_on_another_trip_at_the_same_time_is_warned(trip_of, minh):
    other = trip_of(members=[minh], **days(MARCH + datetime.timedelta(days=5), 3))
    assert warnings_for(trip_of(members=[minh, "Trần Văn Bình"])) == [
        f"Lê Quang Minh đã có tên trong đoàn {other.reference} (14/03/2026 – 16/03/2026), "
        "trùng thời gian với chuyến đi này."
    ]


def test_an_overlap_is_found_whatever_the_case_and_spacing_of_the_name(trip_of):
    trip_of(members=["TRẦN  VĂN BÌNH "], **days(MARCH, 2))
    assert len(warnings_for(trip_of(members=["Trần Văn Bình"]))) == 1


def test_a_similar_name_is_another_person(trip_of):
    trip_of(members=["Trần Văn Bính"], **days(MARCH, 2))
    assert warnings_for(trip_of(members=["Trần Văn Bình"])) == []


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REJECTED, Status.WITHDRAWN])
def test_a_trip_that_will_not_happen_is_no_overlap(trip_of, minh, status):
    trip_of(members=[minh], status=status)
    assert warnings_for(trip_of(members=[minh])) == []


def test_trips_on_other_dates_are_no_overlap(trip_of, minh):
    trip_of(members=[minh], **days(MARCH - datetime.timedelta(days=3), 3))
    trip_of(members=[minh], **days(MARCH + datetime.timedelta(days=6), 3))
    assert warnings_for(trip_of(members=[minh])) == []


def test_a_trip_does_not_overlap_itself(trip_of, minh):
    trip = trip_of(members=[minh, "Trần Văn Bình"])
    assert warnings_for(trip) == []


# -- cost -----------------------------------------------------------------------------


def busy_delegation(trip_of, chu, pho, size: int, year: int) -> OutboundTrip:
    """Return a trip of ``size`` members, each on another trip; chu and pho travel often."""
    people = [chu, pho, *names(size - 2)]
    for month in (1, 2):
        earlier = days(datetime.date(year, month, 5), 3)
        trip_of(members=[chu, pho], status=Status.APPROVED, **earlier)
    march = days(datetime.date(year, 3, 9), 6)
    trip_of(members=people, status=Status.IN_REVIEW, **march)
    return trip_of(members=people, **march)


def test_the_checks_take_a_fixed_number_of_queries(
    trip_of, chu, pho, django_assert_max_num_queries
):
    small = busy_delegation(trip_of, chu, pho, 2, year=2026)
    with CaptureQueriesContext(connection) as small_queries:
        small_warnings = warnings_for(small)
    large = busy_delegation(trip_of, chu, pho, 12, year=2027)
    with django_assert_max_num_queries(3) as large_queries:
        large_warnings = warnings_for(large)
    assert len(small_queries) == len(large_queries) == 3
    # two key leaders, their third trips, and everyone on the other trip in review
    assert len(small_warnings) == 1 + 2 + 2
    assert len(large_warnings) == 1 + 1 + 2 + 12  # ... and "12 members"
