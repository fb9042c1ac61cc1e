"""What a matter's page discloses, and to whom (issue 17, items 1, 6 and 15).

The police's reasons stay with the focal agency, the police, leaders and auditors; a
consulted agency sees its own request and answer, not the synthesis; an imported
decision without a date never answers 500.
"""

import datetime

import pytest
from django.urls import reverse

from permits.models import OutboundTrip, Status
from workflows.flows import AgreementFlow, InboundVisitFlow
from workflows.flows import OutboundTripFlow as F

from ..agreements.helpers import answer, step, to_consultation
from ..agreements.helpers import login as agreement_login
from ..agreements.helpers import submit as propose
from ..workflows.inbound_helpers import decide as decide_visit
from ..workflows.inbound_helpers import submit as submit_visit
from ..workflows.inbound_helpers import vet
from ..workflows.test_outbound_flow import complete, decide, login, submit

pytestmark = pytest.mark.django_db

POLICE_REASON = "Có tên trong danh sách cần lưu ý"
POLICE_NOTE = "Ghi chú nội bộ của Công an"


@pytest.fixture
def cast(province, lan, long, minh, hoa, dung, chu, pho, kiem):
    return province


# -- 15. the police's reasons stay with the focal agency, the police and leaders ---------


def test_the_unit_sees_not_eligible_but_not_the_polices_reasons(client, cast, lan, minh, hoa, dung):
    trip = submit(client, lan)
    decide(client, minh, trip, F.endorse, "endorse")
    decide(client, hoa, trip, F.review, "forward")
    data = {f"verdict_{m.pk}": "objected" for m in trip.members.all()}
    data.update({f"note_{m.pk}": POLICE_REASON for m in trip.members.all()})
    data["notes"] = POLICE_NOTE
    complete(client, dung, trip, F.security_check, **data)
    login(client, lan)
    page = client.get(trip.get_absolute_url()).content.decode()
    assert POLICE_REASON not in page
    assert POLICE_NOTE not in page
    assert "không đủ điều kiện" in page
    login(client, hoa)
    assert POLICE_REASON in client.get(trip.get_absolute_url()).content.decode()


def test_the_timeline_withholds_the_polices_comment_from_the_unit(
    client, cast, lan, minh, hoa, dung, kiem
):
    trip = submit(client, lan)
    decide(client, minh, trip, F.endorse, "endorse")
    decide(client, hoa, trip, F.review, "forward")
    data = {f"verdict_{m.pk}": "objected" for m in trip.members.all()}
    data.update({f"note_{m.pk}": POLICE_REASON for m in trip.members.all()})
    data["comment"] = "Lý do không đồng ý: " + POLICE_REASON
    complete(client, dung, trip, F.security_check, **data)
    for person, sees in ((lan, False), (minh, False), (hoa, True), (dung, True), (kiem, True)):
        login(client, person)
        page = client.get(trip.get_absolute_url()).content.decode()
        assert (POLICE_REASON in page) is sees, person.username


def test_a_visits_unit_sees_not_eligible_but_not_the_reason(client, cast, lan, minh, hoa, dung):
    visit = submit_visit(client, lan)
    decide_visit(client, minh, visit, InboundVisitFlow.endorse, "endorse")
    decide_visit(client, hoa, visit, InboundVisitFlow.review, "forward")
    vet(client, dung, visit, verdicts={1: "objected"}, outcome="remove")
    login(client, lan)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert "Có tiền án" not in page
    assert "không đủ điều kiện" in page.lower()
    login(client, hoa)
    assert "Có tiền án" in client.get(visit.get_absolute_url()).content.decode()


def test_a_consulted_agency_does_not_see_the_synthesis(
    client, cast, lan, minh, hoa, tuan, dung, thao, police, justice
):
    agreement = propose(client, lan)
    to_consultation(client, agreement, minh=minh, hoa=hoa, agencies=[justice])
    answer(client, dung, agreement, police, "disagree", "Đối tác có dấu hiệu " + POLICE_REASON)
    answer(client, thao, agreement, justice)
    step(
        client,
        tuan,
        agreement,
        AgreementFlow.synthesize,
        summary="Công an tỉnh không đồng ý vì " + POLICE_REASON,
    )
    agreement_login(client, thao)
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert POLICE_REASON not in page
    assert 'data-testid="synthesis"' not in page
    assert 'data-testid="disagreement-flag"' not in page
    assert 'data-testid="opinion-' in page  # its own request and answer
    agreement_login(client, tuan)
    assert POLICE_REASON in client.get(agreement.get_absolute_url()).content.decode()


# -- 6. imported trips with a number but no date -----------------------------------------


def test_an_imported_decision_without_a_date_never_answers_500(client, cast, lan, kiem, unit_a):
    from permits.models import TripPurpose

    trip = OutboundTrip.objects.create(
        reference="DR-2022-001",
        unit=unit_a,
        title="Đoàn nhập từ hồ sơ giấy",
        purpose=TripPurpose.objects.first(),
        countries=["FR"],
        start_date=datetime.date(2022, 5, 10),
        end_date=datetime.date(2022, 5, 18),
        inviting_partner="Đối tác",
        funding_source="state_budget",
        status=Status.APPROVED,
        submitted_by=lan,
        decision_number="123/QĐ-UBND",
    )
    for person in (lan, kiem):
        login(client, person)
        page = client.get(trip.get_absolute_url())
        assert page.status_code == 200
        download = client.get(reverse("outbound_decision", args=[trip.pk]))
        assert download.status_code in (200, 404)
