"""The agreement flow through the HTTP client, as each role would drive it.

lan (unit A staff) proposes, minh (unit A head) endorses, hoa reviews and picks the
agencies, dung (police, always), thao (justice) and tai (finance) give their opinions,
tuan (focal agency head) sums them up, chu (Chairman) decides, hoa records the signing.
"""

import datetime

import pytest
from django.urls import reverse
from viewflow.workflow.status import STATUS

from agreements.models import Agreement, Opinion, Status
from notifications.models import Notification

from ..issuance import issue
from .helpers import (
    F,
    actions,
    answer,
    decide,
    login,
    open_task,
    opinion_of,
    step,
    submit,
    task_names,
    to_consultation,
)

pytestmark = pytest.mark.django_db


def consulted(client, lan, minh, hoa, justice, finance):
    agreement = submit(client, lan)
    return to_consultation(client, agreement, minh=minh, hoa=hoa, agencies=[justice, finance])


def test_the_happy_path_goes_from_proposal_to_the_registry_with_three_agencies(
    client, cast, lan, minh, hoa, tuan, dung, thao, tai, chu, van, police, justice, finance
):
    agreement = consulted(client, lan, minh, hoa, justice, finance)
    assert agreement.status == Status.CONSULTING
    assert agreement.reference == f"TT-{datetime.date.today().year}-SCT-001"
    assert set(agreement.opinions.values_list("agency__code", flat=True)) == {"CA", "STP", "STC"}
    assert task_names(agreement).count(F.give_opinion) == 3  # one task per agency

    answer(client, dung, agreement, police)
    answer(client, thao, agreement, justice, "agree_with_conditions", "Bổ sung điều khoản")
    assert agreement.status == Status.CONSULTING
    answer(client, tai, agreement, finance)
    assert agreement.status == Status.SYNTHESIS

    step(client, tuan, agreement, F.synthesize, summary="Các cơ quan đều đồng ý.")
    assert agreement.status == Status.AWAITING_APPROVAL
    assert not agreement.has_disagreement
    assert open_task(agreement, F.approve).owner == chu
    decide(client, chu, agreement, F.approve, "approve")
    assert agreement.status == Status.APPROVED
    issue(client, agreement, F, clerk=van, issued_on=datetime.date(2026, 12, 1))
    assert agreement.status == Status.ISSUED
    step(
        client,
        hoa,
        agreement,
        F.record_signing,
        signed_on="2026-12-01",
        signed_place="Suwon",
        signed_by="Chủ tịch UBND tỉnh",
        valid_from="2026-01-15",
        valid_until="2031-01-14",
    )

    assert agreement.status == Status.SIGNED
    assert agreement.signed_on == datetime.date(2026, 12, 1)
    process = agreement_process(agreement)
    assert process.status == STATUS.DONE
    joins = process.task_set.filter(flow_task=F.join_opinions)
    assert [j.status for j in joins] == [STATUS.DONE]
    assert actions(agreement) == [
        "submitted",
        "endorsed",
        "forwarded",
        "forwarded",
        "opinion_given",
        "opinion_given",
        "opinion_given",
        "forwarded",
        "submission_filed",
        "approved",
        "document_signed",
        "decision_issued",
        "updated",
    ]
    login(client, lan)
    page = client.get(reverse("agreement_registry"))
    assert agreement.reference in page.content.decode()


def agreement_process(agreement):
    from workflows.selectors import process_of

    return process_of(agreement)


def test_a_disagreement_is_flagged_and_needs_the_prime_ministers_consent(
    client, cast, lan, minh, hoa, tuan, dung, thao, tai, chu, police, justice, finance
):
    agreement = consulted(client, lan, minh, hoa, justice, finance)
    answer(client, dung, agreement, police)
    answer(client, thao, agreement, justice, "disagree", "Trái với quy định về đầu tư")
    answer(client, tai, agreement, finance)
    step(client, tuan, agreement, F.synthesize, summary="Sở Tư pháp không đồng ý.")
    assert agreement.has_disagreement

    login(client, chu)
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert 'data-testid="disagreement-flag"' in page
    refused = client.post(
        open_task(agreement, F.approve).reverse("execute"), {"decision": "approve"}
    )
    assert refused.status_code == 200
    assert "Thủ tướng" in refused.content.decode()

    response = client.post(
        reverse("agreement_escalate", args=[agreement.pk]), {"sent_on": "2026-01-05"}
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.escalated_on == datetime.date(2026, 1, 5)
    decide_with_consent = client.post(
        open_task(agreement, F.approve).reverse("execute"),
        {"decision": "approve", "pm_consent": "Công văn 123/TTg-QHQT"},
    )
    assert decide_with_consent.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Status.APPROVED
    assert agreement.pm_consent == "Công văn 123/TTg-QHQT"
    assert "commented" in actions(agreement)


def test_a_returned_proposal_comes_back_to_the_same_reviewer(client, cast, lan, minh, hoa):
    agreement = submit(client, lan)
    decide(client, minh, agreement, F.endorse, "endorse")
    decide(client, hoa, agreement, F.review, "return", "Thiếu bản dịch tiếng Anh")
    assert agreement.status == Status.RETURNED

    login(client, lan)
    task = open_task(agreement, F.revise)
    assert task.owner == lan
    assert client.get(task.reverse("execute")).status_code == 200
    from .helpers import proposal

    response = client.post(task.reverse("execute"), proposal(term="3 năm", comment="Đã bổ sung"))
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement.refresh_from_db()
    assert agreement.status == Status.IN_REVIEW
    assert agreement.term == "3 năm"
    assert open_task(agreement, F.review).owner == hoa
    assert actions(agreement) == ["submitted", "endorsed", "returned", "resubmitted"]


def test_a_rejected_proposal_ends_the_flow(client, cast, lan, minh, hoa, chu):
    agreement = submit(client, lan)
    decide(client, minh, agreement, F.endorse, "endorse")
    decide(client, hoa, agreement, F.review, "reject", "Không phù hợp")
    # An agreement is the Chairman's to decide: so is its refusal.
    assert open_task(agreement, F.confirm_rejection).owner == chu
    decide(client, chu, agreement, F.confirm_rejection, "confirm")
    assert agreement.status == Status.REJECTED
    assert agreement_process(agreement).status == STATUS.DONE
    assert Notification.objects.filter(recipient=lan, event="rejected").exists()


def test_the_chairman_can_send_the_synthesis_back(
    client, cast, lan, minh, hoa, tuan, dung, chu, police
):
    agreement = submit(client, lan)
    to_consultation(client, agreement, minh=minh, hoa=hoa, agencies=[])
    answer(client, dung, agreement, police)
    step(client, tuan, agreement, F.synthesize, summary="Đồng ý.")
    decide(client, chu, agreement, F.approve, "return", "Làm rõ nguồn kinh phí")
    assert agreement.status == Status.SYNTHESIS
    step(client, tuan, agreement, F.synthesize, summary="Kinh phí do đối tác tài trợ.")
    decide(client, chu, agreement, F.approve, "reject", "Chưa cần thiết")
    assert agreement.status == Status.REJECTED


def test_a_consulted_agency_sees_only_agreements_sent_to_it(
    client, cast, lan, minh, hoa, thao, tai, dung, justice, finance, police
):
    sent = consulted(client, lan, minh, hoa, justice, finance)
    answer(client, tai, sent, finance, "disagree", "Không có kinh phí đối ứng")
    not_sent = submit(client, lan, title="Thỏa thuận khác")
    to_consultation(client, not_sent, minh=minh, hoa=hoa, agencies=[finance])

    login(client, thao)
    assert list(Agreement.objects.visible_to(thao)) == [sent]
    assert client.get(sent.get_absolute_url()).status_code == 200
    assert client.get(not_sent.get_absolute_url()).status_code == 404
    page = client.get(sent.get_absolute_url()).content.decode()
    assert "Sở Tư pháp" in page
    assert "Không có kinh phí đối ứng" not in page  # another agency's opinion
    listing = client.get(reverse("agreements")).content.decode()
    assert sent.reference in listing and not_sent.reference not in listing
    # dung (security) is asked about both.
    assert set(Agreement.objects.visible_to(dung)) == {sent, not_sent}


def test_other_units_see_nothing(client, cast, lan, long, minh, hoa, justice, finance):
    agreement = consulted(client, lan, minh, hoa, justice, finance)
    login(client, long)
    assert client.get(agreement.get_absolute_url()).status_code == 404
    assert agreement.reference not in client.get(reverse("agreements")).content.decode()
    task = open_task(agreement, F.give_opinion, opinion_of(agreement, justice))
    assert client.post(task.reverse("assign")).status_code == 404
    assert client.post(task.reverse("execute"), {"verdict": "agree"}).status_code == 404


def test_an_agency_cannot_answer_for_another(client, cast, lan, minh, hoa, thao, justice, finance):
    agreement = consulted(client, lan, minh, hoa, justice, finance)
    login(client, thao)
    task = open_task(agreement, F.give_opinion, opinion_of(agreement, finance))
    response = client.post(task.reverse("assign"))
    assert response.status_code == 403
    assert Opinion.objects.filter(answered_at__isnull=False).count() == 0


def test_the_submitter_withdraws_during_consultation_and_every_step_closes(
    client, cast, lan, minh, hoa, justice, finance
):
    agreement = consulted(client, lan, minh, hoa, justice, finance)
    login(client, lan)
    response = client.post(reverse("agreement_withdraw", args=[agreement.pk]), {"comment": "Hoãn"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Status.WITHDRAWN
    process = agreement_process(agreement)
    assert process.status == STATUS.CANCELED
    assert not process.task_set.filter(status__in=(STATUS.NEW, STATUS.ASSIGNED)).exists()
