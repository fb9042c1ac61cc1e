"""The foreign NGO aid flow through the HTTP client, as each role would drive it.

hoa (focal agency reviewer) keeps the register of NGOs and appraises; lan (unit A staff,
the aid owner) files the dossier, minh (unit A head) endorses, dung (police, always),
thao (justice) and tai (finance) give their opinions in parallel, tuan (focal agency
head) reports the appraisal, chu (Chairman) approves; lan records the start, the
disbursements and the periodic reports, hoa acknowledges the final one. long (unit B)
sees none of it.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from viewflow.workflow.status import STATUS

from ngo_aid.models import AidProject, ForeignNGO, Meeting, Status
from notifications.models import Notification
from organizations.models import Role
from organizations.services import grant_role
from workdays import steps as workdays
from workflows import deadlines, selectors
from workflows import services as workflow_services

from ..factories import StaffProfileFactory, UnitFactory
from ..issuance import issue
from .helpers import (
    END,
    F,
    actions,
    answer,
    decide,
    disburse,
    fire_timers_on,
    issued,
    login,
    open_task,
    step,
    submit,
    to_consultation,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = datetime.date(2026, 12, 1)


def pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def people(minh, hoa, tuan, dung, thao, tai, chu, police, justice, finance, van):
    return {
        "minh": minh,
        "hoa": hoa,
        "tuan": tuan,
        "dung": dung,
        "thao": thao,
        "tai": tai,
        "chu": chu,
        "police": police,
        "justice": justice,
        "finance": finance,
        "van": van,
    }


@pytest.fixture
def cast_all(cast, minh, hoa, tuan, dung, thao, tai, chu, police, justice, finance):
    return people(minh, hoa, tuan, dung, thao, tai, chu, police, justice, finance, cast.clerk)


def told(user, event):
    return Notification.objects.filter(recipient=user, event=event).count()


def test_the_focal_agency_registers_an_ngo_and_unit_staff_may_not(client, cast, hoa, lan):
    data = {
        "name": "Save the Children",
        "name_vi": "Tổ chức Cứu trợ Trẻ em",
        "country": "GB",
        "registration_kind": "representative_office",
        "registration_number": "45/CNV-VPĐD",
        "registration_issuer": "Bộ Ngoại giao",
        "registration_valid_from": "2024-01-01",
        "registration_valid_until": "2028-12-31",
        "contact_person": "Jane Smith",
        "contact_email": "jane@example.org",
        "areas": "Bảo vệ trẻ em",
    }
    login(client, lan)
    assert client.post(reverse("ngo_aid:ngo_new"), data).status_code == 403
    assert not ForeignNGO.objects.exists()

    login(client, hoa)
    response = client.post(reverse("ngo_aid:ngo_new"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    ngo = ForeignNGO.objects.get()
    assert ngo.registration_valid_until == datetime.date(2028, 12, 31)
    listing = client.get(reverse("ngo_aid:ngos"), {"q": "cứu trợ"}).content.decode()
    assert "Save the Children" in listing

    bad = {**data, "name": "Other", "registration_valid_until": "2023-01-01"}
    response = client.post(reverse("ngo_aid:ngo_new"), bad)
    assert response.status_code == 200
    assert ForeignNGO.objects.count() == 1


def test_the_happy_path_runs_from_the_dossier_to_the_acknowledged_final_report(
    client, cast_all, lan, long, hoa, minh, chu, donor
):
    project = submit(
        client,
        lan,
        donor,
        commitment=pdf("cam-ket.pdf"),
        project_document=pdf("van-kien.pdf"),
        legal_papers=pdf("phap-ly.pdf"),
    )
    assert project.status == Status.SUBMITTED
    assert project.reference == "VT-2026-SCT-001"
    assert project.amount == Decimal("100000.00")
    assert project.amount_usd == Decimal("108500.00")
    assert sorted(project.attachments.values_list("kind", flat=True)) == [
        "commitment",
        "legal_papers",
        "project_document",
    ]

    p = cast_all
    to_consultation(client, project, minh=minh, hoa=hoa, agencies=[p["justice"], p["finance"]])
    assert project.status == Status.CONSULTING
    assert set(project.opinions.values_list("agency__code", flat=True)) == {"CA", "STP", "STC"}
    # Three opinion tasks open at once: the agencies answer in any order.
    assert (
        len(
            selectors.process_of(project).task_set.filter(
                flow_task=F.give_opinion, status__in=selectors.OPEN
            )
        )
        == 3
    )
    answer(client, p["tai"], project, p["finance"], "agree_with_conditions", "Mở tài khoản riêng")
    answer(client, p["dung"], project, p["police"])
    assert project.status == Status.CONSULTING
    answer(client, p["thao"], project, p["justice"])
    assert project.status == Status.SYNTHESIS
    step(client, p["tuan"], project, F.synthesize, summary="Đủ điều kiện phê duyệt.")
    assert open_task(project, F.approve).owner == chu
    decide(client, chu, project, F.approve, "approve")

    assert project.status == Status.APPROVED
    assert project.decision_number == ""  # a draft until signed and registered (ADR 0012)
    issue(client, project, F, clerk=p["van"], signer=chu, sequence=1889)
    assert project.status == Status.ISSUED
    assert project.decision_number == "1889/QĐ-UBND"
    login(client, lan)
    document = client.get(reverse("ngo_aid_decision", args=[project.pk]))
    assert document.status_code == 200
    assert b"".join(document.streaming_content).startswith(b"PK")
    page = client.get(project.get_absolute_url()).content.decode()
    assert "108.500 USD" in page and "100.000 EUR" in page

    step(client, lan, project, F.start_aid, started_on=TODAY.isoformat())
    assert project.status == Status.IMPLEMENTING
    assert disburse(client, lan, project, TODAY, "40000").status_code == 302
    assert disburse(client, lan, project, TODAY, "20000.50").status_code == 302
    # More than was approved is refused, saying why under the form, which keeps what
    # was typed; nothing is stored.
    refused = disburse(client, lan, project, TODAY, "50000", note="Đợt 3 chuyển nhầm")
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Tổng số đã giải ngân vượt giá trị khoản viện trợ đã phê duyệt." in page
    form = page[page.index('data-testid="disbursement-form"') :]
    assert 'value="50000"' in form and "Đợt 3 chuyển nhầm" in form
    # A day typed wrong is named under its field, and the amount stays.
    mistyped = disburse(client, lan, project, "31/02/2026", "100")
    assert mistyped.status_code == 400
    assert 'value="100"' in mistyped.content.decode()
    assert project.disbursements.count() == 2
    assert project.disbursed_usd == Decimal("65100.54")
    # Another unit's staff may not record one: the project is not theirs to see.
    assert disburse(client, long, project, TODAY, "10").status_code == 404
    assert project.disbursements.count() == 2

    # The first period runs six months from the start; its report is then due.
    project = fire_timers_on(datetime.date(2027, 6, 1), project)
    assert open_task(project, F.report).owner == lan
    step(client, lan, project, F.report, text="Đã bàn giao thiết bị cho 10 trạm y tế.")
    assert project.status == Status.IMPLEMENTING
    project = fire_timers_on(END + datetime.timedelta(days=1), project)
    step(client, lan, project, F.report, text="Hoàn thành toàn bộ hoạt động.")
    assert project.status == Status.REPORTED
    reports = list(project.reports.values_list("period_start", "period_end", "final"))
    assert reports == [
        (TODAY, datetime.date(2027, 5, 31), False),
        (datetime.date(2027, 6, 1), END, True),
    ]
    decide(client, hoa, project, F.acknowledge, "acknowledge")

    assert project.status == Status.COMPLETED
    assert selectors.process_of(project).status == STATUS.DONE
    assert [a for a in actions(project) if a not in ("file_uploaded", "file_downloaded")] == [
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
        "updated",  # the start
        "updated",  # two disbursements
        "updated",
        "report_submitted",
        "report_submitted",
        "acknowledged",
    ]


def test_a_late_periodic_report_is_reminded_then_escalated_to_the_unit_head(
    client, cast_all, lan, minh, donor
):
    project = issued(client, submit(client, lan, donor), **cast_all)
    step(client, lan, project, F.start_aid, started_on=TODAY.isoformat())
    project = fire_timers_on(datetime.date(2027, 6, 1), project)
    # Due 15 days after the period's last day (31/05/2027): Tuesday 15/06/2027.
    assert open_task(project, F.report).deadline.due_on == datetime.date(2027, 6, 15)

    deadlines.send_deadline_reminders(today=datetime.date(2027, 6, 14))
    assert told(lan, "report_due") == 1
    assert told(minh, "escalated") == 0
    deadlines.send_deadline_reminders(today=datetime.date(2027, 6, 16))
    assert told(lan, "report_overdue") == 1
    assert told(minh, "escalated") == 1
    # A second sweep tells nobody again.
    deadlines.send_deadline_reminders(today=datetime.date(2027, 6, 17))
    assert told(lan, "report_overdue") == 1 and told(minh, "escalated") == 1


def test_each_agency_consulted_answers_within_the_regulation_s_limit(
    client, cast_all, lan, minh, hoa, donor
):
    project = submit(client, lan, donor)
    p = cast_all
    to_consultation(client, project, minh=minh, hoa=hoa, agencies=[p["justice"], p["finance"]])
    asked = selectors.process_of(project).task_set.filter(
        flow_task=F.give_opinion, status__in=selectors.OPEN
    )
    # "ngo_aid.opinion": 7 working days from Tuesday 01/12/2026, for every agency at once.
    assert workdays.due_date("ngo_aid.opinion", TODAY) == datetime.date(2026, 12, 10)
    assert sorted(task.deadline.due_on for task in asked) == [datetime.date(2026, 12, 10)] * 3


def test_the_reporting_period_follows_the_setting(client, cast_all, lan, donor, settings):
    settings.NGO_AID_REPORT_MONTHS = 3
    project = issued(client, submit(client, lan, donor), **cast_all)
    assert project.report_every_months == 3
    step(client, lan, project, F.start_aid, started_on=TODAY.isoformat())

    project = fire_timers_on(datetime.date(2027, 2, 27), project)
    reports = selectors.process_of(project).task_set.filter(flow_task=F.report)
    assert not reports.exists()  # the first quarter is not over
    project = fire_timers_on(datetime.date(2027, 3, 1), project)
    # Due 15 days after the quarter's last day (28/02/2027): Monday 15/03/2027.
    assert open_task(project, F.report).deadline.due_on == datetime.date(2027, 3, 15)
    step(client, lan, project, F.report, text="Quý I: đã khảo sát 12 trạm y tế.")
    assert list(project.reports.values_list("period_start", "period_end", "final")) == [
        (TODAY, datetime.date(2027, 2, 28), False)
    ]
    assert project.status == Status.IMPLEMENTING


def test_an_approval_not_acted_on_is_warned_then_lapses(client, cast_all, lan, minh, donor):
    from ngo_aid import services

    project = issued(client, submit(client, lan, donor), **cast_all)
    assert services.lapse_due_on(project) == datetime.date(2027, 5, 31)
    login(client, lan)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "31/05/2027" in page

    assert services.warn_unstarted(today=datetime.date(2027, 4, 1)) == 0
    # 150 days after 01/12/2026 is 30/04/2027, a holiday: the warning comes after it.
    assert services.warn_unstarted(today=datetime.date(2027, 5, 10)) == 1
    assert told(lan, "deadline_near") == 1 and told(minh, "deadline_near") == 1
    assert services.warn_unstarted(today=datetime.date(2027, 5, 11)) == 0  # once

    with time_machine.travel(datetime.datetime(2027, 5, 31, 5, tzinfo=datetime.UTC)):
        assert workflow_services.lapse_ngo_aid() == 0  # the last day is still allowed
    with time_machine.travel(datetime.datetime(2027, 6, 1, 5, tzinfo=datetime.UTC)):
        assert workflow_services.lapse_ngo_aid() == 1
    project.refresh_from_db()
    assert project.status == Status.LAPSED
    assert selectors.process_of(project).status == STATUS.CANCELED
    assert told(lan, "overdue") == 1
    assert actions(project)[-2:] == ["commented", "updated"]


def test_an_approval_never_lapses_before_its_owner_was_warned(client, cast_all, lan, donor):
    """The beat was down through the warning's month (or the decision was registered
    late, dated back): the approval lapses the day after a warning, not before."""
    from ngo_aid import services

    project = issued(client, submit(client, lan, donor), **cast_all)
    past_due = datetime.datetime(2027, 6, 1, 5, tzinfo=datetime.UTC)  # due 31/05/2027
    with time_machine.travel(past_due):
        assert workflow_services.lapse_ngo_aid() == 0
        assert services.warn_unstarted() == 1
        assert workflow_services.lapse_ngo_aid() == 0  # not on the warning's day
    project.refresh_from_db()
    assert project.status == Status.ISSUED
    assert told(lan, "deadline_near") == 1
    warning = Notification.objects.get(recipient=lan, event="deadline_near")
    assert warning.context["due_on"] == "2027-06-01"  # the last day left, not a past one
    with time_machine.travel(past_due):
        login(client, lan)
        page = client.get(project.get_absolute_url()).content.decode()
    assert "chậm nhất ngày 01/06/2027" in page
    with time_machine.travel(past_due + datetime.timedelta(days=1)):
        assert workflow_services.lapse_ngo_aid() == 1
    project.refresh_from_db()
    assert project.status == Status.LAPSED
    assert told(lan, "overdue") == 1


def test_another_unit_sees_nothing_of_the_aid(client, cast_all, lan, long, donor):
    project = issued(client, submit(client, lan, donor), **cast_all)
    step(client, lan, project, F.start_aid, started_on=TODAY.isoformat())
    assert disburse(client, lan, project, TODAY, "1000").status_code == 302

    login(client, long)
    for name in ("ngo_aid_project", "ngo_aid_decision", "ngo_aid_chart"):
        assert client.get(reverse(name, args=[project.pk])).status_code == 404, name
    assert project.reference not in client.get(reverse("ngo_aid:list")).content.decode()
    ngo_page = client.get(reverse("ngo_aid:ngo", args=[donor.pk])).content.decode()
    assert project.title not in ngo_page and project.reference not in ngo_page
    assert project.reference not in client.get(reverse("my_tasks")).content.decode()
    # Nor may it act on it: a disbursement or a withdrawal is refused, nothing changes.
    assert disburse(client, long, project, TODAY, "10").status_code == 404
    assert client.post(reverse("ngo_aid_withdraw", args=[project.pk])).status_code == 404
    project.refresh_from_db()
    assert project.disbursements.count() == 1 and project.status == Status.IMPLEMENTING
    assert not Notification.objects.filter(recipient=long).exists()
    ngo_page = client.get(reverse("ngo_aid:ngo", args=[donor.pk])).content.decode()
    assert project.reference not in ngo_page
    assert client.get(reverse("ngo_aid_decision", args=[project.pk])).status_code == 404
    login(client, lan)
    found = client.get(reverse("ngo_aid:list"), {"q": "Children of"}).content.decode()
    assert project.reference in found


def test_a_designated_appraising_agency_appraises_instead_of_the_focal_agency(
    client, settings, cast_all, lan, minh, hoa, donor
):
    planning = UnitFactory(name="Sở Kế hoạch và Đầu tư", code="SKHDT")
    profile = StaffProfileFactory(user__username="ha", unit=planning, position="Chuyên viên")
    grant_role(profile.user, Role.DEPARTMENT_REVIEWER, planning)
    settings.NGO_AID_APPRAISING_AGENCY = "SKHDT"
    project = submit(client, lan, donor)
    decide(client, minh, project, F.endorse, "endorse")
    task = open_task(project, F.review)
    login(client, hoa)
    assert client.post(task.reverse("assign")).status_code in (403, 404)
    decide(client, profile.user, project, F.review, "accept")
    assert project.reviewer == profile.user
    # The focal agency for foreign affairs is among the agencies it may consult.
    step(client, profile.user, project, F.select_agencies, agencies=[cast_all["justice"].pk])
    assert project.status == Status.CONSULTING


def test_the_focal_agency_records_a_meeting_and_links_a_visit(client, cast, hoa, lan, donor):
    login(client, hoa)
    response = client.post(
        reverse("ngo_aid:meeting_new"),
        {
            "held_on": "2026-11-20",
            "title": "Hội nghị gặp mặt các tổ chức PCPNN năm 2026",
            "level": "province",
            "organisations": [donor.pk],
            "content": "Giới thiệu danh mục dự án kêu gọi viện trợ.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get()
    assert meeting.reference == "GM-2026-001"
    page = client.get(reverse("ngo_aid:ngo", args=[donor.pk])).content.decode()
    assert "Hội nghị gặp mặt các tổ chức PCPNN năm 2026" in page
    login(client, lan)
    assert client.post(reverse("ngo_aid:meeting_new"), {}).status_code == 403
    unknown = client.post(reverse("ngo_aid:ngo_link_visit", args=[donor.pk]), {"reference": "X"})
    assert unknown.status_code == 403


def test_a_project_is_refused_with_a_clear_message_for_a_bad_amount(client, cast, lan, donor):
    from ..start_forms import post_start
    from .helpers import request_data

    login(client, lan)
    response = post_start(
        client, F.instance.reverse("submit:execute"), request_data(donor, amount="0", currency="E")
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Giá trị khoản viện trợ phải lớn hơn 0." in text
    assert "ISO 4217" in text
    assert not AidProject.objects.exists()


def test_a_visit_hosted_for_an_ngo_is_linked_and_shown_only_to_who_may_see_it(
    client, cast, lan, long, hoa, donor
):
    from ..workflows import inbound_helpers as visit_steps

    visit = visit_steps.submit(client, lan, title="Đoàn Quỹ Trẻ em khảo sát dự án")
    link = reverse("ngo_aid:ngo_link_visit", args=[donor.pk])
    login(client, hoa)
    response = client.post(link, {"reference": visit.reference}, follow=True)
    assert "Đã liên kết đoàn vào" in response.content.decode()
    again = client.post(link, {"reference": visit.reference}, follow=True)
    assert "đã được liên kết" in again.content.decode()
    assert donor.visits.count() == 1
    page = client.get(reverse("ngo_aid:ngo", args=[donor.pk])).content.decode()
    assert visit.reference in page

    login(client, long)  # unit B may not see unit A's visit, nor its link
    page = client.get(reverse("ngo_aid:ngo", args=[donor.pk])).content.decode()
    assert visit.reference not in page
    login(client, lan)
    page = client.get(reverse("ngo_aid:ngo", args=[donor.pk])).content.decode()
    assert visit.reference in page


def test_a_returned_dossier_comes_back_to_the_same_reviewer_and_a_refusal_ends_it(
    client, cast_all, lan, minh, hoa, chu, donor
):
    from .helpers import request_data

    project = submit(client, lan, donor)
    decide(client, minh, project, F.endorse, "endorse")
    decide(client, hoa, project, F.review, "return", "Thiếu văn bản cam kết của nhà tài trợ")
    assert project.status == Status.RETURNED
    revised = {**request_data(donor, location="Xã Phù Cát"), "comment": "Đã bổ sung"}
    step(client, lan, project, F.revise, **revised)
    assert project.status == Status.IN_REVIEW
    assert open_task(project, F.review).owner == hoa
    assert project.location == "Xã Phù Cát"

    decide(client, hoa, project, F.review, "accept")
    step(client, hoa, project, F.select_agencies, agencies=[])
    answer(client, cast_all["dung"], project, cast_all["police"], "disagree", "Nhà tài trợ chưa rõ")
    step(client, cast_all["tuan"], project, F.synthesize, summary="Công an không đồng ý.")
    assert project.has_disagreement
    # The submitter may not decide; the Chairman refuses with his reasons.
    login(client, lan)
    task = open_task(project, F.approve)
    assert client.post(task.reverse("execute"), {"decision": "approve"}).status_code in (403, 404)
    decide(client, chu, project, F.approve, "reject", "Không đủ điều kiện tiếp nhận")
    assert project.status == Status.REJECTED
    assert selectors.process_of(project).status == STATUS.DONE
    assert figures_count() == 0


def figures_count():
    from reports import figures

    return figures.compute(TODAY, TODAY)["ngo_aid"]["projects"]


def test_an_issued_aid_is_not_offered_the_change_flow():
    from matters import issuance
    from ngo_aid.models import AidProject, Status

    assert issuance.amendable(AidProject(status=Status.ISSUED)) is False
