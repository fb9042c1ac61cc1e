"""``load_demo`` leaves this year's plan signed and registered, with an item done, one whose trip is
under review, items not done and a trip outside the plan; once."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from permits.models import OutboundTrip
from plans import selectors
from plans.models import PlanItem, Round

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_approved_plan_with_done_pending_and_unplanned_requests():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    year = timezone.localdate().year
    plan_round = Round.objects.get(year=year)
    assert plan_round.status == "approved" and plan_round.plan_number.endswith("/KH-UBND")
    # Signed and entered in the committee's one register, after the demo's decisions.
    document = plan_round.versions.get().issuance
    assert document.is_signed and document.number == plan_round.plan_number
    assert document.sequence >= 1889
    assert PlanItem.objects.filter(approved=True).count() == 4
    linked = OutboundTrip.objects.filter(plan_item__isnull=False)
    assert sorted(linked.values_list("status", flat=True)) == ["approved", "in_review"]
    unplanned = OutboundTrip.objects.get(unplanned_reason__startswith="Lời mời đột xuất")
    assert unplanned.status == "approved" and unplanned.plan_item is None

    trips = selectors.plan_vs_actual(year)["total"]["outbound"]
    assert (trips["planned"], trips["done"], trips["not_done"]) == (3, 1, 2)
    assert trips["unplanned"] >= 1
