"""Settings are cached per process and read again by the next unit of work after a change.

A unit of work (a request, a step, a Celery task) reads the settings version once,
before its first cached read; a change anywhere bumps it (triggers), and a change the
unit of work makes itself is seen at once (signals).
"""

import datetime
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.events import Event
from notifications.selectors import expand_recipients, immediate_email_recipients
from organizations import settings_cache
from organizations.models import Province, Role, Unit, User
from organizations.selectors import (
    acting_grants,
    has_role,
    name_key,
    principal_for,
    staff_named,
    users_with_role,
)
from organizations.services import appoint_deputy, grant_role, revoke_role
from workdays import add_working_days
from workdays.models import CalendarDay

pytestmark = pytest.mark.django_db

unit_of_work = settings_cache.unit_of_work


def queries(function) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured.captured_queries)


def in_a_unit_of_work(function):
    """Return what ``function`` returns when called in a unit of work of its own."""
    with unit_of_work():
        return function()


def test_a_unit_of_work_reads_the_version_then_each_setting_once(lan, unit_a, unit_b):
    settings_cache.clear()
    with unit_of_work():
        assert queries(lambda: has_role(lan, Role.UNIT_STAFF, unit_a)) == 2  # version, grants
        assert queries(lambda: has_role(lan, Role.UNIT_HEAD, unit_a)) == 0
        assert queries(lambda: acting_grants(lan)) == 0
    # The next unit of work reads the version only: nothing changed.
    with unit_of_work():
        assert queries(lambda: has_role(lan, Role.UNIT_STAFF, unit_a)) == 1
        assert queries(lambda: has_role(lan, Role.UNIT_HEAD, unit_a)) == 0
    # Outside a unit of work nothing is cached.
    assert queries(lambda: has_role(lan, Role.UNIT_STAFF, unit_a)) == 1
    assert queries(lambda: has_role(lan, Role.UNIT_STAFF, unit_a)) == 1


def test_a_unit_of_work_that_reads_no_setting_reads_no_version(lan):
    with unit_of_work():
        assert queries(lambda: list(Unit.objects.all())) == 1


def test_a_grant_or_revocation_inside_the_unit_of_work_is_seen_at_once(lan, unit_a, unit_b):
    with unit_of_work():
        assert not has_role(lan, Role.UNIT_STAFF, unit_b)
        grant_role(lan, Role.UNIT_STAFF, unit_b)
        assert has_role(lan, Role.UNIT_STAFF, unit_b)
        assert lan in users_with_role(Role.UNIT_STAFF, unit_b)
        revoke_role(lan, Role.UNIT_STAFF, unit_b)
        assert not has_role(lan, Role.UNIT_STAFF, unit_b)
    assert not in_a_unit_of_work(lambda: has_role(lan, Role.UNIT_STAFF, unit_b))


def test_a_deputy_period_made_inside_the_unit_of_work_is_seen_at_once(
    hoa, tuan, quan, focal_agency
):
    today = datetime.date.today()
    with unit_of_work():
        assert not has_role(hoa, Role.DEPARTMENT_HEAD, focal_agency)
        assert expand_recipients([tuan]) == [(tuan, None)]
        appoint_deputy(tuan, deputy=hoa, start_date=today, end_date=today, actor=quan)
        assert has_role(hoa, Role.DEPARTMENT_HEAD, focal_agency)
        assert principal_for(hoa, Role.DEPARTMENT_HEAD, focal_agency) == tuan
        assert principal_for(hoa, Role.DEPARTMENT_REVIEWER, focal_agency) is None
        assert expand_recipients([tuan]) == [(tuan, None), (hoa, tuan)]


def test_the_province_is_read_once_and_again_after_it_changes(province, unit_b):
    with unit_of_work():
        assert queries(Province.current) == 2  # version, province
        assert queries(Province.current) == 0
        changed = Province.objects.get(pk=province.pk)
        changed.focal_agency = unit_b
        changed.save()
        assert Province.current().focal_agency == unit_b
    assert in_a_unit_of_work(Province.current).focal_agency == unit_b
    with unit_of_work():
        assert queries(Province.current) == 1  # the version: the province is cached


def test_a_change_no_signal_tells_of_is_seen_by_the_next_unit_of_work(province, focal_agency):
    """The version trigger, not the signals: a bulk update, as another process's would be."""
    assert in_a_unit_of_work(Province.current).focal_agency.name == "Sở Ngoại vụ"
    Unit.objects.filter(pk=focal_agency.pk).update(name="Văn phòng UBND tỉnh")
    assert in_a_unit_of_work(Province.current).focal_agency.name == "Văn phòng UBND tỉnh"


def test_staff_found_by_name_are_cached_and_a_new_namesake_is_seen_by_the_next_unit_of_work(
    lan, hoa
):
    settings_cache.clear()
    typed = f"  {lan.full_name.lower()} "  # SQLite folds the case of ASCII letters only
    assert in_a_unit_of_work(lambda: staff_named([typed])) == {name_key(typed): lan.pk}
    with unit_of_work():
        assert queries(lambda: staff_named([typed])) == 1  # the version only
    # Another process gives a second staff member the same name: the name links nobody.
    User.objects.filter(pk=hoa.pk).update(full_name=lan.full_name)
    assert in_a_unit_of_work(lambda: staff_named([typed])) == {}


def test_a_change_rolled_back_inside_a_unit_of_work_leaves_nothing_cached(lan, unit_b):
    with unit_of_work():
        with pytest.raises(RuntimeError), transaction.atomic():
            grant_role(lan, Role.UNIT_STAFF, unit_b)
            assert has_role(lan, Role.UNIT_STAFF, unit_b)
            raise RuntimeError("the step failed")
        assert not has_role(lan, Role.UNIT_STAFF, unit_b)
    assert not in_a_unit_of_work(lambda: has_role(lan, Role.UNIT_STAFF, unit_b))


def test_what_a_unit_of_work_is_given_is_its_own_copy(province, unit_b):
    with unit_of_work():
        Province.current().focal_agency = unit_b  # changed, never saved
        assert Province.current().focal_agency == unit_b  # this unit of work's copy
    assert in_a_unit_of_work(Province.current).focal_agency != unit_b


def test_a_cached_instance_is_copied_with_what_it_holds(province):
    # Copied field by field (not deep-copied): its related rows and mutable values too.
    in_a_unit_of_work(Province.current)  # fills the cache
    with unit_of_work():
        given = Province.current()  # a copy of the cached one
        given.focal_agency.name = "Đổi tên tại chỗ"  # a related row, changed in place
        given.name = "Đổi tên"
    with unit_of_work():
        again = Province.current()
        assert again.name != "Đổi tên"
        assert again.focal_agency.name != "Đổi tên tại chỗ"
        assert again is not given and again.focal_agency is not given.focal_agency
        assert again._state is not given._state


def test_values_that_cannot_change_are_shared_and_the_others_copied(db):
    ids = ((1, 2), (3, 4))
    with unit_of_work():
        assert settings_cache.cached(("test_ids",), lambda: ids) is ids
        settings_cache.cached(("test_list",), lambda: [1, 2]).append(3)  # its own copy
    with unit_of_work():
        assert settings_cache.cached(("test_ids",), lambda: ()) is ids  # no deep copy
        assert settings_cache.cached(("test_list",), lambda: []) == [1, 2]
        mixed = settings_cache.cached(("test_mixed",), lambda: ((1, [2]),))
    with unit_of_work():
        mixed[0][1].append(3)
        assert settings_cache.cached(("test_mixed",), lambda: ()) == ((1, [2]),)


def test_a_request_is_a_unit_of_work(client, lan, unit_a):
    seen = []
    original = settings_cache.cached

    def spy(key, load):
        seen.append((key, settings_cache._unit.get() is not None))
        return original(key, load)

    settings_cache.cached = spy
    try:
        client.force_login(lan)
        assert client.get("/").status_code in (200, 302)
    finally:
        settings_cache.cached = original
    assert seen and all(inside for _key, inside in seen)
    assert settings_cache._unit.get() is None


def test_a_celery_task_is_a_unit_of_work(lan):
    from config.celery import app

    @app.task(name="tests.settings_cache_probe")
    def probe():
        return settings_cache._unit.get() is not None

    assert probe.apply().get() is True
    assert settings_cache._unit.get() is None


def test_every_watched_table_bumps_the_version_and_no_other(lan):
    assert settings_cache.watched_tables() == _tables_with_version_triggers()
    assert {"organizations_province", "workflows_calendarday"} <= _tables_with_version_triggers()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite rebuilds altered tables")
def test_triggers_lost_to_a_table_rebuild_are_put_back_after_migrate(lan):
    from organizations.sqlite_triggers import ensure_sqlite_triggers

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER organizations_province_settings_on_update")
    assert "organizations_province" in _tables_with_version_triggers()  # insert, delete left
    ensure_sqlite_triggers(using="default")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
            " AND name = 'organizations_province_settings_on_update'"
        )
        assert cursor.fetchone()[0] == 1


def _tables_with_version_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT event_object_table FROM information_schema.triggers"
                " WHERE action_statement LIKE '%organizations_settings_changed%'"
            )
        else:
            cursor.execute(
                "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger'"
                " AND sql LIKE '%organizations_settings_version%'"
            )
        return {table for (table,) in cursor.fetchall()}


def test_every_column_kept_of_a_person_bumps_the_version_and_no_other(db):
    from organizations.models import User

    kept = {field.column for field in User._meta.concrete_fields} - set(User.UNCACHED_FIELDS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_get_triggerdef(oid) FROM pg_trigger"
                " WHERE tgname = 'organizations_user_settings_changed'"
            )
        else:
            cursor.execute(
                "SELECT sql FROM sqlite_master"
                " WHERE type = 'trigger' AND name = 'organizations_user_settings_on_update'"
            )
        (definition,) = cursor.fetchone()
    columns = re.search(r"UPDATE OF ([\w, ]+?) (?:OR|ON) ", definition)[1]
    assert {column.strip() for column in columns.split(",")} == kept


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


# -- edits through the real pages are seen by the next unit of work -----------------------


@pytest.fixture
def admin(admin_client):
    return admin_client


def test_a_role_granted_and_revoked_in_the_admin_is_seen_by_the_next_unit_of_work(
    admin, vo, unit_b
):
    assert not in_a_unit_of_work(lambda: has_role(vo, Role.UNIT_HEAD, unit_b))
    url = reverse("admin:organizations_user_roles", args=[vo.pk])
    data = {"role": Role.UNIT_HEAD.value, "unit": unit_b.pk, "action": "grant"}
    assert admin.post(url, data).status_code == 302
    assert in_a_unit_of_work(lambda: has_role(vo, Role.UNIT_HEAD, unit_b))
    assert in_a_unit_of_work(lambda: list(users_with_role(Role.UNIT_HEAD, unit_b))) == [vo]
    assert admin.post(url, {**data, "action": "revoke"}).status_code == 302
    assert not in_a_unit_of_work(lambda: has_role(vo, Role.UNIT_HEAD, unit_b))
    assert in_a_unit_of_work(lambda: list(users_with_role(Role.UNIT_HEAD, unit_b))) == []


def test_a_deputy_appointed_in_the_admin_acts_from_the_next_unit_of_work(
    admin, hoa, tuan, focal_agency
):
    assert not in_a_unit_of_work(lambda: has_role(hoa, Role.DEPARTMENT_HEAD, focal_agency))
    assert in_a_unit_of_work(lambda: expand_recipients([tuan])) == [(tuan, None)]
    period = {"principal": tuan.pk, "deputy": hoa.pk}
    dates = {"start_date": "01/12/2026", "end_date": "04/12/2026"}
    assert admin.post(reverse("admin:organizations_deputy_add"), period | dates).status_code == 302
    assert in_a_unit_of_work(lambda: has_role(hoa, Role.DEPARTMENT_HEAD, focal_agency))
    assert in_a_unit_of_work(lambda: expand_recipients([tuan])) == [(tuan, None), (hoa, tuan)]


def test_a_unit_renamed_in_the_admin_is_seen_by_the_next_unit_of_work(admin, province, police):
    assert in_a_unit_of_work(Province.current).security_agency.name == "Công an tỉnh"
    data = {"name": "Công an tỉnh Gia Lai", "code": "CA", "kind": "police", "is_active": "on"}
    url = reverse("admin:organizations_unit_change", args=[police.pk])
    assert admin.post(url, data).status_code == 302
    assert in_a_unit_of_work(Province.current).security_agency.name == "Công an tỉnh Gia Lai"


def test_a_day_off_added_in_the_admin_moves_due_dates_from_the_next_unit_of_work(admin):
    monday = datetime.date(2026, 12, 7)
    assert in_a_unit_of_work(lambda: add_working_days(monday, 1)) == datetime.date(2026, 12, 8)
    data = {"date": "08/12/2026", "kind": CalendarDay.Kind.DAY_OFF, "name": "Nghỉ bù"}
    assert admin.post(reverse("admin:workdays_calendarday_add"), data).status_code == 302
    assert in_a_unit_of_work(lambda: add_working_days(monday, 1)) == datetime.date(2026, 12, 9)


def test_email_choices_saved_on_the_preferences_page_apply_from_the_next_unit_of_work(client, lan):
    lan.email = "lan@example.vn"
    lan.save()
    assert in_a_unit_of_work(lambda: immediate_email_recipients([lan], Event.RETURNED)) == {lan.pk}
    client.force_login(lan)
    others = [e.value for e in Event if e != Event.RETURNED]
    response = client.post(reverse("notifications:preferences"), {"email_events": others})
    assert response.status_code == 302
    assert in_a_unit_of_work(lambda: immediate_email_recipients([lan], Event.RETURNED)) == set()


def test_a_cache_filled_from_a_change_that_rolled_back_is_not_taken_for_a_later_change(
    province, focal_agency, unit_b, police
):
    """The version is never given twice (a sequence on PostgreSQL, random() on SQLite):
    a counter would give the rolled-back number to the next change, and the values
    cached under it would pass for current. (With separate connections on PostgreSQL:
    test_settings_cache_postgres.py.)"""
    with pytest.raises(RuntimeError), transaction.atomic():
        Province.objects.update(focal_agency=unit_b)  # no signal: the cache is not told
        rolled_back = settings_cache.read_version()
        assert in_a_unit_of_work(Province.current).focal_agency == unit_b
        raise RuntimeError("rolled back")
    Unit.objects.filter(pk=police.pk).update(name="Công an tỉnh Gia Lai")
    assert settings_cache.read_version() != rolled_back
    assert in_a_unit_of_work(Province.current).focal_agency == focal_agency


def test_a_sign_in_leaves_the_cached_settings_alone(client, lan):
    """Only what the cache keeps of a person bumps the version, not the last sign-in."""
    from tests.conftest import PASSWORD

    before = settings_cache.read_version()
    signing_in = {"username": lan.username, "password": PASSWORD}
    assert client.post(reverse("login"), signing_in).status_code == 302
    lan.refresh_from_db()
    assert lan.last_login is not None
    assert settings_cache.read_version() == before
    lan.email = "lan@example.vn"
    lan.save()
    assert settings_cache.read_version() != before
