"""Delivery: the sweep, retries with backoff, incidents and the admin's retry."""

import datetime

import pytest
from django.contrib.admin.sites import site
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from notifications import Event, delivery, tasks
from notifications.models import Incident, OutboxMessage

Status = OutboxMessage.Status


def _make_due(message):
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())


def test_a_missed_kick_is_delivered_by_the_sweep_after_the_grace_period(
    unit_a, lan, settings, sent_to
):
    from notifications import emit

    settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS = 30
    emit(Event.APPROVED, subject=unit_a, to=[lan])  # no commit here: the kick never runs

    assert tasks.sweep() == {}
    message = OutboxMessage.objects.get()
    _make_due(message)
    assert tasks.sweep() == {"sent": 1}
    assert tasks.sweep() == {}
    assert sent_to() == ["lan@example.test"]


def test_a_message_marked_sent_is_never_sent_again(complete_step, unit_a, lan):
    complete_step(unit_a, [lan])
    message = OutboxMessage.objects.get()

    assert delivery.deliver(message.pk) == "skipped"
    assert tasks.deliver(message.pk) == "skipped"
    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.get().attempts == 1


def test_a_failed_send_waits_with_growing_jittered_backoff(complete_step, unit_a, lan, flaky_mail):
    flaky_mail.failing = {lan.email}
    before = timezone.now()

    complete_step(unit_a, [lan])

    message = OutboxMessage.objects.get()
    assert message.status == Status.PENDING
    assert message.attempts == 1
    assert "421" in message.last_error
    assert before + datetime.timedelta(seconds=15) <= message.next_attempt_at
    assert message.next_attempt_at <= timezone.now() + datetime.timedelta(seconds=30)


@pytest.mark.parametrize("attempts", [1, 2, 3, 5, 8, 12])
def test_backoff_doubles_up_to_the_cap_with_jitter(settings, attempts):
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 30
    settings.NOTIFICATIONS_RETRY_MAX_SECONDS = 3600
    ceiling = min(3600, 30 * 2 ** (attempts - 1))

    waits = {delivery.backoff(attempts).total_seconds() for _ in range(20)}

    assert all(ceiling / 2 <= wait <= ceiling for wait in waits)
    assert len(waits) > 1


def test_a_message_that_always_fails_becomes_an_incident_after_eight_attempts(
    complete_step, unit_a, lan, flaky_mail
):
    flaky_mail.failing = {lan.email}
    complete_step(unit_a, [lan])
    message = OutboxMessage.objects.get()

    for _ in range(20):
        _make_due(message)
        tasks.sweep()

    message.refresh_from_db()
    assert message.status == Status.INCIDENT
    assert message.attempts == 8
    assert flaky_mail.calls == 8
    assert list(Incident.objects.filter(status=Status.INCIDENT)) == [message]
    assert mail.outbox == []


def test_a_message_that_kills_its_worker_every_time_becomes_an_incident(
    complete_step, unit_a, lan, monkeypatch
):
    """A crash mid-send leaves attempts counted but nothing recorded; the cap still holds."""
    monkeypatch.setattr(tasks, "kick", lambda message_id: None)
    complete_step(unit_a, [lan])
    message = OutboxMessage.objects.get()
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=8)

    assert delivery.deliver(message.pk) == "skipped"

    message.refresh_from_db()
    assert message.status == Status.INCIDENT
    assert message.last_error == "worker lost during delivery"
    assert mail.outbox == []


def test_the_admin_retry_action_puts_an_incident_back_and_sends_it(
    complete_step, unit_a, lan, quan, flaky_mail, django_capture_on_commit_callbacks
):
    flaky_mail.failing = {lan.email}
    complete_step(unit_a, [lan])
    OutboxMessage.objects.update(status=Status.INCIDENT, attempts=8)
    flaky_mail.failing = set()
    admin = site._registry[Incident]
    request = RequestFactory().post("/admin/")
    request.user = quan
    request._messages = type("M", (), {"add": lambda *a, **k: None})()

    with django_capture_on_commit_callbacks(execute=True):
        admin.retry(request, admin.get_queryset(request))

    message = OutboxMessage.objects.get()
    assert message.status == Status.SENT
    assert message.attempts == 1
    assert len(mail.outbox) == 1


def test_the_incident_list_shows_only_incidents(complete_step, unit_a, lan, minh, quan):
    complete_step(unit_a, [lan, minh])
    OutboxMessage.objects.filter(recipient=lan).update(status=Status.INCIDENT)
    admin = site._registry[Incident]
    request = RequestFactory().get("/admin/")
    request.user = quan

    assert [m.recipient for m in admin.get_queryset(request)] == [lan]


def test_mail_to_a_deactivated_person_is_cancelled_not_sent(unit_a, lan):
    from notifications import emit

    emit(Event.APPROVED, subject=unit_a, to=[lan])
    lan.is_active = False
    lan.save()

    assert delivery.deliver(OutboxMessage.objects.get().pk) == Status.CANCELLED
    assert mail.outbox == []


def test_the_sweep_command_delivers_what_is_due_without_celery_beat(unit_a, lan, sent_to):
    from io import StringIO

    from django.core.management import call_command

    from notifications import emit

    emit(Event.APPROVED, subject=unit_a, to=[lan])
    _make_due(OutboxMessage.objects.get())
    out = StringIO()

    call_command("notifications_sweep", stdout=out)

    assert out.getvalue().strip() == "sent: 1"
    assert sent_to() == ["lan@example.test"]
