"""The outbound trip flow through the HTTP client, as each role would drive it.

lan (unit staff of unit A) submits, minh (unit A head) endorses, hoa reviews, dung
vets, pho (Vice-Chairman for foreign affairs) or chu (Chairman) decides, long (unit B)
sees nothing of it.
"""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from viewflow.workflow.status import STATUS

from audit.models import Entry
from permits.models import OutboundTrip, Status, TripPurpose
from workflows import selectors
from workflows.flows import OutboundTripFlow

from ..issuance import issue
from ..start_forms import post_start

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 12, 7)


@pytest.fixture
def cast(province, lan, long, minh, hoa, dung, chu, pho, kiem, van):
    return province


def login(client, user):
    client.logout()
    client.force_login(user)
    return client


def trip_data(**overrides):
    data = {
        "title": "Đoàn xúc tiến thương mại tại Pháp",
        "purpose": TripPurpose.objects.first().pk,
        "purpose_detail": "Gặp gỡ nhà đầu tư",
        "countries": ["FR"],
        "cities": "Paris",
        "start_date": START.isoformat(),
        "end_date": (START + datetime.timedelta(days=5)).isoformat(),
        "inviting_partner": "Phòng Thương mại Paris",
        "funding_source": "state_budget",
        "funding_currency": "VND",
        "funding_amount": "250000000",
        "programme": "Ngày 1: làm việc",
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "100",
        "members-0-full_name": "Lê Quang Minh",
        "members-0-position": "Giám đốc Sở",
        "members-0-unit_name": "Sở Công Thương",
        "members-0-delegation_role": "head",
        "members-0-leader_level": "department_head",
        "members-1-full_name": "Trần Thị Lan",
        "members-1-position": "Chuyên viên",
        "members-1-unit_name": "Sở Công Thương",
        "members-1-delegation_role": "member",
        "members-1-leader_level": "other",
    }
    data.update(overrides)
    return data


def submit(client, user, **overrides):
    login(client, user)
    response = post_start(
        client, OutboundTripFlow.instance.reverse("submit:execute"), trip_data(**overrides)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return OutboundTrip.objects.latest("pk")


def open_task(trip, node):
    process = selectors.process_of(trip)
    return process.task_set.get(flow_task=node, status__in=selectors.OPEN)


def complete(client, user, trip, node, **data):
    """Claim the step if it waits in a queue, then complete it; return the response."""
    login(client, user)
    task = open_task(trip, node)
    if task.owner_id is None:
        response = client.post(task.reverse("assign"))
        assert response.status_code in (302, 200), response.status_code
        task.refresh_from_db()
    response = client.post(task.reverse("execute"), data)
    return response


def decide(client, user, trip, node, decision, comment=""):
    response = complete(client, user, trip, node, decision=decision, comment=comment)
    assert response.status_code == 302, response.content.decode()[:3000]
    trip.refresh_from_db()
    return trip


def clear_all(client, user, trip, verdict="cleared"):
    data = {f"verdict_{m.pk}": verdict for m in trip.members.all()}
    data.update({f"note_{m.pk}": "Lý do" for m in trip.members.all()})
    response = complete(client, user, trip, OutboundTripFlow.security_check, **data)
    assert response.status_code == 302, response.content.decode()[:3000]
    trip.refresh_from_db()
    return trip


def actions(trip, *, claims=False):
    """Return the trip's audit actions in order (claims of queued tasks left out)."""
    entries = Entry.objects.filter(
        subject_id=str(trip.pk), subject_label__startswith=trip.reference
    )
    if not claims:
        entries = entries.exclude(action="claimed")
    return list(entries.order_by("seq").values_list("action", flat=True))


def approved_trip(client, cast, lan, minh, hoa, dung, pho):
    trip = submit(client, lan)
    decide(client, minh, trip, OutboundTripFlow.endorse, "endorse")
    decide(client, hoa, trip, OutboundTripFlow.review, "forward")
    clear_all(client, dung, trip)
    return decide(client, pho, trip, OutboundTripFlow.approve, "approve")


def test_the_happy_path_runs_from_plan_to_acknowledged_report(
    client, cast, lan, minh, hoa, dung, pho, van
):
    trip = approved_trip(client, cast, lan, minh, hoa, dung, pho)

    assert trip.status == Status.APPROVED
    assert trip.decision_number == ""  # a draft until signed and registered (ADR 0012)
    issue(client, trip, OutboundTripFlow, clerk=van, signer=pho, sequence=1889)
    assert trip.status == Status.ISSUED
    assert trip.decision_number == "1889/QĐ-UBND"
    assert not trip.attachments.exists()  # the Word file is made on first download
    login(client, lan)
    download = client.get(reverse("outbound_decision", args=[trip.pk]))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"PK")
    assert client.get(reverse("outbound_decision", args=[trip.pk])).status_code == 200
    assert trip.attachments.filter(kind="decision").count() == 1

    with time_machine.travel(datetime.datetime(2026, 12, 13, 1, 0, tzinfo=datetime.UTC)):
        call_command("workflow_timers")
    trip.refresh_from_db()
    assert trip.status == Status.REPORTING
    # Back on Saturday 12/12: day 15 is Sunday 27/12, so the report is due on Monday.
    assert trip.report_due_on == datetime.date(2026, 12, 28)

    response = complete(client, lan, trip, OutboundTripFlow.report, text="Đoàn đã ký 2 MOU.")
    assert response.status_code == 302
    decide(client, hoa, trip, OutboundTripFlow.acknowledge, "acknowledge")

    assert trip.status == Status.COMPLETED
    assert actions(trip) == [
        "submitted",
        "endorsed",
        "forwarded",
        "security_cleared",
        "submission_filed",
        "approved",
        "document_signed",
        "decision_issued",
        "file_downloaded",
        "file_downloaded",
        "report_submitted",
        "acknowledged",
    ]
    assert selectors.process_of(trip).status == "DONE"
    assert actions(trip, claims=True)[:3] == ["submitted", "claimed", "endorsed"]


def test_a_returned_trip_comes_back_to_the_same_reviewer(client, cast, lan, minh, hoa, dung, pho):
    trip = submit(client, lan)
    decide(client, minh, trip, OutboundTripFlow.endorse, "endorse")
    decide(client, hoa, trip, OutboundTripFlow.review, "return", "Thiếu thư mời")
    assert trip.status == Status.RETURNED

    response = complete(
        client, lan, trip, OutboundTripFlow.revise, **trip_data(title="Đoàn đã sửa")
    )
    assert response.status_code == 302, response.content.decode()[-4000:]

    trip.refresh_from_db()
    assert trip.title == "Đoàn đã sửa"
    assert open_task(trip, OutboundTripFlow.review).owner == hoa
    assert actions(trip) == ["submitted", "endorsed", "returned", "resubmitted"]


def test_a_return_needs_a_reason(client, cast, lan, minh):
    trip = submit(client, lan)
    response = complete(
        client, minh, trip, OutboundTripFlow.endorse, decision="return", comment=" "
    )
    assert response.status_code == 200
    assert "Hãy ghi rõ" in response.content.decode()
    trip.refresh_from_db()
    assert trip.status == Status.SUBMITTED
    assert open_task(trip, OutboundTripFlow.endorse).status != STATUS.DONE


@pytest.mark.parametrize("stage", ["review", "approve"])
def test_a_rejection_ends_the_flow(client, cast, lan, minh, hoa, tuan, dung, pho, stage):
    trip = submit(client, lan)
    decide(client, minh, trip, OutboundTripFlow.endorse, "endorse")
    if stage == "review":
        decide(client, hoa, trip, OutboundTripFlow.review, "reject", "Không phù hợp")
        assert trip.status == Status.REJECTION_PROPOSED
        decide(client, tuan, trip, OutboundTripFlow.confirm_rejection, "confirm")
    else:
        decide(client, hoa, trip, OutboundTripFlow.review, "forward")
        clear_all(client, dung, trip)
        decide(client, pho, trip, OutboundTripFlow.approve, "reject", "Chưa cần thiết")
    assert trip.status == Status.REJECTED
    assert selectors.process_of(trip).status == "DONE"
    assert actions(trip)[-1] == "rejected"


def test_the_submitter_may_withdraw_before_approval(client, cast, lan, minh):
    trip = submit(client, lan)
    login(client, lan)
    response = client.post(reverse("outbound_withdraw", args=[trip.pk]), {"comment": "Hoãn"})
    assert response.status_code == 302
    trip.refresh_from_db()
    assert trip.status == Status.WITHDRAWN
    assert selectors.process_of(trip).status == "CANCELED"
    assert actions(trip) == ["submitted", "withdrawn"]


def test_the_unit_head_may_not_withdraw_someone_elses_trip(client, cast, lan, minh):
    trip = submit(client, lan)
    login(client, minh)
    client.post(reverse("outbound_withdraw", args=[trip.pk]))
    trip.refresh_from_db()
    assert trip.status == Status.SUBMITTED


def test_a_vice_chairman_leading_routes_the_decision_to_the_chairman(
    client, cast, lan, minh, hoa, dung, chu, pho
):
    trip = submit(
        client,
        lan,
        **{
            "members-0-full_name": "Lâm Hải Giang",
            "members-0-position": "Phó Chủ tịch UBND tỉnh",
            "members-0-leader_level": "vice_chairman",
        },
    )
    decide(client, minh, trip, OutboundTripFlow.endorse, "endorse")
    decide(client, hoa, trip, OutboundTripFlow.review, "forward")
    clear_all(client, dung, trip)
    assert open_task(trip, OutboundTripFlow.approve).owner == chu


def test_a_department_head_leading_routes_to_the_leader_for_foreign_affairs(
    client, cast, lan, minh, hoa, dung, pho
):
    trip = submit(client, lan)
    decide(client, minh, trip, OutboundTripFlow.endorse, "endorse")
    decide(client, hoa, trip, OutboundTripFlow.review, "forward")
    clear_all(client, dung, trip)
    assert open_task(trip, OutboundTripFlow.approve).owner == pho


def test_the_party_opinion_step_appears_only_for_managed_cadres(client, cast, lan, minh, hoa, dung):
    managed = submit(client, lan, **{"members-0-is_party_committee_managed": "on"})
    plain = submit(client, lan)
    for trip in (managed, plain):
        decide(client, minh, trip, OutboundTripFlow.endorse, "endorse")
        decide(client, hoa, trip, OutboundTripFlow.review, "forward")

    assert managed.status == Status.PARTY_OPINION
    assert plain.status == Status.SECURITY_CHECK
    response = complete(
        client,
        hoa,
        managed,
        OutboundTripFlow.record_party_opinion,
        number="123-CV/TU",
        date="2026-11-20",
        content="Đồng ý",
        opinion_file=SimpleUploadedFile("y-kien.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    assert response.status_code == 302
    assert managed.attachments.get().kind == "party_opinion"
    managed.refresh_from_db()
    assert managed.status == Status.SECURITY_CHECK


def test_a_security_objection_goes_back_to_the_reviewer(client, cast, lan, minh, hoa, dung):
    trip = submit(client, lan)
    decide(client, minh, trip, OutboundTripFlow.endorse, "endorse")
    decide(client, hoa, trip, OutboundTripFlow.review, "forward")
    clear_all(client, dung, trip, verdict="objected")
    assert trip.status == Status.IN_REVIEW
    assert open_task(trip, OutboundTripFlow.review).owner == hoa
    assert actions(trip)[-1] == "security_objected"


def test_the_security_officer_sees_a_trip_once_vetted_until_its_members_are_replaced(
    client, cast, lan, minh, hoa, dung
):
    visible = OutboundTrip.objects.visible_to
    trip = submit(client, lan)
    decide(client, minh, trip, OutboundTripFlow.endorse, "endorse")
    decide(client, hoa, trip, OutboundTripFlow.review, "forward")
    clear_all(client, dung, trip, verdict="objected")
    # Back with the reviewer after the objection: still the security officer's matter.
    assert trip.status == Status.IN_REVIEW and trip.security_vetted
    assert visible(dung).filter(pk=trip.pk).exists()
    assert client.get(trip.get_absolute_url()).status_code == 200

    decide(client, hoa, trip, OutboundTripFlow.review, "return", "Thay thành viên")
    response = complete(client, lan, trip, OutboundTripFlow.revise, **trip_data())
    assert response.status_code == 302
    trip.refresh_from_db()
    # New members, not vetted yet: out of sight until the trip reaches security again.
    assert not trip.security_vetted
    assert not visible(dung).filter(pk=trip.pk).exists()
    decide(client, hoa, trip, OutboundTripFlow.review, "forward")
    assert visible(dung).filter(pk=trip.pk).exists()


def test_another_units_staff_sees_nothing_of_the_trip(client, cast, lan, long, minh):
    trip = submit(client, lan)
    file_id = 0
    login(client, long)
    assert client.get(reverse("outbound_trip", args=[trip.pk])).status_code == 404
    assert client.get(reverse("outbound_download", args=[trip.pk, file_id])).status_code == 404
    assert trip.reference not in client.get(reverse("outbound_trips")).content.decode()
    assert trip.reference not in client.get(reverse("my_tasks")).content.decode()
    task = open_task(trip, OutboundTripFlow.endorse)
    assert client.post(task.reverse("assign")).status_code == 404
    assert client.post(task.reverse("execute"), {"decision": "endorse"}).status_code == 404
    assert client.get(task.reverse("execute")).status_code == 404
    trip.refresh_from_db()
    assert trip.status == Status.SUBMITTED


def test_the_submitter_cannot_approve_their_own_trip(client, cast, lan, minh, hoa, dung, pho):
    trip = submit(client, lan)
    trip.submitted_by = pho
    trip.save()
    decide(client, minh, trip, OutboundTripFlow.endorse, "endorse")
    decide(client, hoa, trip, OutboundTripFlow.review, "forward")
    clear_all(client, dung, trip)
    response = complete(client, pho, trip, OutboundTripFlow.approve, decision="approve")
    assert response.status_code == 200
    assert "không được tự phê duyệt" in response.content.decode()
    trip.refresh_from_db()
    assert trip.status == Status.AWAITING_APPROVAL


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_date": "2026-12-01"}, "Ngày về phải sau"),
        ({"members-TOTAL_FORMS": "0"}, "ít nhất một thành viên"),
        ({"countries": ["XX"]}, "không có trong danh mục"),
        ({"members-0-delegation_role": "member"}, "đúng một trưởng đoàn"),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_saves_nothing(
    client, cast, lan, overrides, message
):
    login(client, lan)
    response = post_start(
        client, OutboundTripFlow.instance.reverse("submit:execute"), trip_data(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert OutboundTrip.objects.count() == 0
    assert Entry.objects.filter(action="submitted").count() == 0


def test_a_disguised_file_is_refused_with_a_message_and_nothing_is_saved(client, cast, lan):
    login(client, lan)
    data = trip_data(invitation=SimpleUploadedFile("thu-moi.pdf", b"MZ\x90\x00 not a pdf"))
    response = post_start(client, OutboundTripFlow.instance.reverse("submit:execute"), data)
    assert response.status_code == 200
    assert "thu-moi.pdf" in response.content.decode()
    assert OutboundTrip.objects.count() == 0


def test_completing_a_finished_step_again_says_who_did_it(client, cast, lan, minh):
    trip = submit(client, lan)
    decide(client, minh, trip, OutboundTripFlow.endorse, "endorse")
    task = selectors.process_of(trip).task_set.get(flow_task=OutboundTripFlow.endorse)
    response = client.post(task.reverse("execute"), {"decision": "endorse"})
    assert response.status_code == 409
    assert "Lê Quang Minh" in response.content.decode()


def test_the_inbox_and_queue_show_each_role_its_work(client, cast, lan, minh, hoa):
    trip = submit(client, lan)
    login(client, minh)
    page = client.get(reverse("my_tasks")).content.decode()
    assert trip.reference in page
    login(client, hoa)
    assert trip.reference not in client.get(reverse("my_tasks")).content.decode()
    decide(client, minh, trip, OutboundTripFlow.endorse, "endorse")
    login(client, minh)
    page = client.get(reverse("my_tasks")).content.decode()
    archive = page[page.index('data-testid="archive"') :]
    assert trip.reference in archive


def test_each_step_tells_the_next_people_once(
    client, cast, lan, minh, hoa, mailoutbox, django_capture_on_commit_callbacks
):
    trip = submit(client, lan)
    assert minh.notifications.filter(event="task_queued").count() == 1
    decide(client, minh, trip, OutboundTripFlow.endorse, "endorse")
    assert hoa.notifications.filter(event="task_queued").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, hoa, trip, OutboundTripFlow.review, "return", "Thiếu thư mời")

    returned = lan.notifications.get(event="returned")
    assert returned.url == reverse("outbound_trip", args=[trip.pk])
    assert [m.to for m in mailoutbox] == [[lan.email]]
    assert "Thiếu thư mời" in mailoutbox[0].body
