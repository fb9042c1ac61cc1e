"""On PostgreSQL, with real separate connections: a cached setting changed elsewhere is
seen by the next unit of work, also when a changing transaction rolled back.

The changes are made in another thread, on its own connection, outside any unit of work
of this process's cache: to the cache they are another process's.
"""

import os
import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from organizations import settings_cache
from organizations.models import Province, Unit

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs the settings cache's guarantees on PostgreSQL")
        pytest.skip("the version's sequence and separate connections need PostgreSQL")


class RolledBack(Exception):
    pass


def elsewhere(change, *, roll_back=False):
    """Run ``change()`` in another thread on its own connection; commit it, or roll it
    back after it ran."""
    failures = []

    def run():
        try:
            with transaction.atomic():
                change()
                if roll_back:
                    raise RolledBack
        except RolledBack:
            pass
        except Exception as error:  # noqa: BLE001 - handed back to the test
            failures.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not failures, failures


def focal_agency_name() -> tuple[str, int]:
    """Return the focal agency's name read in a unit of work of its own, and its queries."""
    with CaptureQueriesContext(connection) as captured, settings_cache.unit_of_work():
        name = Province.current().focal_agency.name
    return name, len(captured)


def set_focal_agency(unit):
    Province.objects.update(focal_agency=unit)


def test_a_setting_changed_by_another_connection_is_seen_by_the_next_unit_of_work(province, unit_b):
    assert focal_agency_name()[0] == "Sở Ngoại vụ"
    assert focal_agency_name() == ("Sở Ngoại vụ", 1)  # the version only: cached
    elsewhere(lambda: set_focal_agency(unit_b))
    assert focal_agency_name() == ("Trường Đại học Quy Nhơn", 2)


def test_a_change_rolled_back_elsewhere_leaves_the_cache_and_the_next_commit_is_seen(
    province, unit_b, police
):
    assert focal_agency_name()[0] == "Sở Ngoại vụ"
    elsewhere(lambda: set_focal_agency(unit_b), roll_back=True)
    assert focal_agency_name() == ("Sở Ngoại vụ", 1)
    elsewhere(lambda: Unit.objects.filter(pk=police.pk).update(name="Công an tỉnh Gia Lai"))
    elsewhere(lambda: set_focal_agency(police))
    assert focal_agency_name() == ("Công an tỉnh Gia Lai", 2)


def test_a_cache_filled_under_a_rolled_back_version_is_never_taken_for_a_later_one(
    province, unit_b, police
):
    """The version comes from a sequence: a counter would give the rolled-back number
    again to the next change, and the cache filled under it would pass for current."""
    assert focal_agency_name()[0] == "Sở Ngoại vụ"
    # This connection changes the province without telling the cache (no signal: a
    # bulk update), fills the cache from its own uncommitted change, and rolls back.
    with pytest.raises(RolledBack), transaction.atomic():
        set_focal_agency(unit_b)
        seen_inside = settings_cache.read_version()
        assert focal_agency_name()[0] == "Trường Đại học Quy Nhơn"
        raise RolledBack
    before = settings_cache.read_version()
    assert before < seen_inside  # the row went back; the number is spent
    # Another connection then commits a change to another setting.
    elsewhere(lambda: Unit.objects.filter(pk=police.pk).update(name="Công an tỉnh Gia Lai"))
    after = settings_cache.read_version()
    assert after > seen_inside
    assert focal_agency_name() == ("Sở Ngoại vụ", 2)


def test_a_change_committed_during_a_unit_of_work_is_read_again_by_the_next(province, unit_b):
    """The version is read before the setting: a change committed in between is cached
    under the old version, so the next unit of work reads it again."""
    assert focal_agency_name()[0] == "Sở Ngoại vụ"
    elsewhere(lambda: Unit.objects.filter(pk=unit_b.pk).update(name="Đại học Quy Nhơn"))
    with settings_cache.unit_of_work():
        settings_cache.cached(("probe",), lambda: None)  # reads the version
        elsewhere(lambda: set_focal_agency(unit_b))
        assert Province.current().focal_agency.name == "Đại học Quy Nhơn"
    assert focal_agency_name() == ("Đại học Quy Nhơn", 2)
