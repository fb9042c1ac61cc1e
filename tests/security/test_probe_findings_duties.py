"""Separation of duties and re-endorsement (issue 17, items 10 and 11), for every kind.

Nobody endorses a matter they filed, nobody approves a trip they travel on (a leader
typed in by name is linked to their account), and a revision that changes what the
unit head endorsed goes back to the head.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from agreements.models import Status as AgreementStatus
from organizations.models import Role
from organizations.services import grant_role
from permits import services
from permits.models import Status
from workflows.flows import AgreementFlow, InboundVisitFlow
from workflows.flows import OutboundTripFlow as F

from ..agreements import helpers as agreement
from ..conftest import _person
from ..workflows import inbound_helpers as visit
from ..workflows.test_outbound_flow import (
    START,
    clear_all,
    complete,
    decide,
    login,
    open_task,
    submit,
    trip_data,
)

pytestmark = pytest.mark.django_db

VICE_CHAIRMAN_AS_MEMBER = {
    "members-1-full_name": "Lâm Hải Giang",
    "members-1-position": "Phó Chủ tịch UBND tỉnh",
    "members-1-unit_name": "UBND tỉnh",
}


@pytest.fixture
def cast(province, lan, long, minh, hoa, tuan, dung, thao, chu, pho, kiem):
    return province


def _at_approval(client, lan, minh, hoa, dung, **overrides):
    trip = submit(client, lan, **overrides)
    decide(client, minh, trip, F.endorse, "endorse")
    decide(client, hoa, trip, F.review, "forward")
    return clear_all(client, dung, trip)


# -- 10. separation of duties ------------------------------------------------------------


def test_a_person_holding_staff_and_head_roles_cannot_endorse_their_own_trip(
    client, cast, lan, minh, unit_a
):
    grant_role(lan, Role.UNIT_HEAD, unit_a)
    trip = submit(client, lan)
    task = open_task(trip, F.endorse)
    login(client, lan)
    client.post(task.reverse("assign"))
    client.post(task.reverse("execute"), {"decision": "endorse", "comment": ""})
    trip.refresh_from_db()
    assert trip.status == Status.SUBMITTED
    # The other head still can.
    decide(client, minh, trip, F.endorse, "endorse")
    assert trip.status == Status.IN_REVIEW


def test_the_service_refuses_the_submitter_s_endorsement_whatever_the_task(
    client, cast, lan, unit_a
):
    grant_role(lan, Role.UNIT_HEAD, unit_a)
    trip = submit(client, lan)
    with pytest.raises(PermissionDenied, match="Người lập hồ sơ"):
        services.endorse(trip, actor=lan)
    trip.refresh_from_db()
    assert trip.status == Status.SUBMITTED


def test_a_submitter_holding_the_endorse_task_sees_the_refusal_on_the_form(
    client, cast, lan, minh, unit_a
):
    grant_role(lan, Role.UNIT_HEAD, unit_a)
    trip = submit(client, lan)
    task = open_task(trip, F.endorse)
    task.owner, task.status = lan, "ASSIGNED"  # taken before the rule existed
    task.save()
    login(client, lan)
    response = client.post(task.reverse("execute"), {"decision": "endorse", "comment": ""})
    assert response.status_code == 200
    assert "không được tự cho ý kiến" in response.content.decode()
    trip.refresh_from_db()
    assert trip.status == Status.SUBMITTED


def test_a_staff_and_head_cannot_endorse_their_own_visit(client, cast, lan, minh, unit_a):
    grant_role(lan, Role.UNIT_HEAD, unit_a)
    matter = visit.submit(client, lan)
    task = visit.open_task(matter, InboundVisitFlow.endorse)
    login(client, lan)
    client.post(task.reverse("assign"))
    client.post(task.reverse("execute"), {"decision": "endorse", "comment": ""})
    matter.refresh_from_db()
    assert matter.status == Status.SUBMITTED
    visit.decide(client, minh, matter, InboundVisitFlow.endorse, "endorse")
    assert matter.status == Status.IN_REVIEW


def test_a_staff_and_head_cannot_endorse_their_own_agreement(client, cast, lan, minh, unit_a):
    grant_role(lan, Role.UNIT_HEAD, unit_a)
    matter = agreement.submit(client, lan)
    task = agreement.open_task(matter, AgreementFlow.endorse)
    login(client, lan)
    client.post(task.reverse("assign"))
    client.post(task.reverse("execute"), {"decision": "endorse", "comment": ""})
    matter.refresh_from_db()
    assert matter.status == AgreementStatus.SUBMITTED
    agreement.decide(client, minh, matter, AgreementFlow.endorse, "endorse")
    assert matter.status == AgreementStatus.IN_REVIEW


def test_a_leader_typed_in_as_a_member_does_not_approve_the_trip(
    client, cast, lan, minh, hoa, dung, pho, chu
):
    trip = _at_approval(client, lan, minh, hoa, dung, **VICE_CHAIRMAN_AS_MEMBER)
    assert trip.members.get(full_name="Lâm Hải Giang").user == pho
    task = open_task(trip, F.approve)
    assert task.owner == chu  # the leader in charge travels: the Chairman decides
    login(client, pho)
    if task.owner_id is None:
        client.post(task.reverse("assign"))
    client.post(task.reverse("execute"), {"decision": "approve", "comment": ""})
    trip.refresh_from_db()
    assert trip.status == Status.AWAITING_APPROVAL
    with pytest.raises(PermissionDenied):
        services.approve(trip, actor=pho)
    decide(client, chu, trip, F.approve, "approve")
    assert trip.status == Status.APPROVED


def test_a_name_borne_by_two_staff_members_links_nobody(client, cast, lan, unit_b, pho):
    _person("giang2", "Lâm Hải Giang", unit_b, Role.UNIT_STAFF, "Chuyên viên")
    trip = submit(client, lan, **VICE_CHAIRMAN_AS_MEMBER)
    assert trip.members.get(full_name="Lâm Hải Giang").user is None
    # The names are matched whole, whatever the spacing and case.
    assert trip.members.get(full_name="Lê Quang Minh").user is not None
    assert services.staff_named(["  lê  quang minh "])


def test_the_reviewer_confirms_or_removes_a_proposed_link(client, cast, lan, minh, hoa, pho):
    trip = submit(client, lan, **VICE_CHAIRMAN_AS_MEMBER)
    decide(client, minh, trip, F.endorse, "endorse")
    wrong = trip.members.get(full_name="Lâm Hải Giang")
    right = trip.members.get(full_name="Lê Quang Minh")
    login(client, hoa)
    task = open_task(trip, F.review)
    client.post(task.reverse("assign"))
    page = client.get(task.reverse("execute")).content.decode()
    assert "Liên kết thành viên với cán bộ" in page
    assert f'value="{wrong.pk}"' in page and f'value="{right.pk}"' in page
    response = complete(
        client, hoa, trip, F.review, decision="forward", comment="", unlink=[wrong.pk]
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    wrong.refresh_from_db()
    right.refresh_from_db()
    assert wrong.user is None and right.user == minh
    assert services.approver_for(trip) == pho


# -- 11. revision that changes substance goes back to the unit head ----------------------


def _returned_trip(client, lan, minh, hoa):
    trip = submit(client, lan)
    decide(client, minh, trip, F.endorse, "endorse")
    return decide(client, hoa, trip, F.review, "return", comment="Bổ sung chương trình")


def test_a_revision_that_moves_the_dates_is_endorsed_again(client, cast, lan, minh, hoa):
    trip = _returned_trip(client, lan, minh, hoa)
    later = START + datetime.timedelta(days=7)
    response = complete(
        client,
        lan,
        trip,
        F.revise,
        **trip_data(
            start_date=later.isoformat(),
            end_date=(later + datetime.timedelta(days=5)).isoformat(),
            comment="Đã dời ngày",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    trip.refresh_from_db()
    assert trip.status == Status.SUBMITTED
    assert open_task(trip, F.endorse)
    # The head endorses again, and the same reviewer sees what changed.
    decide(client, minh, trip, F.endorse, "endorse")
    assert open_task(trip, F.review).owner == hoa
    login(client, hoa)
    page = client.get(reverse("outbound_trip", args=[trip.pk])).content.decode()
    assert "Đã thay đổi:" in page and "ngày đi" in page.lower()


def test_a_revision_that_changes_the_head_of_delegation_is_endorsed_again(
    client, cast, lan, minh, hoa
):
    trip = _returned_trip(client, lan, minh, hoa)
    data = trip_data(comment="Đổi trưởng đoàn")
    data.update({"members-0-delegation_role": "member", "members-1-delegation_role": "head"})
    response = complete(client, lan, trip, F.revise, **data)
    assert response.status_code == 302, response.content.decode()[:2000]
    trip.refresh_from_db()
    assert trip.status == Status.SUBMITTED


def test_a_revision_of_the_programme_alone_goes_straight_back_to_the_reviewer(
    client, cast, lan, minh, hoa
):
    trip = _returned_trip(client, lan, minh, hoa)
    response = complete(
        client, lan, trip, F.revise, **trip_data(programme="Ngày 1, 2, 3", comment="Đã bổ sung")
    )
    assert response.status_code == 302
    trip.refresh_from_db()
    assert trip.status == Status.IN_REVIEW


def _returned_visit(client, lan, minh, hoa):
    matter = visit.submit(client, lan)
    visit.decide(client, minh, matter, InboundVisitFlow.endorse, "endorse")
    return visit.decide(client, hoa, matter, InboundVisitFlow.review, "return", "Bổ sung")


def test_a_visit_revision_with_a_new_guest_is_endorsed_again(client, cast, lan, minh, hoa):
    matter = _returned_visit(client, lan, minh, hoa)
    data = visit.visit_data(guests=2, comment="Thay khách")
    data["guests-1-full_name"] = "SATO Khách mới"
    response = visit.complete(client, lan, matter, InboundVisitFlow.revise, **data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    matter.refresh_from_db()
    assert matter.status == Status.SUBMITTED
    assert visit.open_task(matter, InboundVisitFlow.endorse)


def test_a_visit_revision_of_the_programme_goes_back_to_the_reviewer(client, cast, lan, minh, hoa):
    matter = _returned_visit(client, lan, minh, hoa)
    data = visit.visit_data(guests=2, programme="Ngày 1, 2", comment="Bổ sung")
    response = visit.complete(client, lan, matter, InboundVisitFlow.revise, **data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    matter.refresh_from_db()
    assert matter.status == Status.IN_REVIEW


def _returned_agreement(client, lan, minh, hoa):
    matter = agreement.submit(client, lan)
    agreement.decide(client, minh, matter, AgreementFlow.endorse, "endorse")
    return agreement.decide(client, hoa, matter, AgreementFlow.review, "return", "Bổ sung")


def test_an_agreement_revision_with_another_partner_is_endorsed_again(client, cast, lan, minh, hoa):
    matter = _returned_agreement(client, lan, minh, hoa)
    task = agreement.open_task(matter, AgreementFlow.revise)
    login(client, lan)
    data = agreement.proposal(partner="Chính quyền tỉnh Chiba", partner_country="JP")
    response = client.post(task.reverse("execute"), {**data, "comment": "Đổi đối tác"})
    assert response.status_code == 302, response.content.decode()[:2000]
    matter.refresh_from_db()
    assert matter.status == AgreementStatus.SUBMITTED
    assert agreement.open_task(matter, AgreementFlow.endorse)


def test_an_agreement_revision_of_the_term_goes_back_to_the_reviewer(client, cast, lan, minh, hoa):
    matter = _returned_agreement(client, lan, minh, hoa)
    task = agreement.open_task(matter, AgreementFlow.revise)
    login(client, lan)
    data = agreement.proposal(term="3 năm")
    response = client.post(task.reverse("execute"), {**data, "comment": "Đã bổ sung"})
    assert response.status_code == 302, response.content.decode()[:2000]
    matter.refresh_from_db()
    assert matter.status == AgreementStatus.IN_REVIEW
