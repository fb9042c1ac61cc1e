"""The registry of kinds: the menu, the home page, the inbox and the demo read it."""

import pytest
from django.urls import reverse

from abtc.models import AbtcRequest
from agreements.models import Agreement
from conferences.models import Conference
from matters import kinds
from ngo_aid.models import AidProject
from permits.models import InboundVisit, OutboundTrip
from plans.models import PlanItem
from workflows.flows import (
    AbtcFlow,
    AgreementFlow,
    ChangeFlow,
    ConferenceFlow,
    InboundVisitFlow,
    NgoAidFlow,
    OutboundTripFlow,
)
from workflows.home import home_page_for
from workflows.management.commands.load_demo import loaders
from workflows.site import flow_classes


@pytest.fixture(autouse=True)
def _flows_mounted():
    """Load the project's URLs: that is where the engine attaches each kind's flow."""
    import workflows.urls  # noqa: F401


def test_every_kind_registers_once_in_menu_order():
    registered = [(kind.key, kind.model, kind.flow) for kind in kinds.all_kinds()]

    assert registered == [
        ("outbound", OutboundTrip, OutboundTripFlow),
        ("inbound", InboundVisit, InboundVisitFlow),
        ("agreement", Agreement, AgreementFlow),
        ("conference", Conference, ConferenceFlow),
        ("ngo_aid", AidProject, NgoAidFlow),
        ("abtc", AbtcRequest, AbtcFlow),
        ("plan", PlanItem, None),
    ]
    assert kinds.for_model(OutboundTrip) is kinds.get("outbound")


def test_the_inbox_reads_the_flows_of_the_registered_kinds():
    kinds_flows = [
        OutboundTripFlow,
        InboundVisitFlow,
        AgreementFlow,
        ConferenceFlow,
        NgoAidFlow,
        AbtcFlow,
    ]
    # and the change of an issued document, which belongs to no kind (ADR 0012)
    assert flow_classes() == [*kinds_flows, ChangeFlow]


def test_the_demo_runs_each_kinds_loader_between_the_ground_floor_and_the_figures():
    order = loaders()

    assert order[0] == "organizations.demo.load"
    assert order[-2:] == ["people.demo.load", "reports.demo.load"]
    assert order[2:-2] == [
        kinds.get(key).demo
        for key in ("outbound", "inbound", "agreement", "conference", "ngo_aid", "abtc", "plan")
    ]


@pytest.mark.django_db
def test_the_menu_links_every_kind_and_the_home_page_starts_every_startable_one(client, lan):
    client.force_login(lan)
    page = client.get(reverse("home")).content.decode()

    for kind in kinds.all_kinds():
        assert f'href="{reverse(kind.list_url)}" data-testid="nav-{kind.key}"' in page
    starts = [entry.url_name for entry in home_page_for(lan).start_entries]
    assert starts == [
        "outbound_start",
        "inbound_start",
        "agreement_start",
        "conference_start",
        "ngo_aid_start",
        "abtc_start",
    ]


@pytest.mark.django_db
def test_a_role_that_starts_nothing_gets_no_start_link(kiem):
    assert [entry.url_name for entry in home_page_for(kiem).start_entries] == ["audit:search"]
