"""T15/T16: hostile search, filter and form input never gives a 500 and never leaks.

Unit A's trip, visit and agreement (and the notifications they caused) carry MARKER;
long, unit B's staff, searches and filters every list page with SQL metacharacters,
LIKE wildcards, backslashes, NUL bytes, 10,000 characters, emoji and bidi marks:
every answer is below 500 and none shows MARKER. The main POST forms get the same input.
One hypothesis test per page, after a fixed corpus; 25 examples each (FUZZ_EXAMPLES).
"""

import io
import os

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from agreements.models import Agreement
from agreements.models import Status as AgreementStatus
from tests.agreements.helpers import proposal
from tests.workflows.inbound_helpers import visit_data
from tests.workflows.test_outbound_flow import trip_data
from workflows import selectors
from workflows.flows import AgreementFlow, InboundVisitFlow, OutboundTripFlow

from ..start_forms import post_start
from .matters import submit_agreement, submit_trip, submit_visit

pytestmark = pytest.mark.django_db

MARKER = "MARKER-UNIT-A-7Q"

PAYLOADS = [
    "' OR 1=1--",
    "'; DROP TABLE permits_outboundtrip; --",
    '" OR ""="',
    "1' UNION SELECT username, password FROM organizations_user--",
    "%",
    "_",
    "%_%",
    "\\",
    "\\%",
    "MARKER%",
    "M_RKER",
    "\x00",
    "DR\x00-2026",
    "x" * 10_000,
    "😀👩‍👩‍👧‍👦🇻🇳",
    "\u202e\u200f\u2066",
    "\u202eevil",
    "<script>alert(1)</script>",
    "{{7*7}}",
    "${7*7}",
    "../../etc/passwd",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "2026-02-30",
    "0000-00-00",
    "   ",
    "",
]

hostile = st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=40))
# The fast tier runs 25 examples per page; the nightly tier sets FUZZ_EXAMPLES=500.
fuzz = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def query(*names):
    """Return a strategy for a query string holding any of ``names``, each hostile."""
    return st.fixed_dictionaries({}, optional=dict.fromkeys(names, hostile))


def sweep(*names):
    """Yield one query per payload, that payload in every one of ``names``.

    The fixed corpus runs every time; hypothesis then explores around it at random.
    """
    for payload in PAYLOADS:
        yield dict.fromkeys(names, payload)


def text_of(response) -> str:
    """Return what a person could read in ``response``, whatever its format."""
    content = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    if "spreadsheetml" in response.get("Content-Type", ""):
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return content.decode("utf-8", errors="replace")


def get_safely(client, url, params):
    """GET ``url``: an answer, never a server error, and nothing of unit A in it."""
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    body = text_of(response)
    assert MARKER not in body
    return body


@pytest.fixture
def seeded(province, unit_a, unit_b, lan, long, minh, hoa, kiem):
    """Unit A's matters with MARKER everywhere; unit B's own trip, so lists are not empty."""
    trip = submit_trip(unit_a, lan, MARKER)
    submit_visit(unit_a, lan, MARKER)
    agreement = submit_agreement(unit_a, lan, MARKER)
    # A signed agreement of unit A, for the registry.
    Agreement.objects.filter(pk=agreement.pk).update(
        status=AgreementStatus.SIGNED, signed_on="2026-03-09", signed_place=MARKER
    )
    submit_trip(unit_b, long, "của đơn vị B")
    # The marker check means something only if unit A's own staff do find the marker.
    own = Client()
    own.force_login(lan)
    for name in ("outbound_trips", "inbound_visits", "agreements", "agreement_registry"):
        assert MARKER in text_of(own.get(reverse(name), {"q": MARKER})), name
    return trip


@pytest.fixture
def as_long(client, seeded, long):
    client.force_login(long)
    return client


# -- GET: search and filters of every list page ------------------------------------------


def test_the_trip_list_survives_hostile_filters_and_shows_only_unit_b(as_long):
    url = reverse("outbound_trips")
    assert "của đơn vị B" in get_safely(as_long, url, {})

    for params in sweep("q", "status", "page"):
        get_safely(as_long, url, params)

    @fuzz
    @given(query("q", "status", "page"))
    def run(params):
        get_safely(as_long, url, params)

    run()


def test_the_visit_list_survives_hostile_filters(as_long):
    url = reverse("inbound_visits")

    for params in sweep("q", "status", "page"):
        get_safely(as_long, url, params)

    @fuzz
    @given(query("q", "status", "page"))
    def run(params):
        get_safely(as_long, url, params)

    run()


def test_the_agreement_list_survives_hostile_filters(as_long):
    url = reverse("agreements")

    for params in sweep("q", "status", "page"):
        get_safely(as_long, url, params)

    @fuzz
    @given(query("q", "status", "page"))
    def run(params):
        get_safely(as_long, url, params)

    run()


REGISTRY_FILTERS = ("country", "field", "unit", "status", "year", "expiring_months", "page")


def test_the_registry_and_its_excel_export_survive_hostile_filters(as_long, unit_a):
    url = reverse("agreement_registry")
    for params in sweep(*REGISTRY_FILTERS):
        get_safely(as_long, url, params)
        get_safely(as_long, url, {**params, "xlsx": "1"})

    @fuzz
    @given(query(*REGISTRY_FILTERS), st.booleans(), st.booleans())
    def run(params, export, unit_a_filter):
        if unit_a_filter:
            params = {**params, "unit": str(unit_a.pk)}
        if export:
            params = {**params, "xlsx": "1"}
        get_safely(as_long, url, params)

    run()


def test_my_tasks_ignores_hostile_parameters(as_long):
    url = reverse("my_tasks")
    for params in sweep("q", "status", "page", "tab"):
        get_safely(as_long, url, params)

    @fuzz
    @given(query("q", "status", "page", "tab"))
    def run(params):
        get_safely(as_long, url, params)

    run()


def test_notifications_survive_hostile_parameters(client, seeded, minh, long):
    url = reverse("notifications:list")
    # minh, unit A's head, was told about unit A's matters; long was not.
    client.force_login(minh)
    assert MARKER in text_of(client.get(url))
    client.force_login(long)
    for params in sweep("chua-doc", "trang"):
        get_safely(client, url, params)

    @fuzz
    @given(query("chua-doc", "trang"))
    def run(params):
        get_safely(client, url, params)

    run()


AUDIT_FILTERS = ("start", "end", "actor", "unit", "action", "kind", "q", "trang")


def test_the_audit_workspace_and_its_exports_survive_hostile_filters(client, seeded, kiem, long):
    search, export = reverse("audit:search"), reverse("audit:export")
    client.force_login(kiem)
    for params in sweep(*AUDIT_FILTERS):
        for response in (client.get(search, params), client.get(export, params)):
            assert response.status_code in (200, 400), response.status_code  # 400: a form error

    @fuzz
    @given(query(*AUDIT_FILTERS), st.sampled_from([None, "csv", "xlsx", "\x00", "pdf"]))
    def run(params, export_format):
        # The auditor sees everything: only the status is checked.
        if export_format is None:
            response = client.get(search, params)
        else:
            response = client.get(export, {**params, "format": export_format})
        assert response.status_code in (200, 400), response.status_code
        text_of(response)

    run()
    client.force_login(long)
    for url in (search, export):
        assert client.get(url, {"q": MARKER}).status_code == 403


# -- POST: the start forms and the step forms --------------------------------------------


def test_the_trip_form_survives_hostile_input(client, province, unit_a, lan, minh):
    client.force_login(lan)
    url = OutboundTripFlow.instance.reverse("submit:execute")
    names = (
        "title",
        "purpose_detail",
        "cities",
        "inviting_partner",
        "programme",
        "funding_amount",
        "start_date",
        "countries",
        "members-0-full_name",
        "members-0-position",
        "members-1-unit_name",
        "members-TOTAL_FORMS",
    )

    for fields in sweep(*names):
        assert post_start(client, url, {**trip_data(), **fields}).status_code == 200

    @fuzz
    @given(query(*names))
    def run(fields):
        response = post_start(client, url, {**trip_data(), **fields})
        assert response.status_code in (200, 302), response.status_code

    run()


def test_the_visit_form_survives_hostile_input(client, province, unit_a, lan, minh):
    client.force_login(lan)
    url = InboundVisitFlow.instance.reverse("submit:execute")
    names = (
        "title",
        "organisation",
        "purpose",
        "programme",
        "places",
        "host_leader",
        "start_date",
        "guests-0-full_name",
        "guests-0-nationality",
        "guests-0-passport_number",
        "guests-0-date_of_birth",
        "guests-1-organisation",
    )

    for fields in sweep(*names):
        assert post_start(client, url, {**visit_data(), **fields}).status_code == 200

    @fuzz
    @given(query(*names))
    def run(fields):
        response = post_start(client, url, {**visit_data(), **fields})
        assert response.status_code in (200, 302), response.status_code

    run()


def test_the_agreement_form_survives_hostile_input(client, province, unit_a, lan, minh):
    client.force_login(lan)
    url = AgreementFlow.instance.reverse("submit:execute")
    names = ("title", "partner", "purpose", "content", "term", "proposed_signer", "kind")

    for fields in sweep(*names):
        assert post_start(client, url, {**proposal(), **fields}).status_code == 200

    @fuzz
    @given(query(*names))
    def run(fields):
        response = post_start(client, url, {**proposal(), **fields})
        assert response.status_code in (200, 302), response.status_code

    run()


STARTS = {"trip": submit_trip, "visit": submit_visit, "agreement": submit_agreement}
FLOWS = {"trip": OutboundTripFlow, "visit": InboundVisitFlow, "agreement": AgreementFlow}


@pytest.mark.parametrize("kind", ["trip", "visit", "agreement"])
def test_the_decision_form_of_a_step_survives_hostile_input(
    kind, client, province, unit_a, lan, minh
):
    """minh endorses or returns a fresh request with a hostile comment (or decision)."""
    client.force_login(minh)
    flow = FLOWS[kind]

    @fuzz
    @given(st.sampled_from(["endorse", "return", "\x00", "approve", ""]), hostile)
    @example("return", "\x00")
    @example("return", "x" * 10_000)
    @example("return", "' OR 1=1--")
    @example("endorse", "\u202e😀%_\\")
    def run(decision, comment):
        matter = STARTS[kind](unit_a, lan)
        task = selectors.process_of(matter).task_set.get(
            flow_task=flow.endorse, status__in=selectors.OPEN
        )
        if task.owner_id is None:
            assert client.post(task.reverse("assign")).status_code in (200, 302)
        response = client.post(task.reverse("execute"), {"decision": decision, "comment": comment})
        assert response.status_code in (200, 302), response.status_code

    run()


def test_the_withdraw_form_survives_hostile_input(client, province, unit_a, lan, minh):
    client.force_login(lan)

    @fuzz
    @given(hostile)
    @example("\x00")
    @example("x" * 10_000)
    def run(comment):
        trip = submit_trip(unit_a, lan)
        response = client.post(reverse("outbound_withdraw", args=[trip.pk]), {"comment": comment})
        assert response.status_code == 302

    run()
