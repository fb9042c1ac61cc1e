import datetime

import pytest
from django.core.exceptions import ValidationError

from organizations.models import Role
from organizations.selectors import (
    acts_for,
    deputies_of,
    has_role,
    principals_of,
    roles_of,
    units_acted_for,
)
from organizations.services import appoint_deputy, end_deputy

START = datetime.date(2026, 3, 2)
END = datetime.date(2026, 3, 13)


@pytest.fixture
def hoa_acts_for_tuan(hoa, tuan, quan):
    return appoint_deputy(tuan, deputy=hoa, start_date=START, end_date=END, actor=quan)


@pytest.mark.parametrize(
    ("day", "acts"),
    [
        (START - datetime.timedelta(days=1), False),
        (START, True),
        (END, True),
        (END + datetime.timedelta(days=1), False),
    ],
)
def test_a_deputy_acts_for_the_principal_only_inside_the_period(
    hoa_acts_for_tuan, hoa, tuan, focal_agency, day, acts
):
    assert has_role(hoa, Role.DEPARTMENT_HEAD, focal_agency, on=day) is acts
    assert (tuan in principals_of(hoa, on=day)) is acts
    assert (hoa in deputies_of(tuan, on=day)) is acts
    assert acts_for(hoa, tuan.pk, on=day) is acts
    assert not acts_for(tuan, hoa.pk, on=day)  # the principal does not act for the deputy
    # The deputy keeps their own role whatever the day.
    assert Role.DEPARTMENT_REVIEWER in roles_of(hoa, on=day)


def test_a_deputy_of_a_unit_head_acts_for_that_unit(lan, minh, unit_a, unit_b, quan):
    other_head_b = minh  # minh heads unit A only
    appoint_deputy(other_head_b, deputy=lan, start_date=START, end_date=END, actor=quan)
    assert set(units_acted_for(lan, on=START)) == {unit_a}
    assert has_role(lan, Role.UNIT_HEAD, unit_a, on=START)
    assert not has_role(lan, Role.UNIT_HEAD, unit_b, on=START)


def test_an_end_before_the_start_is_refused(hoa, tuan, quan):
    with pytest.raises(ValidationError) as error:
        appoint_deputy(tuan, deputy=hoa, start_date=END, end_date=START, actor=quan)
    assert "Ngày kết thúc xử lý thay" in str(error.value)


def test_nobody_deputises_for_themselves(tuan, quan):
    with pytest.raises(ValidationError) as error:
        appoint_deputy(tuan, deputy=tuan, start_date=START, end_date=END, actor=quan)
    assert "chính mình" in str(error.value)


def test_overlapping_periods_of_one_principal_are_refused(hoa_acts_for_tuan, tuan, lan, quan):
    with pytest.raises(ValidationError) as error:
        appoint_deputy(tuan, deputy=lan, start_date=END, end_date=END, actor=quan)
    assert "trùng với thời gian này" in str(error.value)
    assert tuan.deputies.count() == 1


def test_ending_a_period_early_stops_the_deputy_the_day_after(hoa_acts_for_tuan, hoa, focal_agency):
    end_deputy(hoa_acts_for_tuan, actor=None, on=datetime.date(2026, 3, 5))
    assert has_role(hoa, Role.DEPARTMENT_HEAD, focal_agency, on=datetime.date(2026, 3, 5))
    assert not has_role(hoa, Role.DEPARTMENT_HEAD, focal_agency, on=datetime.date(2026, 3, 6))


def test_roles_of_costs_a_fixed_number_of_queries(
    hoa_acts_for_tuan, hoa, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        roles_of(hoa, on=START)
