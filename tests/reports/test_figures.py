"""The report's figures follow DESIGN §7's counting rules, bounds included."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import audit
from agreements.models import Status as AgreementStatus
from permits.models import Status
from reports import figures
from workdays.models import TaskDeadline
from workflows import driver

from .helpers import add_guest, make_agreement, make_conference, make_trip, make_visit

pytestmark = pytest.mark.django_db

D = datetime.date
FROM, TO = D(2022, 1, 1), D(2023, 8, 31)
BEFORE, AFTER = D(2021, 12, 31), D(2023, 9, 1)


def test_the_first_and_last_day_count_and_the_days_around_them_do_not(unit_a, lan):
    for day in (BEFORE, FROM, TO, AFTER):
        make_trip(unit_a, lan, start_date=day, end_date=day + datetime.timedelta(days=3))
        make_visit(unit_a, lan, start_date=day)
        make_agreement(unit_a, lan, signed_on=day)

    result = figures.compute(FROM, TO)

    assert result["period"] == {"from": "2022-01-01", "to": "2023-08-31"}
    assert result["outbound_trips"]["count"] == 2
    assert result["inbound_visits"]["count"] == 2
    assert result["agreements"]["signed"] == 2


def test_conferences_count_from_the_first_to_the_last_day(unit_a):
    for day in (BEFORE, FROM, TO, AFTER):
        make_conference(unit_a, start_date=day)

    assert figures.compute(FROM, TO)["conferences"] == {"count": 2, "participants": 200}


def test_a_one_day_period_counts_that_day(unit_a, lan):
    make_trip(unit_a, lan, start_date=FROM, end_date=FROM)
    assert figures.compute(FROM, FROM)["outbound_trips"]["count"] == 1
    assert figures.compute(BEFORE, BEFORE)["outbound_trips"]["count"] == 0


@pytest.mark.parametrize(
    "status",
    [
        Status.REJECTED,
        Status.WITHDRAWN,
        Status.DRAFT,
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.SECURITY_CHECK,
        Status.AWAITING_APPROVAL,
    ],
)
def test_rejected_withdrawn_and_open_matters_never_count(unit_a, lan, status):
    make_trip(unit_a, lan, status=status, countries=["FR"], start_date=FROM)
    make_visit(unit_a, lan, status=status, start_date=FROM, guests=["KR"])
    if figures.conference_model() is not None:
        make_conference(unit_a, status=status, start_date=FROM)

    result = figures.compute(FROM, TO)

    assert result["outbound_trips"] == {"count": 0, "members": 0, "countries": {}}
    assert result["inbound_visits"] == {
        "count": 0,
        "persons": 0,
        "country_count": 0,
        "countries": {},
    }
    assert result["conferences"] == {"count": 0, "participants": 0}


@pytest.mark.parametrize("status", [Status.REPORTING, Status.REPORTED, Status.COMPLETED])
def test_matters_past_approval_count(unit_a, lan, status):
    make_trip(unit_a, lan, status=status, start_date=FROM)
    assert figures.compute(FROM, TO)["outbound_trips"]["count"] == 1


@pytest.mark.parametrize(
    "status",
    [
        AgreementStatus.REJECTED,
        AgreementStatus.WITHDRAWN,
        AgreementStatus.APPROVED,
        AgreementStatus.CONSULTING,
    ],
)
def test_refused_and_unsigned_agreements_never_count(unit_a, lan, status):
    make_agreement(unit_a, lan, status=status, signed_on=FROM)
    assert figures.compute(FROM, TO)["agreements"] == {"signed": 0, "countries": {}}


def test_signed_agreements_count_by_partner_country_whatever_became_of_them(unit_a, lan):
    make_agreement(unit_a, lan, partner_country="JP", signed_on=FROM)
    make_agreement(unit_a, lan, partner_country="JP", status=AgreementStatus.EXPIRED)
    make_agreement(unit_a, lan, partner_country="KR", status=AgreementStatus.IN_FORCE)

    result = figures.compute(FROM, D(2026, 12, 31))

    assert result["agreements"] == {"signed": 3, "countries": {"JP": 2, "KR": 1}}


def test_a_trip_to_two_countries_counts_once_for_each(unit_a, lan):
    make_trip(unit_a, lan, countries=["FR", "DE"], start_date=FROM, members=["A", "B", "C"])
    make_trip(unit_a, lan, countries=["FR"], start_date=TO, members=["A"])

    trips = figures.compute(FROM, TO)["outbound_trips"]

    assert trips == {"count": 2, "members": 4, "countries": {"FR": 2, "DE": 1}}


def test_a_guest_on_two_visits_counts_twice_and_removed_guests_not_at_all(unit_a, lan):
    first = make_visit(unit_a, lan, guests=[], removed=["CN"], start_date=FROM)
    second = make_visit(unit_a, lan, guests=["JP"], start_date=TO)
    for visit in (first, second):
        add_guest(visit, "KR", order=9, name="Kim Min-jun")

    visits = figures.compute(FROM, TO)["inbound_visits"]

    assert visits == {
        "count": 2,
        "persons": 3,
        "country_count": 2,
        "countries": {"KR": 2, "JP": 1},
    }


def test_conferences_count_the_participants_who_came_else_those_planned(unit_a):
    make_conference(unit_a, start_date=FROM, participants_planned=100, participants_actual=120)
    make_conference(unit_a, start_date=TO, participants_planned=80)

    assert figures.compute(FROM, TO)["conferences"] == {"count": 2, "participants": 200}


def test_the_shape_is_the_contract(unit_a, lan):
    result = figures.compute(FROM, TO)

    assert list(result) == [
        "period",
        "outbound_trips",
        "inbound_visits",
        "agreements",
        "conferences",
        "ngo_aid",
        "abtc",
        "processing",
    ]
    assert list(result["ngo_aid"]) == [
        "projects",
        "value_usd",
        "disbursed_usd",
        "by_donor_country",
        "meetings",
    ]
    assert list(result["processing"]) == [
        "submitted",
        "approved",
        "rejected",
        "returned",
        "median_working_days_to_decision",
        "overdue_steps",
    ]


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        figures.compute(TO, FROM)


# -- Processing, from the audit trail ------------------------------------------------------


def _at(day: datetime.date, hour: int = 9):
    return time_machine.travel(
        timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))), tick=False
    )


def _step(action, matter, day, actor):
    with _at(day):
        audit.record(action, actor=actor, subject=matter)


def test_processing_counts_steps_in_the_period_and_the_median_in_working_days(
    unit_a, lan, pho, hoa
):
    # Mon 6 March 2023 → Wed 8 March: 2 working days; Fri 3 March → Mon 13 March: 6.
    quick = make_trip(unit_a, lan, status=Status.APPROVED, start_date=D(2023, 4, 3))
    slow = make_trip(unit_a, lan, status=Status.REJECTED, start_date=D(2023, 4, 3))
    late = make_trip(unit_a, lan, status=Status.APPROVED, start_date=D(2023, 10, 3))
    _step(audit.Action.SUBMITTED, quick, D(2023, 3, 6), lan)
    _step(audit.Action.APPROVED, quick, D(2023, 3, 8), pho)
    _step(audit.Action.SUBMITTED, slow, D(2023, 3, 3), lan)
    _step(audit.Action.RETURNED, slow, D(2023, 3, 6), hoa)
    _step(audit.Action.RESUBMITTED, slow, D(2023, 3, 7), lan)
    _step(audit.Action.REJECTED, slow, D(2023, 3, 13), pho)
    _step(audit.Action.SUBMITTED, late, D(2023, 8, 31), lan)
    _step(audit.Action.APPROVED, late, D(2023, 9, 1), pho)  # the day after: not counted

    processing = figures.compute(D(2023, 3, 1), TO)["processing"]

    assert processing == {
        "submitted": 3,
        "approved": 1,
        "rejected": 1,
        "returned": 1,
        "median_working_days_to_decision": 4,
        "overdue_steps": 0,
    }
    assert figures.decision_times(D(2023, 3, 1), TO) == [2, 6]


def test_working_days_count_from_the_local_date_not_the_utc_one(unit_a, lan, pho):
    # Midnight starting Monday 6 March in Vietnam is still Sunday 5 March in UTC.
    trip = make_trip(unit_a, lan, start_date=D(2023, 6, 1))
    with _at(D(2023, 3, 6), hour=0):
        audit.record(audit.Action.SUBMITTED, actor=lan, subject=trip)
    with _at(D(2023, 3, 8), hour=23):
        audit.record(audit.Action.APPROVED, actor=pho, subject=trip)
    assert figures.decision_times(FROM, TO) == [2]


def test_the_median_skips_public_holidays(unit_a, lan, pho):
    # Thu 27 April 2023 → Wed 3 May: 28 April is a working day, 1–3 May are off (30/4, 1/5
    # and the day in lieu), so the decision took 1 working day.
    trip = make_trip(unit_a, lan, start_date=D(2023, 6, 1))
    _step(audit.Action.SUBMITTED, trip, D(2023, 4, 27), lan)
    _step(audit.Action.APPROVED, trip, D(2023, 5, 4), pho)

    assert figures.decision_times(FROM, TO) == [
        figures.WorkingCalendar(D(2023, 4, 27), D(2023, 5, 4)).working_days_between(
            D(2023, 4, 27), D(2023, 5, 4)
        )
    ]
    assert figures.decision_times(FROM, TO)[0] < 5


def test_imported_matters_have_no_processing_figures(unit_a, lan, quan):
    trip = make_trip(unit_a, lan, status=Status.COMPLETED, start_date=FROM)
    _step(audit.Action.IMPORTED, trip, D(2023, 1, 5), quan)

    result = figures.compute(FROM, TO)

    assert result["outbound_trips"]["count"] == 1
    assert result["processing"] == {
        "submitted": 0,
        "approved": 0,
        "rejected": 0,
        "returned": 0,
        "median_working_days_to_decision": None,
        "overdue_steps": 0,
    }


def test_overdue_steps_are_those_due_in_the_period_and_missed(province, unit_a, lan, minh):
    from permits.models import TripPurpose
    from permits.services import MemberData

    trip = driver.start_trip(
        actor=lan,
        unit=unit_a,
        fields={
            "title": "Đoàn quá hạn",
            "purpose": TripPurpose.objects.get_or_create(name="Hội nghị")[0],
            "countries": ["FR"],
            "start_date": D(2026, 12, 7),
            "end_date": D(2026, 12, 10),
            "inviting_partner": "Đối tác",
            "funding_source": "state_budget",
        },
        members=[MemberData("Lê Quang Minh", "Giám đốc Sở", "Sở Công Thương", "head")],
    )
    deadline = TaskDeadline.objects.get(task__process__artifact_object_id=trip.pk)
    TaskDeadline.objects.filter(pk=deadline.pk).update(due_on=D(2023, 3, 10))

    assert figures.compute(FROM, TO)["processing"]["overdue_steps"] == 1
    assert figures.compute(D(2023, 3, 11), TO)["processing"]["overdue_steps"] == 0
    stages = figures.breakdowns(FROM, TO)["processing"]["overdue_by_stage"]
    assert [(row["key"], row["count"]) for row in stages] == [("endorse", 1)]


# -- Breakdowns and comparison ---------------------------------------------------------------


def test_breakdowns_by_person_level_purpose_funding_and_month(unit_a, lan, pho, minh):
    make_trip(unit_a, lan, members=[pho, minh], start_date=D(2022, 1, 10), countries=["FR"])
    make_trip(unit_a, lan, members=[pho], start_date=D(2022, 3, 5), funding_source="sponsor")
    make_trip(unit_a, lan, members=[minh], start_date=D(2022, 3, 20), status=Status.REJECTED)

    outbound = figures.breakdowns(D(2022, 1, 1), D(2022, 3, 31))["outbound_trips"]

    people = {row["label"]: row["count"] for row in outbound["by_person"]}
    assert people == {pho.get_full_name(): 2, minh.get_full_name(): 1}
    levels = {row["key"]: row["count"] for row in outbound["by_head_level"]}
    assert levels == {"vice_chairman": 2}
    assert [(r["key"], r["count"]) for r in outbound["by_funding_source"]] == [
        ("sponsor", 1),
        ("state_budget", 1),
    ]
    assert [(r["label"], r["count"], r["members"]) for r in outbound["by_month"]] == [
        ("01/2022", 1, 2),
        ("02/2022", 0, 0),
        ("03/2022", 1, 1),
    ]
    assert [(r["label"], r["count"]) for r in outbound["by_country"]] == [
        ("Nhật Bản", 1),  # equal counts: by Vietnamese name, not by ISO code (FR, JP)
        ("Pháp", 1),
    ]
    assert outbound["by_unit"] == [
        {"key": "Sở Công Thương", "label": "Sở Công Thương", "count": 2, "members": 3}
    ]


def test_inbound_breakdowns_count_persons_by_nationality_and_unit(unit_a, unit_b, lan, long):
    make_visit(unit_a, lan, guests=["KR", "KR", "JP"], removed=["CN"], start_date=FROM)
    make_visit(unit_b, long, guests=["KR"], start_date=FROM)

    inbound = figures.breakdowns(FROM, TO)["inbound_visits"]

    assert [(r["label"], r["persons"]) for r in inbound["by_country"]] == [
        ("Hàn Quốc", 3),
        ("Nhật Bản", 1),
    ]
    assert {r["label"]: (r["count"], r["persons"]) for r in inbound["by_unit"]} == {
        "Sở Công Thương": (1, 3),
        "Trường Đại học Quy Nhơn": (1, 1),
    }
    assert inbound["by_month"][0] == {
        "key": "2022-01",
        "label": "01/2022",
        "count": 2,
        "persons": 4,
    }


def test_the_same_period_a_year_earlier(unit_a, lan):
    make_trip(unit_a, lan, start_date=D(2023, 2, 28))
    make_trip(unit_a, lan, start_date=D(2024, 2, 29))

    previous = figures.compare(D(2024, 1, 1), D(2024, 2, 29))

    assert previous["period"] == {"from": "2023-01-01", "to": "2023-02-28"}
    assert previous["outbound_trips"]["count"] == 1
    rows = figures.changes(figures.compute(D(2024, 1, 1), D(2024, 2, 29)), previous)
    trips = next(row for row in rows if row["key"] == "outbound_trips.count")
    assert (trips["current"], trips["previous"], trips["difference"]) == (1, 1, 0)


def test_the_full_report_adds_keys_and_keeps_the_contract(unit_a, lan):
    make_trip(unit_a, lan, start_date=FROM)

    report = figures.full_report(FROM, TO)

    assert report["outbound_trips"] == figures.compute(FROM, TO)["outbound_trips"]
    internal = {"processing"}
    assert set(report) == {
        *(set(figures.compute(FROM, TO)) - internal),
        "plan",
        "consular",
        "economic",
        "other_offices",
        "breakdowns",
        "comparison",
        "same_period_last_year",
    }


# -- Query count -----------------------------------------------------------------------------


def _populate(unit, lan, pho, size: int):
    for n in range(size):
        day = FROM + datetime.timedelta(days=n * 7)
        trip = make_trip(unit, lan, countries=["FR", "DE"][: 1 + n % 2], start_date=day)
        make_visit(unit, lan, guests=["KR", "JP"], start_date=day)
        make_agreement(unit, lan, signed_on=day, partner_country="JP")
        if figures.conference_model() is not None:
            make_conference(unit, start_date=day)
        _step(audit.Action.SUBMITTED, trip, day, lan)
        _step(audit.Action.APPROVED, trip, day + datetime.timedelta(days=3), pho)


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


@pytest.mark.parametrize("call", [figures.compute, figures.full_report])
def test_the_queries_do_not_grow_with_the_rows(unit_a, lan, pho, call):
    _populate(unit_a, lan, pho, 2)
    call(FROM, TO)  # the calendar seeds the years it has never seen
    few = _queries(lambda: call(FROM, TO))
    _populate(unit_a, lan, pho, 12)
    many = _queries(lambda: call(FROM, TO))

    assert figures.compute(FROM, TO)["outbound_trips"]["count"] == 14
    assert many == few


def test_a_trip_taken_through_the_flow_counts_once_approved(
    province, unit_a, lan, minh, hoa, dung, pho
):
    from permits import services
    from permits.models import TripPurpose
    from permits.services import MemberData
    from workflows.flows import OutboundTripFlow

    today = timezone.localdate()
    start = today + datetime.timedelta(days=30)
    trip = driver.start_trip(
        actor=lan,
        unit=unit_a,
        fields={
            "title": "Đoàn xúc tiến",
            "purpose": TripPurpose.objects.get_or_create(name="Xúc tiến đầu tư")[0],
            "countries": ["FR", "DE"],
            "start_date": start,
            "end_date": start + datetime.timedelta(days=3),
            "inviting_partner": "Đối tác",
            "funding_source": "state_budget",
        },
        members=[MemberData("Lê Quang Minh", "Giám đốc Sở", "Sở Công Thương", "head")],
    )
    steps = [
        (
            OutboundTripFlow.endorse,
            minh,
            lambda t, task: services.endorse(t, actor=minh, task=task),
        ),
        (OutboundTripFlow.review, hoa, lambda t, task: services.forward(t, actor=hoa, task=task)),
        (
            OutboundTripFlow.security_check,
            dung,
            lambda t, task: services.security_check(
                t, actor=dung, verdicts={m.pk: ("cleared", "") for m in t.members.all()}
            ),
        ),
    ]
    for node, actor, perform in steps:
        driver.complete(trip, node, actor=actor, perform=perform)
    year = (today.replace(month=1, day=1), start)

    before = figures.compute(*year)
    assert before["outbound_trips"]["count"] == 0  # still open: awaiting approval
    assert before["processing"]["submitted"] == 1

    driver.complete(
        trip,
        OutboundTripFlow.approve,
        actor=pho,
        perform=lambda t, task: services.approve(t, actor=pho, task=task),
    )

    after = figures.compute(*year)
    assert after["outbound_trips"] == {"count": 1, "members": 1, "countries": {"FR": 1, "DE": 1}}
    assert after["processing"]["approved"] == 1
    assert after["processing"]["median_working_days_to_decision"] == 0
