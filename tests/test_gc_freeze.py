"""A web worker moves its long-lived objects out of the garbage collector's walk."""

import gc

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections

from config.gc_freeze import Freezer, freeze_after_first_requests


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def _frozen(thing) -> bool:
    # The collector's generations list what it walks; frozen objects are not among them.
    return not any(tracked is thing for tracked in gc.get_objects())


def test_the_freezer_freezes_after_the_requests_it_was_told(unfrozen):
    freezer = Freezer(after=(2, 4))
    kept = []  # a long-lived object the collector tracks
    freezer.request_served()
    assert not _frozen(kept)
    freezer.request_served()
    assert _frozen(kept)
    more = []
    freezer.request_served()
    assert not _frozen(more)
    freezer.request_served()
    assert _frozen(more)


@pytest.fixture
def without_connection_closing():
    # As Django's test client does: the finished-request signal would otherwise close
    # the test database's connection, which this test has no business touching.
    request_finished.disconnect(close_old_connections)
    yield
    request_finished.connect(close_old_connections)


def test_a_worker_counts_a_request_when_it_has_finished(unfrozen, without_connection_closing):
    freeze_after_first_requests(Freezer(after=(1,)))
    try:
        kept = []
        request_finished.send(sender=None)
        assert _frozen(kept)
    finally:
        request_finished.disconnect(dispatch_uid="config.gc_freeze")
