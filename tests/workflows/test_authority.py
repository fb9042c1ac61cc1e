"""Authority is read again when a step is completed, not only when it is claimed.

minh (unit A head) endorses lan's trip; vo (unit A, no role of his own) is minh's
deputy for a period. A role taken away, or a deputy period ended, after the claim
leaves the task where it is: completing answers 403, the trip does not move, and the
only entry written is the refusal.
"""

import datetime

import pytest
from viewflow.workflow.status import STATUS

from audit.models import Action, Entry
from organizations.models import Deputy, Role
from organizations.selectors import today
from organizations.services import appoint_deputy, revoke_role
from permits.models import Status
from workflows.flows import OutboundTripFlow

from .test_outbound_flow import login, open_task, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(province, lan, minh, hoa):
    return province


@pytest.fixture
def deputy_period(minh, vo):
    return appoint_deputy(
        minh,
        deputy=vo,
        start_date=today() - datetime.timedelta(days=1),
        end_date=today() + datetime.timedelta(days=5),
        actor=None,
    )


def claim(client, user, task):
    login(client, user)
    response = client.post(task.reverse("assign"))
    task.refresh_from_db()
    return response


def endorse(client, user, task):
    """Sign ``user`` in, then complete the endorsement; return the answer and the last
    audit entry's number before the completion."""
    login(client, user)
    before = last_seq()
    return client.post(task.reverse("execute"), {"decision": "endorse", "comment": ""}), before


def assert_nothing_moved(trip, task, entries_before):
    """The trip, its step and the audit trail are as they were, but for one refusal."""
    trip.refresh_from_db()
    task.refresh_from_db()
    assert trip.status == Status.SUBMITTED
    assert task.status == STATUS.ASSIGNED
    assert open_task(trip, OutboundTripFlow.endorse) == task
    new = Entry.objects.filter(seq__gt=entries_before)
    assert list(new.values_list("action", flat=True)) == [Action.ACCESS_DENIED]


def last_seq():
    return Entry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def test_a_unit_head_whose_role_is_removed_after_claiming_cannot_complete(client, cast, lan, minh):
    trip = submit(client, lan)
    task = open_task(trip, OutboundTripFlow.endorse)
    assert claim(client, minh, task).status_code == 302
    assert task.owner == minh

    revoke_role(minh, Role.UNIT_HEAD, trip.unit)
    response, before = endorse(client, minh, task)

    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện thao tác này" in response.content.decode()
    assert_nothing_moved(trip, task, before)
    # Opening the step is refused as well, not only the completion.
    assert client.get(task.reverse("execute")).status_code == 403


def test_a_unit_head_whose_role_is_removed_cannot_claim(client, cast, lan, minh):
    trip = submit(client, lan)
    task = open_task(trip, OutboundTripFlow.endorse)
    revoke_role(minh, Role.UNIT_HEAD, trip.unit)

    # minh no longer sees unit A's trips either: the queue hides the task behind a 404.
    assert claim(client, minh, task).status_code == 404
    assert task.owner is None and task.status == STATUS.NEW


def test_a_deputy_whose_period_ended_after_claiming_cannot_complete(
    client, cast, lan, minh, vo, deputy_period
):
    trip = submit(client, lan)
    task = open_task(trip, OutboundTripFlow.endorse)
    assert claim(client, vo, task).status_code == 302
    assert task.owner == vo

    Deputy.objects.filter(pk=deputy_period.pk).update(end_date=today() - datetime.timedelta(days=1))
    response, before = endorse(client, vo, task)

    assert response.status_code == 403
    assert_nothing_moved(trip, task, before)


def test_a_deputy_whose_period_ended_cannot_complete_the_principals_task(
    client, cast, lan, minh, vo, deputy_period
):
    trip = submit(client, lan)
    task = open_task(trip, OutboundTripFlow.endorse)
    assert claim(client, minh, task).status_code == 302

    Deputy.objects.filter(pk=deputy_period.pk).update(end_date=today() - datetime.timedelta(days=1))
    response, before = endorse(client, vo, task)

    # No longer minh's deputy, vo is an outsider to the trip again: it is hidden.
    assert response.status_code == 404
    assert_nothing_moved(trip, task, before)


def test_a_deputy_acting_for_a_principal_who_lost_the_role_cannot_complete(
    client, cast, lan, minh, vo, deputy_period
):
    trip = submit(client, lan)
    task = open_task(trip, OutboundTripFlow.endorse)
    assert claim(client, minh, task).status_code == 302
    revoke_role(minh, Role.UNIT_HEAD, trip.unit)

    response, before = endorse(client, vo, task)

    assert response.status_code == 403
    assert_nothing_moved(trip, task, before)


@pytest.mark.parametrize("claimed_by", ["minh", "vo"])
def test_a_deputy_inside_the_period_completes_on_behalf_of_the_principal(
    client, cast, lan, minh, vo, deputy_period, claimed_by
):
    trip = submit(client, lan)
    task = open_task(trip, OutboundTripFlow.endorse)
    assert claim(client, {"minh": minh, "vo": vo}[claimed_by], task).status_code == 302

    response, _before = endorse(client, vo, task)

    assert response.status_code == 302, response.content.decode()[:2000]
    trip.refresh_from_db()
    assert trip.status == Status.IN_REVIEW
    entry = Entry.objects.get(action=Action.ENDORSED, subject_id=str(trip.pk))
    assert entry.actor == vo
    assert entry.on_behalf_of == minh
    assert entry.role == Role.UNIT_HEAD
