"""Every URL the project serves, walked from the resolver, as outsiders.

The first layer of the access matrix (issue #9): an anonymous visitor, a person with no
role and unit staff of another unit get a login redirect, 403, 404 or 405 from every
URL that touches unit A's trip, its process and its tasks — never 200, never 500 — and
their POSTs change nothing. A URL added later is walked too, without any listing here.
"""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import Resolver404, URLResolver, get_resolver, resolve

from audit.models import Entry
from permits import services
from permits.models import OutboundTrip, TripPurpose
from permits.services import MemberData
from workflows import driver, selectors
from workflows.flows import OutboundTripFlow

pytestmark = pytest.mark.django_db

# Pages anyone may open: signing in, resetting a password, choosing the language.
PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "admin:login",
    "admin:logout",
}
# Pages every signed-in person has, role or not: their own account and notifications.
PERSONAL = {
    "home",
    "logout",
    "password_change",
    "password_change_done",
    "notifications:list",
    "notifications:mark_all_read",
    "notifications:preferences",
    "my_tasks",
    "outbound_trips",
    "inbound_visits",
    "agreements",
    "agreement_registry",
    "admin:logout",
}
FORBIDDEN = {403, 404, 405}
CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace + (pattern.name or "")


def all_urls():
    """Return (route, name) for every URL pattern the project serves."""
    return sorted(set(_walk(get_resolver().url_patterns)))


@pytest.fixture
def trip(province, unit_a, lan, minh, hoa, dung, pho):
    """Unit A's trip, approved: its process has a task at every step up to the decision."""
    purpose, _ = TripPurpose.objects.get_or_create(name="Xúc tiến đầu tư")
    start = datetime.date(2026, 12, 7)
    trip = driver.start_trip(
        actor=lan,
        unit=unit_a,
        fields={
            "title": "Đoàn bí mật của đơn vị A",
            "purpose": purpose,
            "countries": ["FR"],
            "start_date": start,
            "end_date": start + datetime.timedelta(days=3),
            "inviting_partner": "Đối tác",
            "funding_source": "state_budget",
        },
        members=[MemberData("Lê Quang Minh", "Giám đốc Sở", "Sở Công Thương", "head")],
    )
    steps = [
        (
            OutboundTripFlow.endorse,
            minh,
            lambda t, task: services.endorse(t, actor=minh, task=task),
        ),
        (OutboundTripFlow.review, hoa, lambda t, task: services.forward(t, actor=hoa, task=task)),
        (
            OutboundTripFlow.security_check,
            dung,
            lambda t, task: services.security_check(
                t, actor=dung, verdicts={m.pk: ("cleared", "") for m in t.members.all()}
            ),
        ),
    ]
    for node, actor, perform in steps:
        driver.complete(trip, node, actor=actor, perform=perform)
    return trip


def _fill(route, trip):
    """Return the route with each parameter filled from unit A's trip and its process."""
    process = selectors.process_of(trip)
    tasks = {task.flow_task.name: task for task in process.task_set.all()}
    node = re.search(r"<int:process_pk>/(\w+)/<int:task_pk>", route)
    task = tasks.get(node.group(1)) if node else None
    task = task or process.task_set.first()
    values = {
        "pk": trip.pk,
        "process_pk": process.pk,
        "task_pk": task.pk,
        "attachment_pk": trip.attachments.first().pk if trip.attachments.exists() else 1,
        "type_id": ContentType.objects.get_for_model(OutboundTrip).pk,
        "subject_id": trip.pk,
    }

    def value(match):
        return str(values.get(match["name"], 1 if match["kind"] == "int" else "x"))

    path = CONVERTER.sub(value, route)
    return "/" + re.sub(r"[\^\$]|\\Z", "", path)


def _shadowed(url, name):
    """Return True if ``url`` is served by an earlier pattern (an unnamed duplicate)."""
    try:
        return resolve(url.split("?")[0]).view_name != name
    except Resolver404:
        return False


def _touches_the_trip(route):
    return any(name in route for name in ("<int:pk>", "process_pk", "task_pk", "subject_id"))


def _state(trip):
    trip.refresh_from_db()
    process = selectors.process_of(trip)
    return trip.status, process.status, sorted(process.task_set.values_list("pk", "status"))


def _check(client, urls, trip, allowed):
    """Return the (method, url, status) that break the rule for this person."""
    before = _state(trip)
    broken = []
    for route, name in urls:
        url = _fill(route, trip)
        if name in allowed or _shadowed(url, name):
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url, follow=True)
            hops = [location for location, _ in response.redirect_chain]
            to_login = bool(hops) and "login" in hops[-1]
            if response.status_code not in FORBIDDEN and not to_login:
                broken.append((method.upper(), " → ".join([url, *hops]), response.status_code))
    assert _state(trip) == before, "a forbidden POST changed the trip or its process"
    return "\n".join(f"{method} {url} → {status}" for method, url, status in broken)


def test_an_anonymous_visitor_reaches_nothing_but_the_public_pages(client, trip):
    urls = all_urls()
    assert len(urls) > 100  # the walk sees viewflow's generated URLs too
    assert _check(client, urls, trip, PUBLIC) == ""


def test_a_person_without_a_role_reaches_only_their_own_pages(client, trip, vo):
    client.force_login(vo)
    urls = [(route, name) for route, name in all_urls() if not name.startswith("admin:")]
    assert _check(client, urls, trip, PUBLIC | PERSONAL) == ""


def test_unit_b_staff_reach_nothing_of_unit_a_trip(client, trip, long):
    client.force_login(long)
    urls = [(route, name) for route, name in all_urls() if _touches_the_trip(route)]
    assert len(urls) > 50
    assert _check(client, urls, trip, set()) == ""
    denied_posts = Entry.objects.filter(action="access_denied", actor=long).count()
    assert denied_posts > 0


def test_unit_b_lists_show_nothing_of_unit_a(client, trip, long):
    client.force_login(long)
    for url in ("/", "/viec-cua-toi/", "/doan-ra/", "/doan-ra/?q=b%C3%AD+m%E1%BA%ADt"):
        page = client.get(url).content.decode()
        assert trip.reference not in page
        assert "Đoàn bí mật của đơn vị A" not in page
