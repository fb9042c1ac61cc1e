"""List pages count their rows only up to a cap (docs/performance.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matters import paging
from organizations.models import Unit

from ..factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cap_of_three(monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 3)


def test_the_count_stops_past_the_cap(cap_of_three):
    UnitFactory.create_batch(6)
    paginator = paging.CappedPaginator(Unit.objects.order_by("pk"), 2)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 4
    assert "LIMIT 4" in queries[0]["sql"]
    assert paginator.is_capped
    assert paginator.num_pages == 2


def test_a_short_list_is_counted_exactly(cap_of_three):
    UnitFactory.create_batch(3)
    paginator = paging.CappedPaginator(Unit.objects.order_by("pk"), 2)
    assert paginator.count == 3
    assert not paginator.is_capped
    assert paginator.num_pages == 2
