"""The working-day calendar across the 2026 breaks: Tết, 30/4–1/5 and 2/9.

Tết Bính Ngọ 2026 for public servants runs from Saturday 14/02 to Sunday 22/02; the
``holidays`` package gives Monday 16 to Friday 20, and the administrator enters the rest
of the Prime Minister's decision. In 2026 the 2/9 break is swapped: Monday 31/08 off,
Saturday 22/08 worked in exchange.
"""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from workdays import calendar
from workdays.calendar import Deadline
from workdays.models import CalendarDay

pytestmark = pytest.mark.django_db

Kind = CalendarDay.Kind


def d(text: str) -> datetime.date:
    """Return the date written dd/mm/yyyy."""
    return datetime.datetime.strptime(text, "%d/%m/%Y").date()


def rows(year: int) -> list[tuple]:
    return list(
        CalendarDay.objects.filter(year=year)
        .order_by("date")
        .values_list("date", "kind", "name", "source", "edited_at")
    )


@pytest.fixture
def tet_2026():
    """Seed 2026 and enter the Prime Minister's Tết decision (14/02–22/02) as an admin would."""
    calendar.seed_year(2026)
    for day in range(14, 23):
        CalendarDay.objects.get_or_create(
            date=datetime.date(2026, 2, day),
            defaults={
                "kind": Kind.DAY_OFF,
                "name": "Nghỉ Tết Bính Ngọ",
                "edited_at": timezone.now(),
            },
        )


# Tết --------------------------------------------------------------------------------------


def test_the_whole_tet_break_is_off_and_the_days_around_it_are_worked(tet_2026):
    assert calendar.is_working_day(d("13/02/2026"))
    for day in range(14, 23):
        assert not calendar.is_working_day(datetime.date(2026, 2, day)), day
    assert calendar.is_working_day(d("23/02/2026"))


def test_the_package_alone_gives_the_weekdays_of_the_tet_break():
    calendar.seed_year(2026)
    off = [day for day in range(14, 23) if not calendar.is_working_day(datetime.date(2026, 2, day))]
    assert off == list(range(14, 23))  # weekdays from the package, weekends by rule


def test_one_working_day_after_the_friday_before_tet_is_the_monday_after_it(tet_2026):
    assert calendar.add_working_days(d("13/02/2026"), 1) == d("23/02/2026")
    assert calendar.add_working_days(d("13/02/2026"), 7) == d("03/03/2026")


def test_counting_backwards_skips_tet_too(tet_2026):
    assert calendar.add_working_days(d("23/02/2026"), -1) == d("13/02/2026")
    assert calendar.add_working_days(d("13/02/2026"), 0) == d("13/02/2026")


def test_a_step_opened_during_tet_starts_counting_after_it(tet_2026):
    assert calendar.add_working_days(d("17/02/2026"), 1) == d("23/02/2026")


def test_counting_between_dates_excludes_the_start_and_includes_the_end(tet_2026):
    assert calendar.working_days_between(d("13/02/2026"), d("23/02/2026")) == 1
    assert calendar.working_days_between(d("09/02/2026"), d("27/02/2026")) == 9
    assert calendar.working_days_between(d("13/02/2026"), d("13/02/2026")) == 0
    assert calendar.working_days_between(d("23/02/2026"), d("13/02/2026")) == -1


def test_counting_undoes_adding(tet_2026):
    start = d("11/02/2026")
    for n in range(0, 12):
        assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


# 30/4–1/5 and Giỗ Tổ ----------------------------------------------------------------------


def test_reunification_and_labour_day_are_off_with_hung_kings_observed_on_monday():
    calendar.seed_year(2026)
    assert not calendar.is_working_day(d("27/04/2026"))  # Giỗ Tổ (Sunday 26/4), nghỉ bù
    assert not calendar.is_working_day(d("30/04/2026"))
    assert not calendar.is_working_day(d("01/05/2026"))
    assert calendar.add_working_days(d("29/04/2026"), 1) == d("04/05/2026")
    assert calendar.working_days_between(d("24/04/2026"), d("04/05/2026")) == 3


# 2/9 with a swapped day ------------------------------------------------------------------


def test_the_national_day_break_swaps_a_monday_for_a_saturday():
    calendar.seed_year(2026)
    assert calendar.is_working_day(d("22/08/2026"))  # Saturday worked in exchange
    assert not calendar.is_working_day(d("23/08/2026"))
    for day in ("29/08/2026", "30/08/2026", "31/08/2026", "01/09/2026", "02/09/2026"):
        assert not calendar.is_working_day(d(day)), day
    assert calendar.add_working_days(d("28/08/2026"), 1) == d("03/09/2026")
    assert calendar.working_days_between(d("21/08/2026"), d("28/08/2026")) == 6


def test_an_administrator_moves_a_day_off_and_adds_a_make_up_saturday():
    """The decision changes: 31/8 is worked after all, 4/9 is off, Saturday 12/9 is worked."""
    calendar.seed_year(2026)
    now = timezone.now()
    CalendarDay.objects.filter(date=d("31/08/2026")).update(
        kind=Kind.WORKING_DAY, name="Đi làm (đổi ngày nghỉ)", edited_at=now
    )
    CalendarDay.objects.create(date=d("04/09/2026"), kind=Kind.DAY_OFF, name="Nghỉ Quốc khánh")
    CalendarDay.objects.create(date=d("12/09/2026"), kind=Kind.WORKING_DAY, name="Làm bù")
    calendar.seed_year(2026)
    assert calendar.is_working_day(d("31/08/2026"))
    assert not calendar.is_working_day(d("04/09/2026"))
    assert calendar.is_working_day(d("12/09/2026"))
    assert calendar.add_working_days(d("02/09/2026"), 2) == d("07/09/2026")


# Calendar days and deadlines -------------------------------------------------------------


def test_calendar_days_ignore_holidays(tet_2026):
    assert calendar.add_calendar_days(d("13/02/2026"), 7) == d("20/02/2026")
    assert calendar.add_calendar_days(d("13/02/2026"), -13) == d("31/01/2026")


def test_a_deadline_in_working_days_skips_tet(tet_2026):
    assert calendar.due_on(d("12/02/2026"), Deadline(7, working=True)) == d("02/03/2026")


def test_a_deadline_in_calendar_days_ending_on_a_day_off_moves_to_the_next_working_day(tet_2026):
    assert calendar.due_on(d("05/02/2026"), Deadline(15, working=False)) == d("23/02/2026")
    assert calendar.due_on(d("31/07/2026"), Deadline(15, working=False)) == d("17/08/2026")
    assert calendar.due_on(d("01/07/2026"), Deadline(15, working=False)) == d("16/07/2026")


def test_deadlines_read_from_settings_and_print_in_vietnamese():
    assert Deadline.parse("7 working") == Deadline(7, working=True)
    assert Deadline.parse(" 15 calendar ") == Deadline(15, working=False)
    assert Deadline(7, working=True).label == "7 ngày làm việc"
    assert str(Deadline(15, working=False)) == "15 ngày"
    with pytest.raises(ValueError):
        Deadline.parse("7 days")


# Seeding ---------------------------------------------------------------------------------


def test_seeding_twice_gives_the_same_rows():
    first = calendar.seed_year(2026)
    before = rows(2026)
    second = calendar.seed_year(2026)
    assert first.created == len(before) > 10
    assert (second.created, second.updated, second.deleted) == (0, 0, 0)
    assert rows(2026) == before


@pytest.mark.urls("tests.workflows.urls_for_tests")
def test_seeding_keeps_what_an_administrator_edited(admin_client):
    calendar.seed_year(2026)
    row = CalendarDay.objects.get(date=d("31/08/2026"))
    response = admin_client.post(
        reverse("admin:workdays_calendarday_change", args=[row.pk]),
        {"kind": Kind.WORKING_DAY, "name": "Đi làm bình thường"},
    )
    assert response.status_code == 302
    calendar.seed_year(2026)
    row.refresh_from_db()
    assert (row.kind, row.name) == (Kind.WORKING_DAY, "Đi làm bình thường")
    assert row.edited_at is not None
    assert calendar.is_working_day(d("31/08/2026"))


def test_seeding_puts_back_a_seeded_row_changed_outside_the_admin():
    calendar.seed_year(2026)
    CalendarDay.objects.filter(date=d("01/01/2026")).update(name="sai")
    assert calendar.seed_year(2026).updated == 1
    assert CalendarDay.objects.get(date=d("01/01/2026")).name == "Tết Dương lịch"


def test_a_year_never_seeded_is_seeded_when_first_asked():
    assert not CalendarDay.objects.exists()
    assert not calendar.is_working_day(d("01/01/2027"))
    assert CalendarDay.objects.filter(year=2027, source=CalendarDay.Source.PACKAGE).exists()


def test_a_seeded_calendar_answers_with_one_query(tet_2026, django_assert_num_queries):
    calendar.seed_year(2027)
    with django_assert_num_queries(1):
        assert calendar.add_working_days(d("30/12/2026"), 3) == d("05/01/2027")
    with django_assert_num_queries(1):
        calendar.due_on(d("12/02/2026"), Deadline(7))
    with django_assert_num_queries(1):
        calendar.working_days_between(d("01/01/2026"), d("31/12/2026"))


def test_a_year_holding_only_admin_rows_is_still_seeded(tet_2026):
    CalendarDay.objects.create(date=d("05/02/2027"), kind=Kind.DAY_OFF, name="Nghỉ Tết Đinh Mùi")
    assert not calendar.is_working_day(d("04/02/2027"))  # 29 Tết, from the package
    assert CalendarDay.objects.get(date=d("05/02/2027")).name == "Nghỉ Tết Đinh Mùi"


def test_the_demo_seeds_this_year_and_next():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, tzinfo=datetime.UTC)):
        calendar.load_demo(io.StringIO())
        before = rows(2027)
        calendar.load_demo(io.StringIO())
    assert set(CalendarDay.objects.values_list("year", flat=True)) == {2026, 2027}
    assert rows(2027) == before


def test_the_command_seeds_this_year_and_next_by_default():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, tzinfo=datetime.UTC)):
        call_command("calendar_seed")
    assert set(CalendarDay.objects.values_list("year", flat=True)) == {2026, 2027}
    call_command("calendar_seed", "--year", "2028", "--year", "2029")
    assert CalendarDay.objects.filter(year__in=[2028, 2029]).count() > 20


@pytest.mark.urls("tests.workflows.urls_for_tests")
def test_the_administrator_changes_a_seeded_day_but_cannot_delete_it(admin_client):
    calendar.seed_year(2026)
    seeded = CalendarDay.objects.get(date=d("01/01/2026"))
    own = CalendarDay.objects.create(date=d("02/01/2026"), kind=Kind.DAY_OFF, name="Nghỉ")
    change = reverse("admin:workdays_calendarday_change", args=[seeded.pk])
    delete = reverse("admin:workdays_calendarday_delete", args=[seeded.pk])
    page = admin_client.get(change).content.decode()
    assert delete not in page
    assert 'name="date"' not in page  # moving a seeded day would bring it back
    own_delete = reverse("admin:workdays_calendarday_delete", args=[own.pk])
    assert admin_client.post(own_delete, {"post": "yes"}).status_code == 302
    assert not CalendarDay.objects.filter(pk=own.pk).exists()
    changelist = admin_client.get(reverse("admin:workdays_calendarday_changelist"))
    assert "delete_selected" not in changelist.content.decode()


@pytest.mark.urls("tests.workflows.urls_for_tests")
def test_the_calendar_admin_lists_a_year(admin_client):
    calendar.seed_year(2026)
    url = reverse("admin:workdays_calendarday_changelist")
    response = admin_client.get(url, {"year": 2026, "kind__exact": Kind.HOLIDAY})
    assert response.status_code == 200
    assert "Tết Nguyên Đán" in response.content.decode()
