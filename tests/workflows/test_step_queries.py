"""A trip's steps read their settings from the process's cache (organizations.settings_cache).

Each step is one unit of work: it reads the settings version once, then takes the
grants, the province, the role holders, deputies, email choices and the calendar from
the cache, filled by the trip before it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations import settings_cache
from permits import services
from workflows import driver
from workflows.flows import OutboundTripFlow as F

from ..trips import started_trip

pytestmark = pytest.mark.django_db

# On an empty cache a trip's five steps read their settings 20 times (grants, province,
# calendar, deputies, email choices, role holders); on a filled one none, beside the
# version once per step. With them, a trip took 202 queries (SQLite) to 207 (PostgreSQL);
# from the cache, 156 to 126. Reading the open task with its process in one query, no
# savepoint inside the process lock, no second read of the matter just submitted and no
# delete of a new trip's members: 142 to 112. The approval's draft marked in one update
# and the reviewer read from the cache (by the submission and the approval): 136 to 106.
SAVED_AT_LEAST = 18
AT_MOST_PER_TRIP = 140


def _trip(lan, unit, minh, hoa, dung, pho, title):
    """Drive a trip through its five steps; return the queries of each."""
    counts = []

    def step(call):
        with CaptureQueriesContext(connection) as captured:
            result = call()
        counts.append(len(captured))
        return result

    trip = step(lambda: started_trip(lan, unit, title=title))
    steps = [
        (F.endorse, minh, lambda t, task: services.endorse(t, actor=minh, task=task)),
        (F.review, hoa, lambda t, task: services.forward(t, actor=hoa, task=task)),
        (
            F.security_check,
            dung,
            lambda t, task: services.security_check(
                t, actor=dung, verdicts={m.pk: ("cleared", "") for m in t.members.all()}, task=task
            ),
        ),
        (F.approve, pho, lambda t, task: services.approve(t, actor=pho, task=task)),
    ]
    for node, actor, perform in steps:
        step(
            lambda node=node, actor=actor, perform=perform: driver.complete(
                trip, node, actor=actor, perform=perform, refresh=False
            )
        )
    return counts


def _cold(lan, unit, minh, hoa, dung, pho, title, monkeypatch):
    """The same trip with every step starting from an empty process cache."""
    original = settings_cache.unit_of_work

    def emptied():
        settings_cache.clear()
        return original()

    monkeypatch.setattr(driver, "unit_of_work", emptied)
    try:
        return _trip(lan, unit, minh, hoa, dung, pho, title)
    finally:
        monkeypatch.setattr(driver, "unit_of_work", original)


def test_a_trips_steps_take_their_settings_from_the_cache(
    province, unit_a, lan, minh, hoa, dung, pho, monkeypatch
):
    cast = (lan, unit_a, minh, hoa, dung, pho)
    _trip(*cast, title="Đoàn làm nóng")  # fills the cache
    warm = _trip(*cast, title="Đoàn thứ hai")
    cold = _cold(*cast, title="Đoàn thứ ba", monkeypatch=monkeypatch)
    assert sum(cold) - sum(warm) >= SAVED_AT_LEAST, (cold, warm)
    assert sum(warm) <= AT_MOST_PER_TRIP, warm
    assert all(w < c for w, c in zip(warm, cold, strict=True)), (cold, warm)
