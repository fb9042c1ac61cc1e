"""The conference flow through the HTTP client, as each role would drive it.

lan (unit A staff) asks to organise a seminar, minh (unit A head) endorses, hoa reviews
and picks the agencies, dung (police, always), thao (justice) and tai (finance) answer,
tuan (focal agency head) sums them up, pho (Vice-Chairman for foreign affairs) allows
it, or chu (Chairman) submits it to the Prime Minister and hoa records his answer; after
the event lan reports who came and hoa acknowledges. long (unit B) sees none of it.
"""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from viewflow.workflow.status import STATUS

from audit.models import Entry
from conferences.models import Conference, Status
from workflows import selectors

from ..issuance import issue
from .helpers import (
    END,
    F,
    actions,
    answer,
    complete,
    decide,
    login,
    open_task,
    request_data,
    step,
    submit,
    to_consultation,
    to_decision,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def decided(client, lan, minh, hoa, tuan, dung, thao, police, justice, **overrides):
    conference = submit(client, lan, **overrides)
    people = {"minh": minh, "hoa": hoa, "tuan": tuan, "dung": dung, "thao": thao}
    return to_decision(client, conference, police=police, justice=justice, **people)


def after_the_event(conference):
    """Travel to the day after the conference and fire the timers; back to the suite day."""
    day_after = datetime.datetime.combine(END, datetime.time(20, 0), tzinfo=datetime.UTC)
    with time_machine.travel(day_after):
        call_command("workflow_timers")
    conference.refresh_from_db()
    return conference


def test_the_happy_path_runs_from_request_to_acknowledged_report(
    client, cast, lan, minh, hoa, tuan, dung, thao, pho, police, justice
):
    login(client, lan)
    conference = submit(
        client,
        lan,
        agenda=pdf("chuong-trinh.pdf"),
        foreign_participants=pdf("dai-bieu.pdf"),
        sponsor_letter=pdf("thu-tai-tro.pdf"),
    )
    assert conference.status == Status.SUBMITTED
    assert conference.reference == "HN-2026-SCT-001"
    assert conference.participants_planned == 150
    assert sorted(conference.attachments.values_list("kind", flat=True)) == [
        "agenda",
        "foreign_participants",
        "sponsor_letter",
    ]

    to_consultation(client, conference, minh=minh, hoa=hoa, agencies=[justice])
    assert conference.status == Status.CONSULTING
    assert set(conference.opinions.values_list("agency__code", flat=True)) == {"CA", "STP"}
    answer(client, dung, conference, police)
    answer(client, thao, conference, justice, "agree_with_conditions", "Bảo đảm an ninh mạng")
    assert conference.status == Status.SYNTHESIS
    step(client, tuan, conference, F.synthesize, summary="Các cơ quan đồng ý.")
    assert conference.status == Status.AWAITING_APPROVAL
    assert open_task(conference, F.approve).owner == pho
    decide(client, pho, conference, F.approve, "approve")

    assert conference.status == Status.APPROVED
    issue(client, conference, F, clerk=cast.clerk, signer=pho, sequence=1891)
    assert conference.status == Status.ISSUED
    assert conference.decision_number == "1891/UBND-NC"
    login(client, lan)
    letter = client.get(reverse("conference_letter", args=[conference.pk]))
    assert letter.status_code == 200
    assert b"".join(letter.streaming_content).startswith(b"PK")

    conference = after_the_event(conference)
    assert conference.status == Status.REPORTING
    # Day 15 after Saturday 16/01/2027 is Sunday 31/01: due on Monday (Civil Code Art. 148).
    assert conference.report_due_on == datetime.date(2027, 2, 1)
    response = complete(
        client,
        lan,
        conference,
        F.report,
        participants="142",
        foreign_DE="20",
        foreign_FR="6",
        other_country="JP",
        other_count="2",
        text="Thông qua tuyên bố chung về hợp tác năng lượng.",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    conference.refresh_from_db()
    assert conference.participants_actual == 142
    assert conference.foreign_actual == {"DE": 20, "FR": 6, "JP": 2}
    decide(client, hoa, conference, F.acknowledge, "acknowledge")

    assert conference.status == Status.COMPLETED
    assert conference.participants == 142
    assert selectors.process_of(conference).status == STATUS.DONE
    assert [a for a in actions(conference) if a not in ("file_uploaded", "file_downloaded")] == [
        "submitted",
        "endorsed",
        "forwarded",
        "forwarded",
        "opinion_given",
        "opinion_given",
        "forwarded",
        "submission_filed",
        "approved",
        "document_signed",
        "decision_issued",
        "report_submitted",
        "acknowledged",
    ]
    page = client.get(conference.get_absolute_url()).content.decode()
    assert "Đức: 20" in page and "Nhật Bản: 2" in page
    registry = client.get(reverse("conferences:list")).content.decode()
    assert conference.reference in registry and "142" in registry


def test_a_returned_request_comes_back_to_the_same_reviewer(client, cast, lan, minh, hoa):
    conference = submit(client, lan)
    decide(client, minh, conference, F.endorse, "endorse")
    decide(client, hoa, conference, F.review, "return", "Thiếu danh sách đại biểu nước ngoài")
    assert conference.status == Status.RETURNED

    revised = request_data(place="Khách sạn Hải Âu, Quy Nhơn", comment="Đã bổ sung")
    step(client, lan, conference, F.revise, **revised, foreign_participants=pdf("ds.pdf"))

    assert conference.status == Status.IN_REVIEW
    assert conference.place == "Khách sạn Hải Âu, Quy Nhơn"
    assert open_task(conference, F.review).owner == hoa
    assert actions(conference) == [
        "submitted",
        "endorsed",
        "returned",
        "resubmitted",
        "file_uploaded",
    ]


def test_a_revision_of_the_content_goes_back_to_the_unit_head(client, cast, lan, minh, hoa):
    conference = submit(client, lan)
    decide(client, minh, conference, F.endorse, "endorse")
    decide(client, hoa, conference, F.review, "return", "Làm rõ nội dung phiên 2")

    step(client, lan, conference, F.revise, **request_data(content="Phiên 2: điện mặt trời."))

    assert conference.status == Status.SUBMITTED
    assert open_task(conference, F.endorse) is not None


def test_a_return_needs_a_reason(client, cast, lan, minh):
    conference = submit(client, lan)
    response = complete(client, minh, conference, F.endorse, decision="return", comment="")

    assert response.status_code == 200
    assert "Hãy ghi rõ" in response.content.decode()
    conference.refresh_from_db()
    assert conference.status == Status.SUBMITTED


@pytest.mark.parametrize("by", ["reviewer", "leader"])
def test_a_rejection_ends_the_flow(
    client, cast, lan, minh, hoa, tuan, dung, thao, pho, police, justice, by
):
    if by == "reviewer":
        conference = submit(client, lan)
        decide(client, minh, conference, F.endorse, "endorse")
        decide(client, hoa, conference, F.review, "reject", "Không phù hợp chủ trương")
        decide(client, tuan, conference, F.confirm_rejection, "confirm")
    else:
        conference = decided(client, lan, minh, hoa, tuan, dung, thao, police, justice)
        decide(client, pho, conference, F.approve, "reject", "Trùng lịch sự kiện của tỉnh")

    assert conference.status == Status.REJECTED
    assert selectors.process_of(conference).status == STATUS.DONE
    assert actions(conference)[-1] == "rejected"


def test_the_leader_sends_the_synthesis_back_to_the_department_head(
    client, cast, lan, minh, hoa, tuan, dung, thao, pho, police, justice
):
    conference = decided(client, lan, minh, hoa, tuan, dung, thao, police, justice)
    decide(client, pho, conference, F.approve, "return", "Làm rõ nguồn tài trợ")

    assert conference.status == Status.SYNTHESIS
    assert open_task(conference, F.synthesize) is not None


def test_the_submitter_withdraws_during_consultation_and_every_step_closes(
    client, cast, lan, minh, hoa, justice
):
    conference = submit(client, lan)
    to_consultation(client, conference, minh=minh, hoa=hoa, agencies=[justice])
    url = reverse("conference_withdraw", args=[conference.pk])

    login(client, minh)
    assert client.post(url, {"comment": "Hoãn"}).status_code == 403
    login(client, lan)
    assert client.post(url, {"comment": "Hoãn tổ chức"}).status_code == 302

    conference.refresh_from_db()
    assert conference.status == Status.WITHDRAWN
    process = selectors.process_of(conference)
    assert process.status == STATUS.CANCELED
    assert not process.task_set.filter(status__in=(STATUS.NEW, STATUS.ASSIGNED)).exists()


def test_an_approved_conference_can_no_longer_be_withdrawn(
    client, cast, lan, minh, hoa, tuan, dung, thao, pho, police, justice
):
    conference = decided(client, lan, minh, hoa, tuan, dung, thao, police, justice)
    decide(client, pho, conference, F.approve, "approve")
    login(client, lan)

    page = client.get(conference.get_absolute_url()).content.decode()
    client.post(reverse("conference_withdraw", args=[conference.pk]), {"comment": "x"})

    assert 'data-testid="withdraw"' not in page
    conference.refresh_from_db()
    assert conference.status == Status.APPROVED


# -- the lead time (QĐ 06/2020, Art. 4 cl. 1 a) ----------------------------------------------


def post_request(client, lan, **overrides):
    from workflows.flows import ConferenceFlow

    from ..start_forms import post_start

    login(client, lan)
    url = ConferenceFlow.instance.reverse("submit:execute")
    return post_start(client, url, request_data(**overrides))


def test_a_request_less_than_30_days_ahead_is_refused_and_nothing_is_saved(client, cast, lan):
    response = post_request(client, lan, start_date="2026-12-25", end_date="2026-12-26")

    assert response.status_code == 200
    text = response.content.decode()
    assert "ít nhất 30 ngày trước ngày khai mạc" in text
    assert "Điều 4 khoản 1" in text
    assert not Conference.objects.exists()


def test_the_prime_ministers_conferences_need_40_days(client, cast, lan):
    # 35 days ahead: enough for the province, not for the Prime Minister.
    refused = post_request(
        client, lan, start_date="2027-01-05", end_date="2027-01-06", sensitive_topics=["religion"]
    )
    assert refused.status_code == 200
    assert "ít nhất 40 ngày" in refused.content.decode()
    assert not Conference.objects.exists()

    accepted = post_request(client, lan, start_date="2027-01-05", end_date="2027-01-06")
    assert accepted.status_code == 302
    assert Conference.objects.get().start_date == datetime.date(2027, 1, 5)


def test_a_revision_inside_the_lead_time_is_a_warning_for_the_reviewer(
    client, cast, lan, minh, hoa
):
    conference = submit(client, lan, start_date="2027-01-05", end_date="2027-01-06")
    decide(client, minh, conference, F.endorse, "endorse")
    decide(client, hoa, conference, F.review, "return", "Chủ đề liên quan tôn giáo")
    revised = request_data(
        start_date="2027-01-05", end_date="2027-01-06", sensitive_topics=["religion"]
    )

    step(client, lan, conference, F.revise, **revised)

    assert conference.requires_prime_minister
    login(client, hoa)
    page = client.get(conference.get_absolute_url()).content.decode()
    assert 'data-testid="policy-warnings"' in page
    assert "ít nhất 40 ngày" in page


# -- the consultation -------------------------------------------------------------------------


def test_a_late_agency_is_marked_late_and_a_cancelled_one_no_longer_holds_the_flow(
    client, cast, lan, minh, hoa, tuan, dung, thao, tai, police, justice, finance
):
    conference = submit(client, lan)
    to_consultation(client, conference, minh=minh, hoa=hoa, agencies=[justice, finance])
    # 15 days (Art. 5), from Tuesday 01/12/2026.
    assert set(conference.opinions.values_list("due_on", flat=True)) == {
        datetime.date(2026, 12, 16)
    }
    answer(client, dung, conference, police)
    with time_machine.travel(datetime.datetime(2026, 12, 18, 2, 0, tzinfo=datetime.UTC)):
        answer(client, thao, conference, justice, "agree_with_conditions", "Trễ vì họp")
    assert conference.status == Status.CONSULTING

    login(client, minh)
    opinion = conference.opinions.get(agency=finance)
    cancel_url = reverse("conference_cancel_opinion", args=[conference.pk, opinion.pk])
    assert client.post(cancel_url, {"comment": "x"}).status_code == 403
    login(client, hoa)
    assert client.post(cancel_url, {"comment": "Sở Tài chính không trả lời"}).status_code == 302

    conference.refresh_from_db()
    assert conference.status == Status.SYNTHESIS
    assert conference.opinions.get(agency=justice).is_late
    assert not conference.opinions.get(agency=police).is_late
    assert conference.opinions.get(agency=finance).cancelled_at is not None
    given = Entry.objects.filter(action="opinion_given").order_by("seq")
    assert [e.payload["late"] for e in given] == [False, True]
    login(client, tuan)
    page = client.get(conference.get_absolute_url()).content.decode()
    assert "(trễ hạn)" in page and "Đã hủy lấy ý kiến" in page
    assert open_task(conference, F.synthesize) is not None


def test_the_police_opinion_cannot_be_cancelled(client, cast, lan, minh, hoa, police, justice):
    conference = submit(client, lan)
    to_consultation(client, conference, minh=minh, hoa=hoa, agencies=[justice])
    opinion = conference.opinions.get(agency=police)

    login(client, hoa)
    url = reverse("conference_cancel_opinion", args=[conference.pk, opinion.pk])
    client.post(url, {"comment": "Không cần"})

    opinion.refresh_from_db()
    assert opinion.cancelled_at is None


def test_an_agency_sees_only_the_conferences_it_was_asked_about(
    client, cast, lan, minh, hoa, thao, tai, justice
):
    conference = submit(client, lan)
    login(client, thao)
    assert client.get(conference.get_absolute_url()).status_code == 404

    to_consultation(client, conference, minh=minh, hoa=hoa, agencies=[justice])

    assert client.get(conference.get_absolute_url()).status_code == 200
    login(client, tai)
    assert client.get(conference.get_absolute_url()).status_code == 404


# -- the Prime Minister's branch (Art. 3 cl. 1, Art. 5 cl. 1) ---------------------------------


@pytest.mark.parametrize("allowed", [True, False])
def test_a_sensitive_conference_goes_to_the_prime_minister_and_his_answer_is_recorded(
    client, cast, lan, minh, hoa, tuan, dung, thao, chu, pho, police, justice, allowed
):
    conference = decided(
        client, lan, minh, hoa, tuan, dung, thao, police, justice, sensitive_topics=["border"]
    )
    assert conference.requires_prime_minister
    assert open_task(conference, F.approve).owner == chu
    # The province cannot allow it itself.
    refused = complete(client, chu, conference, F.approve, decision="approve")
    assert refused.status_code == 200
    decide(client, chu, conference, F.approve, "forward", "Kính trình Thủ tướng")
    assert conference.status == Status.AWAITING_PM
    assert conference.pm_sent_on == datetime.date(2026, 12, 1)

    answer_data = {
        "decision": "allow" if allowed else "refuse",
        "answer": "Công văn số 45/TTg-QHQT",
        "answered_on": "2026-12-01",
        "comment": "" if allowed else "Chưa phù hợp",
    }
    step(client, hoa, conference, F.record_pm_answer, **answer_data)

    if allowed:
        assert conference.status == Status.APPROVED
        assert conference.approver == chu
        issue(client, conference, F, clerk=cast.clerk)
        assert conference.decision_number == "1889/UBND-NC"
        login(client, lan)
        page = client.get(conference.get_absolute_url()).content.decode()
        assert "Công văn số 45/TTg-QHQT" in page
        assert actions(conference)[-4:] == [
            "forwarded",
            "approved",
            "document_signed",
            "decision_issued",
        ]
    else:
        assert conference.status == Status.REJECTED
        assert selectors.process_of(conference).status == STATUS.DONE
    approved = Entry.objects.filter(action="approved" if allowed else "rejected").get()
    assert approved.payload == {"by": "prime_minister", "answer": "Công văn số 45/TTg-QHQT"}


def test_the_prime_ministers_answer_needs_its_reference(
    client, cast, lan, minh, hoa, tuan, dung, thao, chu, police, justice
):
    conference = decided(
        client, lan, minh, hoa, tuan, dung, thao, police, justice, needs_pm_approval="on"
    )
    decide(client, chu, conference, F.approve, "forward")

    response = complete(
        client, hoa, conference, F.record_pm_answer, decision="allow", answer=" ", answered_on=""
    )

    assert response.status_code == 200
    conference.refresh_from_db()
    assert conference.status == Status.AWAITING_PM


# -- who sees what ------------------------------------------------------------------------------


def test_another_unit_sees_nothing(client, cast, lan, long, minh, hoa, justice):
    conference = submit(client, lan, agenda=pdf("chuong-trinh.pdf"))
    to_consultation(client, conference, minh=minh, hoa=hoa, agencies=[justice])
    attachment = conference.attachments.get()
    login(client, long)

    for url in (
        conference.get_absolute_url(),
        reverse("conference_download", args=[conference.pk, attachment.pk]),
        reverse("conference_letter", args=[conference.pk]),
        reverse("conference_chart", args=[conference.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("conference_withdraw", args=[conference.pk])).status_code == 404
    assert conference.reference not in client.get(reverse("conferences:list")).content.decode()
    task = open_task(conference, F.give_opinion, conference.opinions.first())
    assert client.get(task.reverse("execute")).status_code in (403, 404)


def test_completing_a_finished_step_again_says_who_did_it(client, cast, lan, minh):
    conference = submit(client, lan)
    decide(client, minh, conference, F.endorse, "endorse")
    task = selectors.process_of(conference).task_set.get(flow_task=F.endorse)

    response = client.post(task.reverse("execute"), {"decision": "endorse"})

    assert response.status_code == 409
    assert "Lê Quang Minh" in response.content.decode()


def test_the_submitter_cannot_endorse_their_own_request(client, cast, lan, minh):
    conference = submit(client, lan)
    task = open_task(conference, F.endorse)

    assert client.post(task.reverse("assign")).status_code == 403
    assert client.post(task.reverse("execute"), {"decision": "endorse"}).status_code == 403
    conference.refresh_from_db()
    assert conference.status == Status.SUBMITTED


def test_the_conference_page_costs_the_same_queries_for_1_and_3_opinions(
    client, cast, lan, minh, hoa, justice, finance
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(agencies):
        conference = submit(client, lan)
        to_consultation(client, conference, minh=minh, hoa=hoa, agencies=agencies)
        login(client, hoa)
        client.get(conference.get_absolute_url())  # warm caches (session, content types)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(conference.get_absolute_url()).status_code == 200
        return len(captured)

    assert queries([]) == queries([justice, finance])
