"""T13: script payloads in every free-text field never run in real Chromium.

Unit A's trip, visit and agreement are built through the flows' services with a payload
in every field a user types (titles, purposes, members' and guests' names, comments,
attachment names); notifications follow from the steps, and one carries a
``javascript:`` link. Then each page that shows them is opened in Chromium with a trap:
``window.__xss`` is a setter that records any write, and any dialog is recorded. Nothing
may run, and the payload must be readable as text on the page.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from agreements import services as agreement_services
from agreements.models import Agreement, AgreementAttachment
from agreements.models import Status as AgreementStatus
from notifications.models import Event, Notification
from permits import services as trip_services
from permits import uploads, visit_services
from tests.security.matters import submit_agreement, submit_trip, submit_visit
from tests.security.upload_corpus import pdf_bytes
from workflows import driver, selectors
from workflows.flows import AgreementFlow, InboundVisitFlow, OutboundTripFlow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Short enough for every field (a delegation member's name holds 150 characters).
SCRIPT = '<script>__xss=1</script>"><img src=x onerror=__xss=1>{{7*7}}'
HANDLERS = "'><svg onload=__xss=1><a href=javascript:__xss=1>${7*7}</a>"
PAYLOADS = (SCRIPT, HANDLERS)
COMMENT_START = "</textarea></title><script>alert(1)</script>"
COMMENT = f"{COMMENT_START} {SCRIPT} {HANDLERS}"
FILE_NAME = '"><img src=x onerror=__xss=1>{{7*7}}.pdf'

TRAP = """
(() => {
  const hits = [];
  Object.defineProperty(window, "__xss", {
    configurable: false,
    get() { return hits.length ? hits : undefined; },
    set(value) { hits.push(String(value)); },
  });
  window.__xssHits = hits;
})();
"""

STARTS = {
    "trip": (submit_trip, OutboundTripFlow, trip_services.endorse),
    "visit": (submit_visit, InboundVisitFlow, visit_services.endorse),
    "agreement": (submit_agreement, AgreementFlow, agreement_services.endorse),
}


def _endorse(matter, flow, endorse, minh):
    driver.complete(
        matter,
        flow.endorse,
        actor=minh,
        perform=lambda m, task: endorse(m, actor=minh, comment=COMMENT, task=task),
    )


def _claimed(matter, node, user):
    """Return ``matter``'s open ``node`` task, assigned to ``user`` (its form can open)."""
    process = selectors.process_of(matter)
    task = process.task_set.get(flow_task=node, status__in=selectors.OPEN)
    if task.owner_id is None:
        with node.flow_class.lock(process.pk), transaction.atomic():
            node.activation_class(task).assign(user)
        task.refresh_from_db()
    return task


@pytest.fixture
def poisoned(province, unit_a, lan, minh, hoa, kiem):
    """Per kind: one matter waiting for minh, one endorsed with a hostile comment."""
    matters = {}
    for kind, (submit, flow, endorse) in STARTS.items():
        waiting = submit(unit_a, lan, SCRIPT)
        endorsed = submit(unit_a, lan, HANDLERS)
        _endorse(endorsed, flow, endorse, minh)
        model = AgreementAttachment if kind == "agreement" else None
        upload = SimpleUploadedFile(FILE_NAME, pdf_bytes())
        if model:
            uploads.add_attachment(waiting, upload, kind="other", actor=lan, model=model)
        else:
            uploads.add_attachment(waiting, upload, kind="other", actor=lan)
        matters[kind] = (waiting, endorsed)
    signed = submit_agreement(unit_a, lan, SCRIPT)
    Agreement.objects.filter(pk=signed.pk).update(
        status=AgreementStatus.SIGNED, signed_on="2026-03-09", signed_place=HANDLERS
    )
    Notification.objects.create(
        recipient=minh,
        event=Event.TASK_QUEUED,
        subject_label=SCRIPT,
        url="javascript:__xss=1",
        dedup_key="xss-javascript-link",
    )
    return matters


@pytest.fixture
def trapped(page):
    dialogs = []
    page.add_init_script(TRAP)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    return page


INJECTED = """
[...document.querySelectorAll('img[src="x"], svg[onload], a[href^="javascript:"], [onerror]')]
  .length + [...document.scripts].filter((s) => s.textContent.includes("__xss")).length
"""


def visit(page, url, *, shows=PAYLOADS):
    """Open ``url``: nothing ran, no payload became markup, each of ``shows`` reads as text."""
    response = page.goto(url)
    assert response.status < 400, (url, response.status)
    page.wait_for_load_state("load")
    # Give inline handlers (img onerror, svg onload) their chance to fire.
    page.wait_for_timeout(50)
    assert page.evaluate("window.__xssHits.length") == 0, url
    assert page.dialogs == [], url
    assert page.evaluate(INJECTED) == 0, url
    if shows:
        text = page.inner_text("body")
        missing = [payload for payload in shows if payload not in text]
        assert not missing, f"{url}: not shown as text: {missing}"


def test_no_payload_runs_on_any_page_that_shows_it(trapped, log_in, poisoned, minh, hoa, kiem):
    page = trapped
    log_in(minh)
    for kind, (waiting, endorsed) in poisoned.items():
        visit(page, waiting.get_absolute_url(), shows=(SCRIPT, FILE_NAME))
        visit(page, endorsed.get_absolute_url(), shows=(HANDLERS, COMMENT_START))
        endorse = _claimed(waiting, STARTS[kind][1].endorse, minh)
        visit(page, endorse.reverse("execute"), shows=(SCRIPT, FILE_NAME))
    for url in ("/doan-ra/", "/doan-vao/", "/thoa-thuan/", "/viec-cua-toi/"):
        visit(page, url)
    visit(page, "/", shows=None)
    visit(page, "/thong-bao/", shows=(SCRIPT,))
    # The javascript: notification link ends on the list, never runs.
    notification = Notification.objects.get(dedup_key="xss-javascript-link")
    visit(page, f"/thong-bao/{notification.pk}/")
    assert page.url.endswith("/thong-bao/")

    # The reviewer's step form shows the request.
    log_in(hoa)
    for kind, (_waiting, endorsed) in poisoned.items():
        review = _claimed(endorsed, STARTS[kind][1].review, hoa)
        visit(page, review.reverse("execute"), shows=(HANDLERS,))

    log_in(kiem)
    visit(page, "/thoa-thuan/so-dang-ky/", shows=(SCRIPT,))
    visit(page, "/audit/")
    visit(page, "/audit/?q=__xss", shows=(*PAYLOADS, COMMENT_START))
    for waiting, endorsed in poisoned.values():
        for matter in (waiting, endorsed):
            kind = ContentType.objects.get_for_model(matter)
            visit(page, f"/audit/ho-so/{kind.pk}/{matter.pk}/", shows=(matter.title[-60:],))


@pytest.mark.parametrize(
    "markup",
    [
        "<img src=x onerror=__xss=1>",
        "<svg onload=__xss=1></svg>",
        "<script>__xss=1</script>",
        "<script>alert(1)</script>",
    ],
)
def test_the_trap_catches_a_payload_that_does_run(trapped, markup):
    """The negative control: the same checks fail on a page that does not escape."""
    page = trapped
    page.route(
        "**/xss-control/",
        lambda route: route.fulfill(
            content_type="text/html", body=f"<html><body>{markup}</body></html>"
        ),
    )
    with pytest.raises(AssertionError):
        visit(page, "/xss-control/", shows=None)
    ran = page.evaluate("window.__xssHits.length") + len(page.dialogs)
    assert ran == 1
