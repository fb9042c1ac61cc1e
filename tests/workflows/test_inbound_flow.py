"""The inbound visit flow through the HTTP client, as each role would drive it.

lan (unit staff of unit A) asks to host a Japanese delegation, minh (unit A head)
endorses, hoa reviews, dung vets each guest, pho (Vice-Chairman for foreign affairs) or
chu (Chairman, when provincial leaders receive the delegation) decides; long (unit B)
sees nothing of it.
"""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from permits.models import InboundVisit, Status
from reports.importing import IMPORT_USERNAME
from workflows import selectors
from workflows.flows import InboundVisitFlow as F

from ..issuance import issue
from .inbound_helpers import (
    START,
    actions,
    complete,
    decide,
    login,
    open_task,
    submit,
    vet,
    visit_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(province, lan, long, minh, hoa, dung, chu, pho, kiem, van):
    return province


def to_security(client, lan, minh, hoa, **overrides):
    visit = submit(client, lan, **overrides)
    decide(client, minh, visit, F.endorse, "endorse")
    return decide(client, hoa, visit, F.review, "forward")


def test_the_happy_path_runs_from_request_to_acknowledged_report(
    client, cast, lan, minh, hoa, dung, pho, van
):
    visit = to_security(client, lan, minh, hoa)
    assert visit.reference == f"DV-{datetime.date.today().year}-SCT-001"
    assert visit.status == Status.SECURITY_CHECK
    vet(client, dung, visit)
    assert open_task(visit, F.approve).owner == pho
    decide(client, pho, visit, F.approve, "approve")

    assert visit.status == Status.APPROVED
    issue(client, visit, F, clerk=van, sequence=1890)
    assert visit.status == Status.ISSUED
    assert visit.decision_number == "1890/UBND-NC"  # a công văn has no "CV" (ADR 0012)
    login(client, lan)
    letter = client.get(reverse("inbound_letter", args=[visit.pk]))
    assert letter.status_code == 200
    content = b"".join(letter.streaming_content)
    assert content.startswith(b"PK")
    assert b"TZ1234567" not in content

    with time_machine.travel(datetime.datetime(2026, 12, 10, 1, 0, tzinfo=datetime.UTC)):
        call_command("workflow_timers")
    visit.refresh_from_db()
    assert visit.status == Status.REPORTING
    assert visit.report_due_on == START + datetime.timedelta(days=2 + 15)
    response = decide_report(client, lan, visit)
    assert response.status_code == 302
    decide(client, hoa, visit, F.acknowledge, "acknowledge")

    assert visit.status == Status.COMPLETED
    assert actions(visit) == [
        "submitted",
        "endorsed",
        "forwarded",
        "security_cleared",
        "submission_filed",
        "approved",
        "document_signed",
        "decision_issued",
        "file_downloaded",
        "report_submitted",
        "acknowledged",
    ]
    assert selectors.process_of(visit).status == "DONE"
    assert actions(visit, claims=True)[:3] == ["submitted", "claimed", "endorsed"]


def decide_report(client, lan, visit):
    return complete(client, lan, visit, F.report, text="Đoàn đã làm việc, ký biên bản ghi nhớ.")


def test_provincial_leaders_receiving_routes_the_decision_to_the_chairman(
    client, cast, lan, minh, hoa, dung, chu
):
    visit = to_security(client, lan, minh, hoa, received_by_provincial_leaders="on")
    vet(client, dung, visit)
    assert open_task(visit, F.approve).owner == chu


def test_a_returned_visit_comes_back_to_the_same_reviewer(client, cast, lan, minh, hoa):
    visit = submit(client, lan)
    decide(client, minh, visit, F.endorse, "endorse")
    decide(client, hoa, visit, F.review, "return", "Thiếu bản chụp hộ chiếu")
    assert visit.status == Status.RETURNED
    login(client, lan)
    form = client.get(open_task(visit, F.revise).reverse("execute")).content.decode()
    assert "TZ1****67" in form and "TZ1234567" not in form

    data = visit_data(guests=0, title="Đoàn JETRO (đã bổ sung)")
    response = complete(client, lan, visit, F.revise, **data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    visit.refresh_from_db()
    assert visit.title == "Đoàn JETRO (đã bổ sung)"
    assert visit.guests.count() == 2  # no new list: the old one stays
    assert open_task(visit, F.review).owner == hoa
    assert actions(visit) == ["submitted", "endorsed", "returned", "resubmitted"]


def test_an_objected_guest_is_removed_and_the_rest_goes_to_leadership(
    client, cast, lan, minh, hoa, dung, pho, van
):
    visit = to_security(client, lan, minh, hoa)
    vet(client, dung, visit, {1: "objected"}, outcome="remove")

    assert visit.status == Status.AWAITING_APPROVAL
    objected = visit.guests.get(order=1)
    assert objected.removed and objected.security_verdict == "objected"
    assert not visit.guests.get(order=2).removed
    assert actions(visit)[-2:] == ["security_objected", "submission_filed"]
    decide(client, pho, visit, F.approve, "approve")
    issue(client, visit, F, clerk=van)
    login(client, lan)
    letter = b"".join(client.get(reverse("inbound_letter", args=[visit.pk])).streaming_content)
    assert letter.startswith(b"PK")


def test_an_objection_may_send_the_request_back_to_the_unit(client, cast, lan, minh, hoa, dung):
    visit = to_security(client, lan, minh, hoa)
    vet(client, dung, visit, {2: "objected"}, outcome="return", comment="Thay khách số 2")

    assert visit.status == Status.RETURNED
    assert open_task(visit, F.revise).owner == lan
    response = complete(client, lan, visit, F.revise, **visit_data(guests=1))
    assert response.status_code == 302, response.content.decode()[-3000:]
    visit.refresh_from_db()
    assert visit.guests.count() == 1
    assert open_task(visit, F.review).owner == hoa
    decide(client, hoa, visit, F.review, "forward")
    assert visit.status == Status.SECURITY_CHECK


def test_an_objection_without_a_reason_is_refused(client, cast, lan, minh, hoa, dung):
    visit = to_security(client, lan, minh, hoa)
    data_guest = visit.guests.get(order=1)
    login(client, dung)
    task = open_task(visit, F.security_check)
    client.post(task.reverse("assign"))
    response = client.post(
        task.reverse("execute"),
        {
            "outcome": "remove",
            f"verdict_{data_guest.pk}": "objected",
            f"note_{data_guest.pk}": "",
            f"verdict_{visit.guests.get(order=2).pk}": "cleared",
        },
    )
    assert response.status_code == 200
    assert "Hãy ghi lý do" in response.content.decode()
    visit.refresh_from_db()
    assert visit.status == Status.SECURITY_CHECK


def test_removing_every_guest_is_refused(client, cast, lan, minh, hoa, dung):
    visit = to_security(client, lan, minh, hoa)
    response = vet(client, dung, visit, {1: "objected", 2: "objected"}, expect=200)
    assert "Không thể loại toàn bộ khách" in response.content.decode()
    assert visit.status == Status.SECURITY_CHECK


@pytest.mark.parametrize("stage", ["review", "approve"])
def test_a_rejection_ends_the_flow(client, cast, lan, minh, hoa, tuan, dung, pho, stage):
    visit = submit(client, lan)
    decide(client, minh, visit, F.endorse, "endorse")
    if stage == "review":
        decide(client, hoa, visit, F.review, "reject", "Không phù hợp")
        decide(client, tuan, visit, F.confirm_rejection, "confirm")
    else:
        decide(client, hoa, visit, F.review, "forward")
        vet(client, dung, visit)
        decide(client, pho, visit, F.approve, "reject", "Chưa phù hợp thời điểm")
    assert visit.status == Status.REJECTED
    assert selectors.process_of(visit).status == "DONE"
    assert actions(visit)[-1] == "rejected"


def test_the_submitter_may_withdraw_before_approval(client, cast, lan, minh):
    visit = submit(client, lan)
    login(client, lan)
    response = client.post(reverse("inbound_withdraw", args=[visit.pk]), {"comment": "Hoãn"})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == Status.WITHDRAWN
    assert selectors.process_of(visit).status == "CANCELED"


def test_another_units_staff_sees_nothing_of_the_visit(client, cast, lan, long, minh):
    visit = submit(client, lan)
    guest = visit.guests.first()
    login(client, long)
    assert client.get(reverse("inbound_visit", args=[visit.pk])).status_code == 404
    assert client.get(reverse("inbound_download", args=[visit.pk, 0])).status_code == 404
    assert client.get(reverse("inbound_letter", args=[visit.pk])).status_code == 404
    assert client.post(reverse("inbound_reveal", args=[visit.pk, guest.pk])).status_code == 404
    assert client.post(reverse("inbound_withdraw", args=[visit.pk])).status_code == 404
    assert visit.reference not in client.get(reverse("inbound_visits")).content.decode()
    assert visit.reference not in client.get(reverse("my_tasks")).content.decode()
    task = open_task(visit, F.endorse)
    assert client.post(task.reverse("assign")).status_code == 404
    assert client.post(task.reverse("execute"), {"decision": "endorse"}).status_code == 404
    visit.refresh_from_db()
    assert visit.status == Status.SUBMITTED


def test_the_unit_sees_its_visit_in_the_list(client, cast, lan, minh):
    visit = submit(client, lan)
    for user in (lan, minh):
        login(client, user)
        assert visit.reference in client.get(reverse("inbound_visits")).content.decode()


def test_completing_a_finished_step_again_says_who_did_it(client, cast, lan, minh):
    visit = submit(client, lan)
    decide(client, minh, visit, F.endorse, "endorse")
    task = selectors.process_of(visit).task_set.get(flow_task=F.endorse)
    response = client.post(task.reverse("execute"), {"decision": "endorse"})
    assert response.status_code == 409
    assert "Lê Quang Minh" in response.content.decode()


def test_policy_warnings_reach_the_reviewer(client, cast, lan, minh, hoa):
    with time_machine.travel(datetime.datetime(2026, 12, 3, 3, 0, tzinfo=datetime.UTC)):
        visit = submit(client, lan, **{"guests-0-passport_expiry": "2026-12-08"})
        login(client, hoa)
        page = client.get(reverse("inbound_visit", args=[visit.pk])).content.decode()
    assert "ít hơn 5 ngày" in page
    assert "hết hạn ngày 08/12/2026" in page


def test_the_same_passport_on_two_overlapping_visits_is_flagged(client, cast, lan, hoa):
    first = submit(client, lan)
    second = submit(client, lan, title="Đoàn thứ hai")
    login(client, hoa)
    page = client.get(reverse("inbound_visit", args=[second.pk])).content.decode()
    assert f"đã có trong đoàn {first.reference}" in page


def test_the_demo_has_a_visit_waiting_at_every_step():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    statuses = set(InboundVisit.objects.values_list("status", flat=True))
    # The live visits; the past ones of 2022-2023 are imported (reports.demo).
    assert InboundVisit.objects.exclude(submitted_by__username=IMPORT_USERNAME).count() == 6
    assert {
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.RETURNED,
        Status.SECURITY_CHECK,
        Status.AWAITING_APPROVAL,
        Status.APPROVED,
    } <= statuses
