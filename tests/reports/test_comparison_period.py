"""The comparison period ("cùng kỳ năm trước") never overlaps the period it is compared with."""

import datetime

import pytest

from reports import figures

D = datetime.date


def test_a_period_longer_than_a_year_is_compared_with_the_same_length_before_it():
    start, end, rule = figures.previous_period(D(2022, 1, 1), D(2023, 8, 31))

    assert rule == figures.PRECEDING_PERIOD
    assert end == D(2021, 12, 31)
    assert (end - start) == (D(2023, 8, 31) - D(2022, 1, 1))
    assert start == D(2020, 5, 3)


def test_a_year_is_compared_with_the_same_dates_a_year_earlier():
    assert figures.previous_period(D(2023, 1, 1), D(2023, 12, 31)) == (
        D(2022, 1, 1),
        D(2022, 12, 31),
        figures.SAME_DATES_LAST_YEAR,
    )


def test_exactly_one_year_ending_on_a_leap_day_is_still_the_same_dates():
    # 01/03/2023..29/02/2024 is one year: a year earlier ends on 28/02/2023, before it starts.
    assert figures.previous_period(D(2023, 3, 1), D(2024, 2, 29)) == (
        D(2022, 3, 1),
        D(2023, 2, 28),
        figures.SAME_DATES_LAST_YEAR,
    )


def test_a_year_and_a_day_is_compared_with_the_period_before_it():
    start, end, rule = figures.previous_period(D(2023, 1, 1), D(2024, 1, 1))
    assert rule == figures.PRECEDING_PERIOD
    assert (start, end) == (D(2021, 12, 31), D(2022, 12, 31))


def test_a_period_starting_on_a_leap_day():
    assert figures.previous_period(D(2024, 2, 29), D(2024, 3, 31)) == (
        D(2023, 2, 28),
        D(2023, 3, 31),
        figures.SAME_DATES_LAST_YEAR,
    )


def test_a_long_period_over_a_leap_day_keeps_its_length():
    start, end, _rule = figures.previous_period(D(2023, 6, 1), D(2024, 12, 31))
    assert end == D(2023, 5, 31)
    assert (end - start).days == (D(2024, 12, 31) - D(2023, 6, 1)).days


@pytest.mark.parametrize("days", [1, 30, 180, 364, 365, 366, 367, 400, 730, 1000])
@pytest.mark.parametrize("first", [D(2022, 1, 1), D(2023, 3, 1), D(2024, 2, 29), D(2023, 12, 31)])
def test_the_comparison_never_overlaps(first, days):
    last = first + datetime.timedelta(days=days - 1)
    start, end, _rule = figures.previous_period(first, last)
    assert start <= end < first


def test_the_report_says_which_rule_it_used(db):
    assert figures.comparison(D(2023, 1, 1), D(2023, 6, 30))["label"] == "cùng kỳ năm trước"
    assert figures.comparison(D(2022, 1, 1), D(2023, 8, 31)) == {
        "from": "2020-05-03",
        "to": "2021-12-31",
        "rule": "preceding_period",
        "label": "kỳ liền trước có cùng độ dài",
    }
