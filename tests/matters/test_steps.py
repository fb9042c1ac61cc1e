"""The step toolkit and the shared step services, on every kind of matter.

lan (unit A staff) files, minh (unit A head) endorses, hoa reviews for the focal agency,
chu (Chairman) and pho (Vice-Chairman) decide.
"""

import contextlib
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agreements import services as agreement_services
from agreements.models import Status as AgreementStatus
from audit.models import Entry
from matters import services as shared
from matters import steps
from organizations.models import Role
from permits import services as trip_services
from permits.models import Status, TripMember, TripPurpose
from permits.services import MemberData

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 12, 7)


def a_trip(unit, lan, members=None):
    return trip_services.submit_trip(
        unit=unit,
        actor=lan,
        fields={
            "title": "Xúc tiến thương mại",
            "purpose": TripPurpose.objects.first(),
            "countries": ["JP"],
            "start_date": START,
            "end_date": START + datetime.timedelta(days=4),
            "inviting_partner": "JETRO",
            "funding_source": "state_budget",
        },
        members=members or [MemberData("Trần Văn Hải", "Giám đốc Sở", "Sở Công Thương", "head")],
    )


PROPOSAL = {
    "title": "Bản ghi nhớ hợp tác",
    "kind": "mou",
    "field": "economy",
    "partner": "Tỉnh Gunma",
    "partner_kind": "organisation",
    "partner_country": "JP",
    "purpose": "Hợp tác",
    "content": "Nội dung",
    "proposed_signer": "Chủ tịch UBND tỉnh",
}


def an_agreement(unit, lan):
    return agreement_services.submit(unit=unit, actor=lan, fields=PROPOSAL)


def awaiting_approval(matter, *, submitted_by=None):
    """Put ``matter`` before leadership directly: the rule, not the path, is under test."""
    matter.status = Status.AWAITING_APPROVAL
    if submitted_by is not None:
        matter.submitted_by = submitted_by
    matter.save()
    return matter


def test_the_chairman_may_not_reject_an_agreement_he_submitted(province, unit_a, lan, chu):
    agreement = awaiting_approval(an_agreement(unit_a, lan), submitted_by=chu)
    with pytest.raises(PermissionDenied, match="không được tự phê duyệt"):
        agreement_services.reject(agreement, actor=chu, comment="Chưa cần thiết")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AWAITING_APPROVAL
    assert not Entry.objects.filter(action="rejected").exists()


def test_the_chairman_may_not_approve_an_agreement_he_submitted(province, unit_a, lan, chu):
    agreement = awaiting_approval(an_agreement(unit_a, lan), submitted_by=chu)
    with pytest.raises(PermissionDenied):
        agreement_services.approve(agreement, actor=chu)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AWAITING_APPROVAL


def test_the_chairman_rejects_an_agreement_someone_else_submitted(province, unit_a, lan, chu):
    agreement = awaiting_approval(an_agreement(unit_a, lan))
    agreement_services.reject(agreement, actor=chu, comment="Chưa cần thiết")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.REJECTED
    assert agreement.approver == chu
    entry = Entry.objects.get(action="rejected")
    assert (entry.role, entry.unit_id) == (Role.LEADER.value, province.peoples_committee_id)


def test_a_leader_travelling_with_the_trip_may_not_reject_it(province, unit_a, lan, pho):
    trip = awaiting_approval(a_trip(unit_a, lan))
    TripMember.objects.filter(trip=trip).update(user=pho)
    with pytest.raises(PermissionDenied, match="thành viên đoàn"):
        trip_services.reject(trip, actor=pho, comment="Không phù hợp")
    trip.refresh_from_db()
    assert trip.status == Status.AWAITING_APPROVAL


def test_the_reviewer_returns_a_matter_and_its_revision_comes_back_to_review(
    province, unit_a, lan, minh, hoa
):
    agreement = an_agreement(unit_a, lan)
    agreement_services.endorse(agreement, actor=minh)
    agreement_services.return_to_submitter(
        agreement, actor=hoa, comment="Bổ sung đối tác", stage="review"
    )
    assert (agreement.status, agreement.returned_from) == (AgreementStatus.RETURNED, "review")
    assert agreement.reviewer == hoa
    # A new term is no change of substance (a new partner would go to the head again).
    revision = {**PROPOSAL, "term": "3 năm"}
    agreement_services.resubmit(agreement, actor=lan, fields=revision)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.returned_from) == (AgreementStatus.IN_REVIEW, "")
    entry = Entry.objects.filter(action="resubmitted").get()
    assert entry.payload == {"changed": ["term"]}


def test_a_return_needs_a_comment(province, unit_a, lan, minh):
    trip = a_trip(unit_a, lan)
    with pytest.raises(ValidationError) as raised:
        shared.return_to_submitter(trip, actor=minh, comment="  ", stage="endorsement")
    assert "comment" in raised.value.message_dict
    trip.refresh_from_db()
    assert trip.status == Status.SUBMITTED


def test_a_step_refuses_a_matter_at_another_status(province, unit_a, lan, minh):
    trip = a_trip(unit_a, lan)
    with pytest.raises(ValidationError, match="Chờ đơn vị cho ý kiến"):
        shared.acknowledge(trip, actor=minh)


def test_each_role_sits_in_its_unit(province, unit_a, lan):
    trip = a_trip(unit_a, lan)
    assert steps.seat(trip, Role.UNIT_STAFF) == unit_a
    assert steps.seat(trip, Role.UNIT_HEAD) == unit_a
    assert steps.seat(trip, Role.DEPARTMENT_REVIEWER) == province.focal_agency
    assert steps.seat(trip, Role.DEPARTMENT_HEAD) == province.focal_agency
    assert steps.seat(trip, Role.SECURITY_OFFICER) == province.security_agency
    assert steps.seat(trip, Role.LEADER) == province.peoples_committee


def test_references_count_per_unit_prefix_and_year_without_gaps(province, unit_a, unit_b, lan):
    from django.db import transaction

    with transaction.atomic():
        first = steps.next_reference("DR", unit_a, 2026)
        second = steps.next_reference("DR", unit_a, 2026)
        other_kind = steps.next_reference("TT", unit_a, 2026)
        other_unit = steps.next_reference("DR", unit_b, 2026)
    assert (first, second) == (f"DR-2026-{unit_a.code}-001", f"DR-2026-{unit_a.code}-002")
    assert other_kind == f"TT-2026-{unit_a.code}-001"
    assert other_unit == f"DR-2026-{unit_b.code}-001"
    with contextlib.suppress(RuntimeError), transaction.atomic():
        steps.next_reference("DR", unit_a, 2026)
        raise RuntimeError("the filing fails")
    with transaction.atomic():
        assert steps.next_reference("DR", unit_a, 2026) == f"DR-2026-{unit_a.code}-003"


def test_only_the_submitter_withdraws_and_only_while_undecided(province, unit_a, lan, minh):
    agreement = an_agreement(unit_a, lan)
    assert not agreement_services.can_withdraw(agreement, minh)
    with pytest.raises(PermissionDenied):
        agreement_services.withdraw(agreement, actor=minh)
    assert agreement_services.can_withdraw(agreement, lan)
    agreement_services.withdraw(agreement, actor=lan, comment="Không còn cần")
    assert agreement.status == AgreementStatus.WITHDRAWN
    assert not agreement_services.can_withdraw(agreement, lan)
