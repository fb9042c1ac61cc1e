"""Email per kind, and the leaders' daily digest (one per leader per day)."""

from django.core import mail

from notifications import Event, tasks
from notifications.models import OutboxMessage, Preference
from notifications.services import set_preferences


def test_a_kind_switched_off_arrives_in_the_app_but_not_by_email(complete_step, unit_a, lan):
    set_preferences(lan, email_events=[Event.APPROVED], daily_digest=None)

    complete_step(unit_a, [lan], event=Event.RETURNED, task=1)
    complete_step(unit_a, [lan], event=Event.APPROVED, task=2)

    assert lan.notifications.count() == 2
    assert [m.subject for m in mail.outbox] == ["[Đối ngoại] Hồ sơ được phê duyệt: Sở Công Thương"]


def test_a_leader_gets_no_single_email_for_routine_events_but_does_for_urgent_ones(
    complete_step, unit_a, chu
):
    complete_step(unit_a, [chu], event=Event.TASK_ASSIGNED, task=1)
    complete_step(unit_a, [chu], event=Event.OVERDUE, task=1)

    assert chu.notifications.count() == 2
    assert len(mail.outbox) == 1
    assert "quá hạn" in mail.outbox[0].body


def test_a_leader_may_choose_single_emails_instead_of_the_digest(complete_step, unit_a, chu):
    set_preferences(chu, email_events=list(Event), daily_digest=False)

    complete_step(unit_a, [chu], event=Event.TASK_ASSIGNED, task=1)

    assert len(mail.outbox) == 1


def test_the_daily_digest_lists_a_leaders_unread_items_once_a_day(
    complete_step, unit_a, unit_b, chu, pho, lan, django_capture_on_commit_callbacks
):
    complete_step(unit_a, [chu], event=Event.TASK_ASSIGNED, task=1)
    complete_step(unit_b, [chu], event=Event.APPROVED, task=2)
    complete_step(unit_a, [lan], event=Event.APPROVED, task=3)  # not a leader
    chu.notifications.filter(event=Event.APPROVED).update(read_at="2026-01-01T00:00Z")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_daily_digests() == 1  # pho has nothing unread
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_daily_digests() == 0  # the same day again: nothing more

    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [chu.email]
    assert digest.subject == "[Đối ngoại] Tổng hợp 1 thông báo chưa đọc"
    assert "Bạn được giao xử lý hồ sơ “Sở Công Thương”." in digest.body
    assert "Trường Đại học Quy Nhơn" not in digest.body
    assert OutboxMessage.objects.get(kind="digest").payload["total"] == 1


def test_someone_who_chose_the_digest_gets_it_whatever_their_level(
    complete_step, unit_a, lan, django_capture_on_commit_callbacks
):
    set_preferences(lan, email_events=list(Event), daily_digest=True)
    complete_step(unit_a, [lan], event=Event.RETURNED, task=1)
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_daily_digests()

    assert [m.to for m in mail.outbox] == [[lan.email]]


def test_a_leader_who_opted_out_gets_no_digest(
    complete_step, unit_a, chu, django_capture_on_commit_callbacks
):
    Preference.objects.create(user=chu, daily_digest=False)
    complete_step(unit_a, [chu], event=Event.TASK_ASSIGNED, task=1)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_daily_digests() == 0

    assert mail.outbox == []


def test_a_long_digest_lists_the_first_items_and_counts_the_rest(
    unit_a, chu, settings, django_capture_on_commit_callbacks
):
    from notifications import emit

    settings.NOTIFICATIONS_DIGEST_MAX_ITEMS = 3
    for number in range(5):
        emit(Event.TASK_ASSIGNED, subject=unit_a, to=[chu], task=number)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_daily_digests()

    digest = mail.outbox[0]
    assert digest.subject == "[Đối ngoại] Tổng hợp 5 thông báo chưa đọc"
    assert "... và 2 thông báo khác." in digest.body
