"""One due date for a results report: the trip page, the task, the reminder and the decision.

lan's delegation to Paris comes back on Saturday 07/03/2026. Fifteen days later is
Sunday 22/03/2026, a day off, so the report is due on Monday 23/03/2026 (Civil Code
2015, Art. 148), and every place that states the date must say so.
"""

import datetime
import io
from zoneinfo import ZoneInfo

import docx
import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

import workdays
from notifications import Event
from notifications.models import Notification
from workdays.models import TaskDeadline
from workflows import deadlines
from workflows.flows import OutboundTripFlow

from ..issuance import issue
from .test_outbound_flow import clear_all, decide, login, open_task, submit

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
RETURN = datetime.date(2026, 3, 7)  # a Saturday
DUE = datetime.date(2026, 3, 23)  # day 15 is Sunday 22/03


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LOCAL)


def decision_text(client, trip) -> str:
    response = client.get(reverse("outbound_decision", args=[trip.pk]))
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


@pytest.fixture
def cast(province, lan, long, minh, hoa, dung, chu, pho, kiem, van):
    province.clerk = van
    return province


def test_day_15_on_a_sunday_gives_monday_everywhere(
    client, cast, lan, minh, hoa, dung, pho, django_capture_on_commit_callbacks, mailoutbox
):
    assert RETURN + datetime.timedelta(days=15) == datetime.date(2026, 3, 22)
    assert workdays.due_date("outbound.report", RETURN) == DUE

    with time_machine.travel(at(datetime.date(2026, 2, 26)), tick=False):
        trip = submit(client, lan, start_date="2026-03-02", end_date=RETURN.isoformat())
        decide(client, minh, trip, OutboundTripFlow.endorse, "endorse")
        decide(client, hoa, trip, OutboundTripFlow.review, "forward")
        clear_all(client, dung, trip)
        decide(client, pho, trip, OutboundTripFlow.approve, "approve")
        issue(client, trip, OutboundTripFlow, clerk=cast.clerk)
        login(client, lan)
        decision = decision_text(client, trip)
    assert "kể từ ngày về nước (chậm nhất ngày 23/03/2026)" in decision

    with time_machine.travel(at(datetime.date(2026, 3, 8)), tick=False):
        call_command("workflow_timers")
        trip.refresh_from_db()
        task = open_task(trip, OutboundTripFlow.report)
        login(client, lan)
        page = client.get(reverse("outbound_trip", args=[trip.pk])).content.decode()
        inbox = client.get(reverse("my_tasks")).content.decode()

    assert trip.report_due_on == DUE
    assert TaskDeadline.objects.get(task=task).due_on == DUE
    assert "23/03/2026" in page and "22/03/2026" not in page
    assert "Hạn: 23/03/2026" in inbox

    # Reminded the working day before Monday: on Friday 20/03, not on Thursday 19/03.
    with time_machine.travel(at(datetime.date(2026, 3, 19)), tick=False):
        assert "reminded" not in deadlines.send_deadline_reminders()
    with (
        time_machine.travel(at(datetime.date(2026, 3, 20)), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert deadlines.send_deadline_reminders() == {"reminded": 1}
    reminder = Notification.objects.get(
        event=Event.REPORT_DUE, recipient=lan, context__has_key="due_on"
    )
    assert reminder.due_on == DUE
    emails = [message.body for message in mailoutbox if message.to == [lan.email]]
    assert any("Hạn: 23/03/2026" in body for body in emails), emails
