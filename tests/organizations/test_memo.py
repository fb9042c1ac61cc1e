"""A unit of work (a request, a step) reads role grants and the province once."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.memo import unit_of_work
from organizations.models import Province, Role
from organizations.selectors import acting_grants, has_role, principal_for
from organizations.services import appoint_deputy, grant_role, revoke_role

pytestmark = pytest.mark.django_db


def queries(function) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured.captured_queries)


def test_grants_are_read_once_per_unit_of_work(lan, unit_a, unit_b):
    with unit_of_work():
        assert queries(lambda: has_role(lan, Role.UNIT_STAFF, unit_a)) == 1
        assert queries(lambda: has_role(lan, Role.UNIT_HEAD, unit_a)) == 0
        assert queries(lambda: acting_grants(lan)) == 0
    # Outside a unit of work nothing is remembered.
    assert queries(lambda: has_role(lan, Role.UNIT_STAFF, unit_a)) == 1
    assert queries(lambda: has_role(lan, Role.UNIT_STAFF, unit_a)) == 1


def test_a_grant_or_revocation_inside_the_unit_of_work_is_seen_at_once(lan, unit_a, unit_b):
    with unit_of_work():
        assert not has_role(lan, Role.UNIT_STAFF, unit_b)
        grant_role(lan, Role.UNIT_STAFF, unit_b)
        assert has_role(lan, Role.UNIT_STAFF, unit_b)
        revoke_role(lan, Role.UNIT_STAFF, unit_b)
        assert not has_role(lan, Role.UNIT_STAFF, unit_b)


def test_a_deputy_period_made_inside_the_unit_of_work_is_seen_at_once(
    hoa, tuan, quan, focal_agency
):
    today = datetime.date.today()
    with unit_of_work():
        assert not has_role(hoa, Role.DEPARTMENT_HEAD, focal_agency)
        appoint_deputy(tuan, deputy=hoa, start_date=today, end_date=today, actor=quan)
        assert has_role(hoa, Role.DEPARTMENT_HEAD, focal_agency)
        assert principal_for(hoa, Role.DEPARTMENT_HEAD, focal_agency) == tuan
        assert principal_for(hoa, Role.DEPARTMENT_REVIEWER, focal_agency) is None


def test_the_province_is_read_once_and_again_after_it_changes(province, unit_b):
    with unit_of_work():
        assert queries(Province.current) == 1
        assert queries(Province.current) == 0
        changed = Province.objects.get(pk=province.pk)
        changed.focal_agency = unit_b
        changed.save()
        assert Province.current().focal_agency == unit_b


def test_a_request_is_a_unit_of_work(client, lan, unit_a):
    from organizations import memo

    seen = []
    original = memo.remembered

    def spy(key, compute):
        seen.append((key, memo._memo.get() is not None))
        return original(key, compute)

    memo.remembered = spy
    try:
        client.force_login(lan)
        assert client.get("/").status_code in (200, 302)
    finally:
        memo.remembered = original
    assert seen and all(inside for _key, inside in seen)
    assert memo._memo.get() is None


def test_the_sql_grants_read_matches_the_orm_one(hoa, tuan, quan, lan, focal_agency):
    from django.db.models import Q

    from organizations.models import User
    from organizations.selectors import _read_grant_rows, principals_of, role_grants

    today = datetime.date.today()
    appoint_deputy(tuan, deputy=hoa, start_date=today, end_date=today, actor=quan)
    for user in (hoa, tuan, lan):
        people = User.objects.filter(
            Q(pk=user.pk) | Q(pk__in=principals_of(user, today).values("pk"))
        )
        assert sorted(_read_grant_rows(user.pk, today)) == sorted(role_grants(people))
    assert len(_read_grant_rows(hoa.pk, today)) == 2  # her own, and tuan's
