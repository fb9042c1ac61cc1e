"""Every URL of a process answers the same 404 to whoever may not see its matter (issue 17,
item 7): someone of another unit cannot tell which steps a trip has reached.
"""

import re

import pytest

from audit.models import Entry
from workflows import selectors
from workflows.flows import OutboundTripFlow as F

from ..workflows.test_outbound_flow import decide, login, submit

pytestmark = pytest.mark.django_db

TASK_ACTIONS = ("", "detail/", "assign/", "unassign/", "execute/", "undo/", "cancel/", "revive/")
PROCESS_ACTIONS = ("", "cancel/", "chart/")
# The steps' names and titles, as URLs and pages spell them.
STEP_NAMES = ("review", "endorse", "security_check", "approve", "Thẩm định", "Đơn vị cho")


@pytest.fixture
def trip_in_review(client, province, lan, minh):
    trip = submit(client, lan)
    return decide(client, minh, trip, F.endorse, "endorse")


def _strip_tokens(body: str) -> str:
    # A fresh CSRF token and CSP nonce each response; nothing else may differ.
    body = re.sub(r'(csrfmiddlewaretoken" value=|nonce=)"[^"]*"', r"\1", body)
    return re.sub(r'name="csrf-token" content="[^"]*"', "", body)


def test_another_units_staff_gets_the_same_404_for_every_url_of_a_process(
    client, trip_in_review, long, hoa
):
    process = selectors.process_of(trip_in_review)
    tasks = {t.flow_task.name: t for t in process.task_set.all()}
    review, endorse = tasks["review"], tasks["endorse"]  # open, and done
    missing = max(t.pk for t in tasks.values()) + 1000
    base = f"/quy-trinh/doan-ra/{process.pk}"
    urls = []
    for action in TASK_ACTIONS:
        urls += [
            f"{base}/review/{review.pk}/{action}",  # the task, at its step
            f"{base}/endorse/{endorse.pk}/{action}",  # a finished one
            f"{base}/review/{missing}/{action}",  # no such task
            f"{base}/security_check/{review.pk}/{action}",  # a step not reached yet
            f"{base}/approve/{endorse.pk}/{action}",  # the wrong step's name
        ]
    urls += [f"{base}/{action}" for action in PROCESS_ACTIONS]
    missing_process = f"/quy-trinh/doan-ra/{process.pk + 1000}/"
    login(client, long)

    bodies = set()
    for url in [*urls, missing_process]:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 404, (method.__name__, url, response.status_code)
            # The page echoes the requested path (the language switch returns to it).
            body = _strip_tokens(response.content.decode().replace(url, "<url>"))
            for name in (
                "review",
                "endorse",
                "security_check",
                "approve",
                "Thẩm định",
                "Đơn vị cho",
            ):
                assert name not in body, (url, name)
            bodies.add(body)
    assert len(bodies) == 1
    # The trip's own people keep their answers: the reviewer is sent to claim the review.
    login(client, hoa)
    response = client.get(f"{base}/review/{review.pk}/")
    assert response.status_code == 302 and response["Location"] == review.reverse("assign")


def test_refusals_of_an_outsider_are_recorded_alike(client, trip_in_review, long):
    """A POST answered 404 is recorded as an attempt, whether the task exists or not."""
    process = selectors.process_of(trip_in_review)
    review = process.task_set.get(flow_task=F.review)
    login(client, long)
    client.post(f"/quy-trinh/doan-ra/{process.pk}/review/{review.pk}/assign/")
    client.post(f"/quy-trinh/doan-ra/{process.pk}/review/{review.pk + 1000}/assign/")
    entries = Entry.objects.filter(action="access_denied", actor=long)
    assert entries.count() == 2
    assert {e.comment for e in entries} == {""}
