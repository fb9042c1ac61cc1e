"""A refusal at review is proposed, not decided, by the reviewer (issue #24).

hoa (the focal agency's reviewer) proposes; tuan (the focal agency's head) decides for
the matters a leader in charge of foreign affairs would approve, chu (the Chairman) for
the matters he decides himself (an agreement, a foreign NGO aid). lan, or an and binh
for a business (ABTC), file and endorse.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import Entry
from matters import services as shared
from ngo_aid.models import ForeignNGO
from notifications.models import Notification
from organizations.models import Role
from permits import services as trip_services
from permits.models import Status
from workflows import selectors
from workflows.flows import (
    AbtcFlow,
    AgreementFlow,
    ConferenceFlow,
    InboundVisitFlow,
    NgoAidFlow,
    OutboundTripFlow,
)

from ..abtc import helpers as abtc
from ..agreements import helpers as agreements
from ..agreements.helpers import complete, decide, open_task
from ..conferences import helpers as conferences
from ..conftest import _person
from ..factories import UnitFactory
from ..ngo_aid import helpers as ngo_aid
from ..trips import started_trip
from . import inbound_helpers as inbound

pytestmark = pytest.mark.django_db

REASON = "Không phù hợp chủ trương hợp tác của tỉnh"


def _trip(client, people):
    return started_trip(people["lan"], people["unit_a"])


KINDS = {
    # kind: (flow, how unit staff file it, staff, head, who decides a proposed refusal)
    "outbound": (OutboundTripFlow, _trip, "lan", "minh", "tuan"),
    "inbound": (InboundVisitFlow, lambda c, p: inbound.submit(c, p["lan"]), "lan", "minh", "tuan"),
    "agreement": (
        AgreementFlow,
        lambda c, p: agreements.submit(c, p["lan"]),
        "lan",
        "minh",
        "chu",
    ),
    "conference": (
        ConferenceFlow,
        lambda c, p: conferences.submit(c, p["lan"]),
        "lan",
        "minh",
        "tuan",
    ),
    "ngo_aid": (
        NgoAidFlow,
        lambda c, p: ngo_aid.submit(c, p["lan"], p["donor"]),
        "lan",
        "minh",
        "chu",
    ),
    "abtc": (AbtcFlow, lambda c, p: abtc.submit(c, p["an"]), "an", "binh", "tuan"),
}


@pytest.fixture
def people(province, unit_a, lan, minh, hoa, tuan, dung, chu, pho):
    """The cast by name, with a business's staff and head (ABTC) and an NGO donor."""
    business = UnitFactory(name="Công ty TNHH Hải Phong", code="DNHP", kind="enterprise")
    return {
        "unit_a": unit_a,
        "lan": lan,
        "minh": minh,
        "hoa": hoa,
        "tuan": tuan,
        "chu": chu,
        "an": _person("an", "Nguyễn Văn An", business, Role.UNIT_STAFF, "Nhân viên"),
        "binh": _person("binh", "Trần Thị Bình", business, Role.UNIT_HEAD, "Giám đốc"),
        "donor": ForeignNGO.objects.create(
            name="Children of Vietnam Foundation",
            country="US",
            registration_kind=ForeignNGO.Registration.OPERATION,
            registration_number="123/CNV-HĐ",
        ),
    }


def proposed(client, people, kind):
    """File a matter of ``kind``, endorse it and have hoa propose its refusal."""
    flow, file, staff, head, _decider = KINDS[kind]
    matter = file(client, people)
    decide(client, people[head], matter, flow.endorse, "endorse")
    decide(client, people["hoa"], matter, flow.review, "reject", REASON)
    return matter


def actions(matter):
    entries = Entry.objects.filter(subject_id=str(matter.pk), subject_label=str(matter))
    return list(entries.exclude(action="claimed").values_list("action", flat=True))


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_proposed_rejection_waits_for_the_one_who_decides_who_refuses_with_the_reason(
    client, people, kind
):
    flow, _file, staff, _head, decider = KINDS[kind]
    matter = proposed(client, people, kind)

    assert matter.status == Status.REJECTION_PROPOSED
    assert selectors.process_of(matter).status != "DONE"
    task = open_task(matter, flow.confirm_rejection)
    if decider == "chu":
        assert task.owner == people["chu"]  # the Chairman's own matter: routed to him
    else:
        assert task.owner is None  # in the queue of the focal agency's heads
    assert Notification.objects.filter(recipient=people[decider], event="task_assigned").exists()
    # the reviewer alone cannot end it
    agreements.login(client, people["hoa"])
    assert client.post(task.reverse("assign")).status_code == 403
    assert client.post(task.reverse("execute"), {"decision": "confirm"}).status_code == 403

    decide(client, people[decider], matter, flow.confirm_rejection, "confirm")

    assert matter.status == Status.REJECTED
    assert selectors.process_of(matter).status == "DONE"
    assert actions(matter)[-2:] == ["rejection_proposed", "rejected"]
    refusal = Entry.objects.get(subject_id=str(matter.pk), action="rejected")
    assert (refusal.comment, refusal.actor) == (REASON, people[decider])
    assert Notification.objects.filter(recipient=people[staff], event="rejected").exists()


def test_the_decider_reads_the_reason_and_overruled_the_request_goes_back_to_the_reviewer(
    client, people
):
    trip = proposed(client, people, "outbound")
    tuan, hoa = people["tuan"], people["hoa"]
    # an overruling says why
    response = complete(client, tuan, trip, OutboundTripFlow.confirm_rejection, decision="overrule")
    assert response.status_code == 200
    trip.refresh_from_db()
    assert trip.status == Status.REJECTION_PROPOSED
    page = client.get(open_task(trip, OutboundTripFlow.confirm_rejection).reverse("execute"))
    assert REASON in page.content.decode()

    decide(client, tuan, trip, OutboundTripFlow.confirm_rejection, "overrule", "Đủ điều kiện")

    assert trip.status == Status.IN_REVIEW
    assert open_task(trip, OutboundTripFlow.review).owner == hoa
    assert actions(trip)[-1] == "rejection_overruled"
    told = Notification.objects.get(recipient=hoa, event="returned")
    assert (told.actor, told.context["comment"]) == (tuan, "Đủ điều kiện")
    decide(client, hoa, trip, OutboundTripFlow.review, "forward")
    assert trip.status == Status.SECURITY_CHECK


def test_no_service_lets_the_reviewer_end_a_request_alone(
    province, unit_a, lan, minh, hoa, tuan, pho
):
    trip = started_trip(lan, unit_a)
    trip_services.endorse(trip, actor=minh)
    with pytest.raises(ValidationError):
        shared.reject(trip, actor=hoa, comment=REASON)  # a leader's decision only
    with pytest.raises(ValidationError):
        trip_services.rejection.propose(trip, actor=hoa, comment=" ")  # a reason is due

    trip_services.rejection.propose(trip, actor=hoa, comment=REASON)
    for someone in (hoa, pho):  # neither the reviewer nor a leader it is not theirs
        with pytest.raises(PermissionDenied):
            trip_services.rejection.confirm(trip, actor=someone)
    trip.refresh_from_db()
    assert trip.status == Status.REJECTION_PROPOSED
    assert trip_services.can_withdraw(trip, lan)  # undecided: its unit may still take it back
