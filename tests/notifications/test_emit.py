"""emit(): in-app notifications and outbox rows written in the caller's transaction."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

import notifications
from notifications import Event, emit
from notifications.models import Notification, OutboxMessage
from organizations.models import Deputy


def test_importing_the_package_gives_emit_and_event_lazily():
    assert notifications.emit is emit
    assert notifications.Event.RETURNED == "returned"
    with pytest.raises(AttributeError):
        notifications.nothing_here  # noqa: B018


def test_a_step_completion_delivers_exactly_one_email_per_recipient(
    complete_step, unit_a, lan, minh, hoa, sent_to
):
    complete_step(
        unit_a,
        [lan, minh],
        actor=hoa,
        task=41,
        url="/quy-trinh/doan-ra/41/",
        context={"comment": "Thiếu thư mời"},
    )

    assert sent_to() == ["lan@example.test", "minh@example.test"]
    message = mail.outbox[0]
    assert "Hồ sơ bị trả lại để chỉnh sửa" in message.subject
    assert "Nguyễn Thị Hoa đã trả lại hồ sơ “Sở Công Thương” để chỉnh sửa." in message.body
    assert "Thiếu thư mời" in message.body
    assert "http://127.0.0.1:8000/quy-trinh/doan-ra/41/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="http://127.0.0.1:8000/quy-trinh/doan-ra/41/"' in html
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_a_rolled_back_step_leaves_no_notification_and_sends_nothing(
    django_capture_on_commit_callbacks, unit_a, lan
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        emit(Event.REJECTED, subject=unit_a, to=[lan])
        raise RuntimeError("the step failed after emitting")

    assert callbacks == []
    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_emitting_the_same_event_twice_notifies_once(complete_step, unit_a, lan):
    first = complete_step(unit_a, [lan], event=Event.DEADLINE_NEAR, task=7)
    second = complete_step(unit_a, [lan], event=Event.DEADLINE_NEAR, task=7)

    assert len(first) == 1
    assert second == []
    assert len(mail.outbox) == 1


def test_an_explicit_key_lets_an_event_repeat_on_the_same_task(complete_step, unit_a, lan):
    complete_step(unit_a, [lan], event=Event.OVERDUE, task=7, key="overdue:7:day-1")
    complete_step(unit_a, [lan], event=Event.OVERDUE, task=7, key="overdue:7:day-2")

    assert Notification.objects.filter(recipient=lan).count() == 2


def test_the_actor_is_not_told_of_their_own_action(complete_step, unit_a, lan, hoa):
    complete_step(unit_a, [lan, hoa], actor=hoa)

    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["lan"]


def test_a_deputy_is_told_during_the_deputy_period_only(complete_step, unit_a, chu, pho):
    today = timezone.localdate()
    Deputy.objects.create(principal=chu, deputy=pho, start_date=today, end_date=today)
    Deputy.objects.create(
        principal=chu,
        deputy=pho,
        start_date=today - datetime.timedelta(days=10),
        end_date=today - datetime.timedelta(days=5),
    )

    complete_step(unit_a, [chu], event=Event.TASK_ASSIGNED, task=1)

    copy = Notification.objects.get(recipient=pho)
    assert copy.on_behalf_of == chu
    assert Notification.objects.filter(recipient=chu).exists()


def test_an_expired_deputy_period_sends_no_copy(complete_step, unit_a, chu, pho):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Deputy.objects.create(principal=chu, deputy=pho, start_date=yesterday, end_date=yesterday)

    complete_step(unit_a, [chu], event=Event.TASK_ASSIGNED, task=1)

    assert not Notification.objects.filter(recipient=pho).exists()


def test_a_deputy_who_is_also_addressed_gets_one_notification(complete_step, unit_a, chu, pho):
    today = timezone.localdate()
    Deputy.objects.create(principal=chu, deputy=pho, start_date=today, end_date=today)

    complete_step(unit_a, [chu, pho], event=Event.APPROVED, task=1)

    assert Notification.objects.filter(recipient=pho).count() == 1
    assert Notification.objects.get(recipient=pho).on_behalf_of is None


def test_the_celery_message_carries_the_outbox_id_only(complete_step, unit_a, lan, monkeypatch):
    from notifications import tasks

    published = []
    monkeypatch.setattr(
        tasks.deliver, "apply_async", lambda args, **options: published.append(args)
    )

    complete_step(unit_a, [lan], context={"comment": "Hộ chiếu B1234567"})

    assert published == [(OutboxMessage.objects.get().pk,)]


def test_a_broker_outage_after_commit_keeps_the_step_and_the_pending_mail(
    complete_step, unit_a, lan, monkeypatch
):
    from kombu.exceptions import OperationalError

    from notifications import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.deliver, "apply_async", broker_down)

    complete_step(unit_a, [lan])

    assert Notification.objects.filter(recipient=lan).exists()
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.PENDING
    assert mail.outbox == []


def test_a_person_without_an_email_address_still_sees_the_notification(complete_step, unit_a, lan):
    lan.email = ""
    lan.save()

    complete_step(unit_a, [lan])

    assert Notification.objects.filter(recipient=lan).exists()
    assert not OutboxMessage.objects.exists()


def test_a_long_subject_label_and_key_still_fit(complete_step, unit_a, lan):
    unit_a.name = "Đ" * 255
    unit_a.save()

    complete_step(unit_a, [lan], key="k" * 400)

    assert len(Notification.objects.get().dedup_key) <= 255
    assert len(mail.outbox) == 1


def test_a_deactivated_deputy_gets_no_copy(complete_step, unit_a, chu, pho):
    today = timezone.localdate()
    Deputy.objects.create(principal=chu, deputy=pho, start_date=today, end_date=today)
    pho.is_active = False
    pho.save()

    complete_step(unit_a, [chu], event=Event.TASK_ASSIGNED, task=1)

    assert not Notification.objects.filter(recipient=pho).exists()
