"""The working-day calendar (lịch ngày làm việc) and step deadlines.

A working day (ngày làm việc) is Monday to Friday, minus the days off in
``CalendarDay`` (public holidays, Tết, swapped days off), plus the make-up days worked
in exchange (usually a Saturday). Deadlines are typed either in working days ("7 ngày
làm việc") or in calendar days ("15 ngày").

Counting follows the Civil Code 2015 (Bộ luật Dân sự, Articles 147–148): the day a
period starts from is not counted, and a period in calendar days whose last day is a
day off ends on the next working day.

Every public function reads the calendar rows of the years it touches at most once per
call, through the settings cache (``organizations.settings_cache``): inside a unit of
work (a request, a step, a Celery task) they come from the process's cache while the
settings version is unchanged, so an administrator's edit is seen by every web and
Celery process at its next unit of work. A year that was never seeded is seeded from
the ``holidays`` package inside the call that first needs it.
"""

import dataclasses
import datetime
import re

import holidays
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from organizations import settings_cache

from .models import CalendarDay

Kind = CalendarDay.Kind
Source = CalendarDay.Source

# How far past the start a count of n working days can reach: a week of five working
# days takes seven calendar days, and the longest break (Tết) adds about nine more.
_SPAN_PER_WORKING_DAY = 2
_SPAN_MARGIN_DAYS = 21


# Seeding from the holidays package ------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SeedResult:
    """What seeding one year changed."""

    year: int
    created: int = 0
    updated: int = 0
    deleted: int = 0


def package_days(year: int) -> dict[datetime.date, tuple[str, str]]:
    """Return ``{date: (kind, Vietnamese name)}`` for ``year`` from the ``holidays`` package.

    Days off moved from a weekend (nghỉ bù) or swapped for a make-up Saturday are
    ``DAY_OFF``; the Saturdays worked in exchange are ``WORKING_DAY``.
    """
    years = (year - 1, year, year + 1)  # a swap can cross New Year (27/12/2014 → 2/1/2015)
    days = holidays.country_holidays("VN", years=years, language="vi")
    fixed = holidays.country_holidays("VN", years=years, language="vi", observed=False)
    makeup_days = set(getattr(days, "weekend_workdays", ()))
    result = {}
    for day, name in days.items():
        if day.year != year:
            continue
        swapped = any(f"{w:%d/%m/%Y}" in name for w in makeup_days)
        kind = Kind.DAY_OFF if swapped or day not in fixed else Kind.HOLIDAY
        result[day] = (kind.value, name[:200])
    for day in sorted(d for d in makeup_days if d.year == year):
        result[day] = (Kind.WORKING_DAY.value, _makeup_name(day, days))
    return result


def _makeup_name(day: datetime.date, days) -> str:
    """Return the name of a make-up working day, naming the day off it pays for."""
    for other, name in sorted(days.items()):
        if f"{day:%d/%m/%Y}" in name:
            return f"Làm việc bù cho ngày nghỉ {other:%d/%m/%Y}"
    return "Ngày làm việc bù"


@transaction.atomic
def seed_year(year: int) -> SeedResult:
    """Bring ``year``'s rows from the ``holidays`` package into the calendar.

    Idempotent: a second run changes nothing. Rows an administrator created or edited
    are never touched; rows seeded earlier follow the package (a newer version may
    correct a date). Safe when two processes seed the same year at once.
    """
    wanted = package_days(year)
    existing = {row.date: row for row in CalendarDay.objects.filter(year=year)}
    new_rows = [
        CalendarDay(date=day, year=year, kind=kind, name=name, source=Source.PACKAGE)
        for day, (kind, name) in wanted.items()
        if day not in existing
    ]
    CalendarDay.objects.bulk_create(new_rows, ignore_conflicts=True)
    settings_cache.changed()  # bulk writes send no signal
    ours = {day: row for day, row in existing.items() if _follows_package(row)}
    updated = 0
    for day, row in ours.items():
        if day in wanted and (row.kind, row.name) != wanted[day]:
            kind, name = wanted[day]
            updated += CalendarDay.objects.filter(pk=row.pk, edited_at__isnull=True).update(
                kind=kind, name=name
            )
    stale = [row.pk for day, row in ours.items() if day not in wanted]
    deleted, _ = CalendarDay.objects.filter(pk__in=stale, edited_at__isnull=True).delete()
    return SeedResult(year, created=len(new_rows), updated=updated, deleted=deleted)


def _follows_package(row: CalendarDay) -> bool:
    return row.source == Source.PACKAGE and row.edited_at is None


# Reading the calendar --------------------------------------------------------------------


class WorkingCalendar:
    """The calendar rows of a span of whole years, read by one query.

    Build one per request or per report and ask it many questions; do not keep it
    longer, so that administrators' edits reach every process (the rows themselves are
    cached per settings version). The module-level functions each build one for a
    single question.
    """

    def __init__(self, first: datetime.date, last: datetime.date):
        first, last = sorted((first, last))
        self._overrides: dict[datetime.date, bool] = {}
        self._years: set[int] = set()
        self._load(range(first.year, last.year + 1))

    @classmethod
    def around(cls, start: datetime.date, working_days: int) -> "WorkingCalendar":
        """Return the calendar of the years a count of ``working_days`` from ``start`` spans."""
        reach = abs(working_days) * _SPAN_PER_WORKING_DAY + _SPAN_MARGIN_DAYS
        return cls(start, start + datetime.timedelta(days=reach if working_days >= 0 else -reach))

    def _load(self, years) -> None:
        """Read the rows of ``years`` (seeding the years never seeded) in one query."""
        years = [year for year in years if year not in self._years]
        if not years:
            return
        rows = _rows_of(years)
        seeded = {day.year for day, _kind, source in rows if source == Source.PACKAGE}
        if missing := [year for year in years if year not in seeded]:
            for year in missing:
                seed_year(year)
            rows = _rows_of(years)
        self._overrides.update({day: kind == Kind.WORKING_DAY for day, kind, _ in rows})
        self._years.update(years)

    def is_working_day(self, day: datetime.date) -> bool:
        """Return True if ``day`` is a working day."""
        self._load([day.year])  # no query for a year already read
        working = self._overrides.get(day)
        return day.weekday() < 5 if working is None else working

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """Return the n-th working day after ``start`` (before it when n < 0).

        ``start`` itself is never counted, working or not; n = 0 returns ``start``.
        """
        step = datetime.timedelta(days=1 if n >= 0 else -1)
        day, left = start, abs(n)
        while left:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """Return the first working day after ``day``."""
        return self.add_working_days(day, 1)

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Return the number of working days after ``start`` up to and including ``end``.

        ``start`` is excluded and ``end`` included, so that
        ``working_days_between(d, add_working_days(d, n)) == n``; the count is negative
        when ``end`` is before ``start``.
        """
        if end < start:
            return -self.working_days_between(end, start)
        days = (start + datetime.timedelta(days=i) for i in range(1, (end - start).days + 1))
        return sum(1 for day in days if self.is_working_day(day))

    def due_on(self, start: datetime.date, deadline: "Deadline") -> datetime.date:
        """Return the last day allowed for a step that opened on ``start``."""
        if deadline.working:
            return self.add_working_days(start, deadline.days)
        end = add_calendar_days(start, deadline.days)
        # Civil Code 2015, Art. 148(5): a period ending on a day off ends on the next
        # working day.
        return end if self.is_working_day(end) else self.next_working_day(end)


def _rows_of(years) -> tuple[tuple[datetime.date, str, str], ...]:
    years = tuple(sorted(years))
    return settings_cache.cached(
        ("calendar", years),
        lambda: tuple(
            CalendarDay.objects.filter(year__in=years).values_list("date", "kind", "source")
        ),
    )


def is_working_day(day: datetime.date) -> bool:
    """Return True if ``day`` is a working day (Mon–Fri, minus days off, plus make-up days)."""
    return WorkingCalendar(day, day).is_working_day(day)


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """Return the n-th working day after ``start`` (before it when n < 0); 0 gives ``start``."""
    return WorkingCalendar.around(start, n).add_working_days(start, n)


def next_working_day(day: datetime.date) -> datetime.date:
    """Return the first working day after ``day``."""
    return add_working_days(day, 1)


def add_calendar_days(start: datetime.date, n: int) -> datetime.date:
    """Return ``start`` plus n calendar days; holidays and weekends make no difference."""
    return start + datetime.timedelta(days=n)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Return the working days after ``start`` up to and including ``end``.

    ``start`` is excluded and ``end`` is included (a step opened on Monday and finished
    on Wednesday took 2 working days); negative when ``end`` is before ``start``.
    """
    return WorkingCalendar(start, end).working_days_between(start, end)


# Deadlines ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Deadline:
    """How long a step may take: ``days`` working days, or calendar days if not ``working``."""

    days: int
    working: bool = True

    def __post_init__(self):
        if self.days < 0:
            raise ValueError("A deadline cannot be negative.")

    @classmethod
    def parse(cls, text: str) -> "Deadline":
        """Return the deadline written as "7 working" or "15 calendar"."""
        match = re.fullmatch(r"\s*(\d+)\s+(working|calendar)\s*", str(text))
        if match is None:
            raise ValueError(f"Deadline {text!r} is not like '7 working' or '15 calendar'.")
        return cls(int(match[1]), working=match[2] == "working")

    @property
    def label(self) -> str:
        """Return the deadline in words: "7 ngày làm việc" or "15 ngày"."""
        if self.working:
            text = ngettext("%(days)d ngày làm việc", "%(days)d ngày làm việc", self.days)
        else:
            text = ngettext("%(days)d ngày", "%(days)d ngày", self.days)
        return text % {"days": self.days}

    def __str__(self):
        return self.label


def due_on(start: datetime.date, deadline: Deadline) -> datetime.date:
    """Return the last day allowed for a step with ``deadline`` that opened on ``start``.

    Working days: the n-th working day after ``start``. Calendar days: ``start`` + n,
    moved to the next working day if that is a day off (Civil Code 2015, Art. 148).
    """
    return WorkingCalendar.around(start, deadline.days).due_on(start, deadline)


def load_demo(stdout) -> None:
    """Seed this year and next (a ``load_demo`` loader)."""
    this_year = timezone.localdate().year
    for year in (this_year, this_year + 1):
        seed_year(year)
    stdout.write(f"Lịch ngày làm việc: đã nạp năm {this_year} và {this_year + 1}.")
