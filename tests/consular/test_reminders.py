"""An open consular case left without a step reminds its reviewer, then is escalated to the
focal agency's head; each once per quiet spell; the limits are settings."""

import datetime

import pytest
from django.utils import timezone

from consular import reminders, services
from consular.models import ConsularCase
from notifications.models import Notification
from organizations.models import Role

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 2)


def _aware(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


@pytest.fixture
def case(province, hoa, tuan):
    case = services.record_case(
        actor=hoa,
        role=Role.DEPARTMENT_REVIEWER,
        fields={
            "group": "citizen",
            "incident": "arrest",
            "occurred_on": MONDAY,
            "country": "MY",
            "people_count": 2,
        },
        persons=[{"full_name": "Lê Văn Một"}],
    )
    ConsularCase.objects.filter(pk=case.pk).update(last_activity_at=_aware(MONDAY))
    Notification.objects.all().delete()
    return case


def _events(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("event", flat=True))


def test_a_case_is_quiet_for_a_day_and_nobody_is_told(case, hoa, tuan):
    reminders.remind_open_cases(today=MONDAY + datetime.timedelta(days=1))
    assert _events(hoa) == [] and _events(tuan) == []


def test_two_working_days_remind_the_reviewer(case, hoa, tuan):
    counts = reminders.remind_open_cases(today=datetime.date(2026, 11, 4))  # Wednesday
    assert counts == {"reminded": 1, "escalated": 0}
    assert _events(hoa) == ["overdue"] and _events(tuan) == []


def test_five_working_days_escalate_to_the_head_once(case, hoa, tuan):
    # Monday 2 → Monday 9 November: five working days (the weekend does not count).
    reminders.remind_open_cases(today=datetime.date(2026, 11, 9))
    reminders.remind_open_cases(today=datetime.date(2026, 11, 10))
    assert _events(tuan) == ["escalated"]
    assert _events(hoa) == ["overdue"]


def test_the_weekend_does_not_count(case, hoa, tuan):
    reminders.remind_open_cases(today=datetime.date(2026, 11, 8))  # Sunday: 4 working days
    assert _events(tuan) == []


def test_an_update_starts_the_count_again(case, hoa, tuan):
    reminders.remind_open_cases(today=datetime.date(2026, 11, 4))
    services.add_note(case, actor=hoa, comment="Đã liên hệ Đại sứ quán.")
    Notification.objects.all().delete()
    case.refresh_from_db()
    ConsularCase.objects.filter(pk=case.pk).update(
        last_activity_at=_aware(datetime.date(2026, 11, 5))
    )
    reminders.remind_open_cases(today=datetime.date(2026, 11, 6))
    assert _events(hoa) == []


def test_the_limits_are_settings(case, hoa, tuan, settings):
    settings.CONSULAR_REMIND_AFTER_WORKING_DAYS = 1
    settings.CONSULAR_ESCALATE_AFTER_WORKING_DAYS = 1
    reminders.remind_open_cases(today=datetime.date(2026, 11, 3))
    assert _events(tuan) == ["escalated"]


def test_a_closed_case_is_never_reminded(case, hoa, tuan):
    services.close_case(case, actor=hoa, resolution="Đã được thả và về nước.")
    Notification.objects.all().delete()
    ConsularCase.objects.filter(pk=case.pk).update(last_activity_at=_aware(MONDAY))
    reminders.remind_open_cases(today=datetime.date(2026, 11, 20))
    assert _events(hoa) == [] and _events(tuan) == []


def test_the_task_is_on_the_beat_schedule():
    from config.celery import app

    assert app.conf.beat_schedule["consular-reminders"]["task"] == "consular.remind_open_cases"
