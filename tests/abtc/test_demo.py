"""The ABTC demo leaves a request waiting at every step, a register of cards and a card
about to expire, once however often it runs."""

import io

import pytest

from abtc import services
from abtc.models import AbtcRequest, Manager, Status
from organizations import demo as organization_demo
from workdays import calendar
from workflows import demo_abtc, selectors
from workflows.flows import AbtcFlow as F

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_request_waiting_at_every_step():
    out = io.StringIO()
    organization_demo.load(out)
    calendar.load_demo(out)
    demo_abtc.load(out)
    demo_abtc.load(out)

    requests = AbtcRequest.objects.all()
    assert requests.count() == len(demo_abtc.REQUESTS)
    waiting = {
        task.flow_task
        for abtc_request in requests
        for task in selectors.process_of(abtc_request).task_set.filter(status__in=selectors.OPEN)
    }
    assert waiting >= {F.endorse, F.review, F.revise, F.select_agencies, F.give_opinion}
    assert waiting >= {F.synthesize, F.approve, F.sign}
    assert requests.filter(status=Status.APPROVED).count() == 1
    assert requests.filter(status=Status.COMPLETED).count() == 1
    # the cards follow a decision signed and registered by the clerk (ADR 0012)
    assert requests.get(status=Status.COMPLETED).decision_number.endswith("/QĐ-UBND")
    assert requests.get(status=Status.APPROVED).decision_number == ""
    assert Manager.objects.exclude(card_number="").count() == 2
    assert services.expiring_cards().count() == 1
