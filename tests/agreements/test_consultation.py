"""The parallel opinions: deadlines across Tết and 2/9, a late answer, a cancelled one.

hoa sends a proposal to the police (dung), justice (thao) and finance (tai); each has 7
working days. Asked on Thursday 12/02/2026, the day before Tết (Saturday 14/02 to
Sunday 22/02), they answer by Monday 02/03; asked on Friday 28/08/2026, before the 2/9
break (29/08–02/09), by Friday 11/09.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from viewflow.workflow.status import STATUS

from agreements.models import Status
from audit.models import Entry
from workdays import calendar
from workdays.models import CalendarDay, TaskDeadline

from .helpers import F, answer, login, open_task, opinion_of, step, submit, to_consultation

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.strptime(text, "%d/%m/%Y").replace(hour=hour, tzinfo=LOCAL)


@pytest.fixture
def holidays_2026(db):
    """Seed 2026 and enter the Tết decision (14/02–22/02) as an administrator would."""
    calendar.seed_year(2026)
    for day in range(14, 23):
        CalendarDay.objects.get_or_create(
            date=datetime.date(2026, 2, day),
            defaults={"kind": CalendarDay.Kind.DAY_OFF, "name": "Nghỉ Tết Bính Ngọ"},
        )


def consult_on(day, client, lan, minh, hoa, agencies):
    with time_machine.travel(at(day), tick=False):
        agreement = submit(client, lan)
        return to_consultation(client, agreement, minh=minh, hoa=hoa, agencies=agencies)


@pytest.mark.parametrize(
    ("asked", "due"), [("12/02/2026", "02/03/2026"), ("28/08/2026", "11/09/2026")]
)
def test_each_agency_has_seven_working_days_on_the_holiday_calendar(
    client, cast, holidays_2026, lan, minh, hoa, police, justice, finance, asked, due
):
    agreement = consult_on(asked, client, lan, minh, hoa, [justice, finance])

    due_on = datetime.datetime.strptime(due, "%d/%m/%Y").date()
    rows = TaskDeadline.objects.filter(step="agreement.opinion")
    assert [(r.due_on, r.days, r.working) for r in rows] == [(due_on, 7, True)] * 3
    assert set(agreement.opinions.values_list("due_on", flat=True)) == {due_on}


def test_an_agency_answering_late_is_marked_late_and_the_flow_goes_on(
    client, cast, holidays_2026, lan, minh, hoa, tuan, dung, thao, police, justice
):
    agreement = consult_on("12/02/2026", client, lan, minh, hoa, [justice])
    with time_machine.travel(at("27/02/2026"), tick=False):
        answer(client, dung, agreement, police)
    with time_machine.travel(at("04/03/2026"), tick=False):
        answer(client, thao, agreement, justice, "agree_with_conditions", "Sửa Điều 3")

    late, on_time = opinion_of(agreement, justice), opinion_of(agreement, police)
    assert late.is_late and not on_time.is_late
    given = Entry.objects.filter(action="opinion_given").order_by("seq")
    assert [e.payload["late"] for e in given] == [False, True]
    assert agreement.status == Status.SYNTHESIS
    login(client, tuan)
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "(trễ hạn)" in page
    assert open_task(agreement, F.synthesize) is not None


def cancel(client, user, agreement, agency, comment="Không còn cần thiết"):
    login(client, user)
    opinion = opinion_of(agreement, agency)
    url = reverse("agreement_cancel_opinion", args=[agreement.pk, opinion.pk])
    response = client.post(url, {"comment": comment})
    assert response.status_code == 302
    agreement.refresh_from_db()
    return agreement


def test_the_reviewer_cancels_the_last_awaited_opinion_and_the_join_goes_on(
    client, cast, lan, minh, hoa, tuan, dung, thao, police, justice, finance
):
    agreement = submit(client, lan)
    to_consultation(client, agreement, minh=minh, hoa=hoa, agencies=[justice, finance])
    answer(client, dung, agreement, police)
    answer(client, thao, agreement, justice)
    assert agreement.status == Status.CONSULTING

    cancel(client, hoa, agreement, finance)

    assert agreement.status == Status.SYNTHESIS
    assert opinion_of(agreement, finance).cancelled_at is not None
    process_tasks = open_task(agreement, F.synthesize).process.task_set
    finance_task = next(
        t
        for t in process_tasks.filter(flow_task=F.give_opinion)
        if t.data["opinion"] == opinion_of(agreement, finance).pk
    )
    assert finance_task.status == STATUS.CANCELED
    assert [t.status for t in process_tasks.filter(flow_task=F.join_opinions)] == [STATUS.DONE]
    assert process_tasks.filter(flow_task=F.synthesize).count() == 1


def test_a_cancelled_opinion_before_any_answer_leaves_the_others_waiting(
    client, cast, lan, minh, hoa, dung, thao, tai, police, justice, finance
):
    agreement = submit(client, lan)
    to_consultation(client, agreement, minh=minh, hoa=hoa, agencies=[justice, finance])
    cancel(client, hoa, agreement, justice)
    assert agreement.status == Status.CONSULTING

    login(client, thao)
    assert client.get(agreement.get_absolute_url()).status_code == 200  # still asked once
    answer(client, dung, agreement, police)
    answer(client, tai, agreement, finance)
    assert agreement.status == Status.SYNTHESIS


def test_the_security_consultation_cannot_be_cancelled_nor_by_others(
    client, cast, lan, minh, hoa, thao, police, justice
):
    agreement = submit(client, lan)
    to_consultation(client, agreement, minh=minh, hoa=hoa, agencies=[justice])
    login(client, hoa)
    opinion = opinion_of(agreement, police)
    url = reverse("agreement_cancel_opinion", args=[agreement.pk, opinion.pk])
    client.post(url, {"comment": "Thử"})
    assert opinion_of(agreement, police).cancelled_at is None

    login(client, thao)
    opinion = opinion_of(agreement, justice)
    client.post(
        reverse("agreement_cancel_opinion", args=[agreement.pk, opinion.pk]), {"comment": "x"}
    )
    assert opinion_of(agreement, justice).cancelled_at is None


def test_a_disagreement_needs_its_reasons(client, cast, lan, minh, hoa, thao, justice):
    agreement = submit(client, lan)
    to_consultation(client, agreement, minh=minh, hoa=hoa, agencies=[justice])
    login(client, thao)
    task = open_task(agreement, F.give_opinion, opinion_of(agreement, justice))
    client.post(task.reverse("assign"))
    response = client.post(task.reverse("execute"), {"verdict": "disagree", "text": " "})
    assert response.status_code == 200
    assert opinion_of(agreement, justice).answered_at is None


def test_an_agency_may_attach_its_written_opinion(client, cast, lan, minh, hoa, thao, justice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    agreement = submit(client, lan)
    to_consultation(client, agreement, minh=minh, hoa=hoa, agencies=[justice])
    pdf = SimpleUploadedFile("y-kien.pdf", b"%PDF-1.4 ykien", content_type="application/pdf")
    step(
        client,
        thao,
        agreement,
        F.give_opinion,
        opinion_of(agreement, justice),
        verdict="agree",
        opinion_file=pdf,
    )
    attachment = opinion_of(agreement, justice).attachments.get()
    assert attachment.kind == "opinion" and attachment.agreement == agreement
    login(client, thao)
    url = reverse("agreement_download", args=[agreement.pk, attachment.pk])
    assert client.get(url).status_code == 200
    assert Entry.objects.filter(action="file_downloaded").count() == 1


def test_the_status_area_names_each_agency_consulted_not_the_role_again(
    client, cast, lan, minh, hoa, thao, police, justice, finance
):
    agreement = to_consultation(
        client, submit(client, lan), minh=minh, hoa=hoa, agencies=[justice, finance]
    )
    login(client, thao)
    client.post(
        open_task(agreement, F.give_opinion, opinion_of(agreement, justice)).reverse("assign")
    )

    html = login(client, hoa).get(agreement.get_absolute_url()).content.decode()
    holder = html.split('data-testid="current-holder">')[1].split("</dd>")[0]
    names = holder.split("; ")
    assert sorted(names) == sorted(
        ["Công an tỉnh", f"{thao.get_full_name()}, Sở Tư pháp", "Sở Tài chính"]
    )
    assert "Cơ quan được lấy ý kiến" not in holder
