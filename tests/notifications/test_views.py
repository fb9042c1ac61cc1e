"""The bell, the notification list, marking read and the preference page."""

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse

from notifications import Event, emit
from notifications.models import Notification, Preference

BELL = Template('{% include "notifications/_bell.html" %}')


def _notify(subject, user, count=1, event=Event.TASK_ASSIGNED):
    for number in range(count):
        emit(event, subject=subject, to=[user], task=number, url=f"/cong-viec/{number}/")


@pytest.fixture
def logged_in(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def _bell_html(user):
    request = RequestFactory().get("/")
    request.user = user
    return BELL.render(RequestContext(request, {"user": user}))


def test_the_bell_shows_the_unread_count_with_one_query(unit_a, lan, django_assert_num_queries):
    _notify(unit_a, lan, count=3)

    with django_assert_num_queries(1):
        html = _bell_html(lan)

    assert ">3</span>" in html


def test_the_bell_costs_one_query_whatever_the_number_of_notifications(
    unit_a, lan, django_assert_num_queries
):
    _notify(unit_a, lan, count=40)

    with django_assert_num_queries(1):
        html = _bell_html(lan)

    assert ">40</span>" in html


def test_a_page_that_does_not_show_the_bell_does_not_count(lan, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = lan

    with django_assert_num_queries(0):
        Template("{{ user.username }}").render(RequestContext(request, {"user": lan}))


def test_the_list_shows_only_my_notifications_newest_first(logged_in, unit_a, unit_b, lan, long):
    _notify(unit_a, lan)
    _notify(unit_b, lan, event=Event.APPROVED)
    _notify(unit_b, long, event=Event.REJECTED)

    response = logged_in(lan).get(reverse("notifications:list"))

    assert response.status_code == 200
    page = [n.event for n in response.context["page"]]
    assert page == [Event.APPROVED, Event.TASK_ASSIGNED]
    assert "Trường Đại học Quy Nhơn" in response.text
    assert "không chấp thuận" not in response.text
    assert 'class="mdc-icon-button notifications-bell"' in response.text


def test_the_list_costs_the_same_queries_for_five_or_fifty_rows(logged_in, unit_a, lan, hoa):
    client = logged_in(lan)
    for number in range(5):
        emit(Event.RETURNED, subject=unit_a, to=[lan], actor=hoa, task=number)
    client.get(reverse("notifications:list"))  # warm caches (content types, session)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as five:
        client.get(reverse("notifications:list"))
    for number in range(5, 50):
        emit(Event.RETURNED, subject=unit_a, to=[lan], actor=hoa, task=number)
    with CaptureQueriesContext(connection) as fifty:
        client.get(reverse("notifications:list"))

    assert len(fifty) == len(five)


def test_opening_a_notification_marks_it_read_and_goes_to_the_task(logged_in, unit_a, lan):
    _notify(unit_a, lan)
    notification = Notification.objects.get()

    response = logged_in(lan).get(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == "/cong-viec/0/"
    notification.refresh_from_db()
    assert notification.is_read


def test_a_stored_link_to_another_site_is_not_followed(logged_in, unit_a, lan):
    emit(Event.APPROVED, subject=unit_a, to=[lan], url="https://evil.example/phish")
    notification = Notification.objects.get()

    response = logged_in(lan).get(reverse("notifications:open", args=[notification.pk]))

    assert response["Location"] == reverse("notifications:list")


def test_someone_elses_notification_is_not_found(logged_in, unit_a, lan, long):
    _notify(unit_a, long)
    notification = Notification.objects.get()
    client = logged_in(lan)

    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_mark_read_and_mark_all_read(logged_in, unit_a, lan, long):
    _notify(unit_a, lan, count=3)
    _notify(unit_a, long)
    client = logged_in(lan)
    first = Notification.objects.filter(recipient=lan).first()

    client.post(reverse("notifications:mark_read", args=[first.pk]))
    assert Notification.objects.filter(recipient=lan, read_at__isnull=True).count() == 2

    response = client.post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=lan, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=long, read_at__isnull=True).exists()


@pytest.mark.parametrize(
    ("unread", "said"),
    [(1, "Marked 1 notification as read."), (2, "Marked 2 notifications as read.")],
)
def test_marking_all_read_says_how_many_in_english_singular_or_plural(
    logged_in, settings, unit_a, lan, unread, said
):
    _notify(unit_a, lan, count=unread)
    client = logged_in(lan)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(reverse("notifications:mark_all_read"), follow=True)

    assert [str(message) for message in response.context["messages"]] == [said]


def test_marking_read_needs_a_post(logged_in, unit_a, lan):
    _notify(unit_a, lan)
    client = logged_in(lan)

    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    assert Notification.objects.unread().exists()


@pytest.mark.parametrize("name", ["list", "mark_all_read", "preferences"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, settings, name):
    settings.LOGIN_URL = "/dang-nhap/"  # the login page belongs to the web shell

    response = client.get(reverse(f"notifications:{name}"))

    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert response["Location"].startswith("/dang-nhap/?next=")


def test_the_preference_page_saves_email_kinds_and_digest(logged_in, lan):
    client = logged_in(lan)
    assert client.get(reverse("notifications:preferences")).status_code == 200

    response = client.post(
        reverse("notifications:preferences"),
        {"email_events": [Event.RETURNED, Event.OVERDUE], "daily_digest": "1"},
    )

    assert response.status_code == 302
    preference = Preference.objects.get(user=lan)
    assert Event.RETURNED not in preference.email_off
    assert Event.APPROVED in preference.email_off
    assert preference.daily_digest is True
