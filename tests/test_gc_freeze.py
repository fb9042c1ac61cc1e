"""A web worker moves its long-lived objects out of the garbage collector's walk."""

import gc

import pytest
from django.core.signals import request_finished

from config.gc_freeze import Freezer, freeze_after_first_requests


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_the_freezer_freezes_after_the_requests_it_was_told(unfrozen):
    freezer = Freezer(after=(2, 4))
    kept = [[] for _ in range(100)]  # long-lived objects the collector tracks
    freezer.request_served()
    assert gc.get_freeze_count() == 0
    freezer.request_served()
    first = gc.get_freeze_count()
    assert first >= len(kept)
    freezer.request_served()
    assert gc.get_freeze_count() == first
    more = [[] for _ in range(100)]
    freezer.request_served()
    assert gc.get_freeze_count() >= first + len(more)


def test_a_worker_counts_a_request_when_it_has_finished(unfrozen):
    freeze_after_first_requests(Freezer(after=(1,)))
    try:
        request_finished.send(sender=None)
        assert gc.get_freeze_count() > 0
    finally:
        request_finished.disconnect(dispatch_uid="config.gc_freeze")
