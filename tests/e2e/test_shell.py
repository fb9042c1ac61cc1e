"""The page shell in real Chromium, for every role: axe-core finds no serious or critical
violation, every tab title names the product, at 390 px no page scrolls sideways and
the menu opens from its button, at 1,366 px no menu entry wraps. On the report page the
monthly chart keeps to its own box at 390 px (it may scroll inside it) and its labels
do not overlap.

One walk: the data is built once (the access matrix's world: unit A's trip waiting for
the leader, its agreement out for Sở Tư pháp's opinion, ...), each person signs in once,
in one browser context, and visits their home page, the lists they may see, the forms
they may open, the matter pages they may see and the report if they may read it; between
them every kind's list, request form and matter page, the consular case, the annual
plan's pages, and a business's ABTC pages.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.security.access import build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PRODUCT = "Đối ngoại · Tỉnh Bình Định"
PHONE, DESKTOP = {"width": 390, "height": 800}, {"width": 1366, "height": 800}
# WCAG 2 A and AA rules only (best-practice rules such as "region" are not asked for).
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
}
# Violations on pages the other parts of issue #24 rebuild (the lists' filters, the
# request form's member rows): listed here until those pages land; remove on merge.
KNOWN_ELSEWHERE: set[tuple[str, str]] = set()


WIDE = """() => [...document.querySelectorAll('body *')].filter(el => {
  const r = el.getBoundingClientRect(), p = el.parentElement.getBoundingClientRect();
  return r.right > 391 && p.right <= 391;
}).map(el => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`)"""


# The page's width once viewport's drawer has followed the resize (next animation frames).
SETTLED_WIDTH = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(
  () => done(document.documentElement.scrollWidth))))"""


# The month labels' boxes, in the page, that overlap the next label's box.
OVERLAPPING_LABELS = """() => {
  const labels = [...document.querySelectorAll('[data-testid=chart-months] svg text')]
    .map(t => ({text: t.textContent, box: t.getBoundingClientRect()}))
    .filter(l => l.text.trim());
  const hits = [];
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
    const a = labels[i].box, b = labels[j].box;
    const apart = a.right - 0.5 <= b.left || b.right - 0.5 <= a.left
      || a.bottom - 0.5 <= b.top || b.bottom - 0.5 <= a.top;
    if (!apart)
      hits.push(`${labels[i].text} / ${labels[j].text}`);
  }
  return hits;
}"""


def pages_of(world):
    """Return, per person (one of each role, and a business), the pages the walk visits:
    home, the lists they may see (between them every list of the project), the forms they
    may open, the matter pages they may see (one of every kind between them) and the report
    if they may read it."""
    values = world.values
    trip = reverse("outbound_trip", args=[world.trip.pk])
    visit = reverse("inbound_visit", args=[world.visit.pk])
    agreement = reverse("agreement", args=[world.agreement.pk])
    conference = reverse("conference", args=[world.conference.pk])
    project = reverse("ngo_aid_project", args=[world.project.pk])
    abtc = reverse("abtc_request", args=[world.abtc.pk])
    case = reverse("consular:detail", args=[values["consular_pk"]])
    plan_round = reverse("plans:round", args=[values["plan_round_pk"]])
    preferences = reverse("notifications:preferences")
    report = reverse("reports:report")
    return {
        # unit staff: the trips, every request form of a unit, their trip, the annual plan
        "lan": [
            "/",
            reverse("outbound_trips"),
            reverse("outbound_start"),
            reverse("inbound_start"),
            reverse("agreement_start"),
            reverse("conference_start"),
            reverse("ngo_aid_start"),
            trip,
            reverse("plans:index"),
            plan_round,
            reverse("plans:item", args=[values["plan_item_pk"]]),
        ],
        # unit head: the tasks, the visits, the persons' registry, the trip they endorsed
        "minh": ["/", reverse("my_tasks"), reverse("inbound_visits"), reverse("person_list"), trip],
        # reviewer: the tasks, the NGO meetings, a new NGO and meeting, the cards' import, a
        # matter of every kind, the plan's compiled table, the report
        "hoa": [
            "/",
            reverse("my_tasks"),
            reverse("ngo_aid:meetings"),
            reverse("ngo_aid:ngo_new"),
            reverse("ngo_aid:meeting_new"),
            reverse("the_abtc:card_import"),
            trip,
            visit,
            conference,
            project,
            abtc,
            case,
            reverse("plans:compiled", args=[values["plan_round_pk"]]),
            report,
        ],
        # department head: the agreements, the NGOs and one, the register of cards, the trip,
        # the plan and what was done of it, the report
        "tuan": [
            "/",
            reverse("agreements"),
            reverse("ngo_aid:ngos"),
            reverse("ngo_aid:ngo", args=[world.ngo.pk]),
            reverse("the_abtc:cards"),
            trip,
            reverse("plans:actual"),
            report,
        ],
        # security officer: the consular cases, a new one and one, the trip at the security check
        "dung": ["/", reverse("consular:list"), reverse("consular:create"), case, trip],
        # consulted agency: the conferences, the ABTC requests, the matters it is asked about
        "thao": [
            "/",
            reverse("conferences:list"),
            reverse("the_abtc:list"),
            preferences,
            agreement,
            conference,
            project,
        ],
        # leader: the trips, the trip waiting for them, the plan, the report
        "pho": ["/", reverse("outbound_trips"), trip, plan_round, report],
        # clerk: the tasks, the agreements' register, the preferences
        "van": ["/", reverse("my_tasks"), reverse("agreement_registry"), preferences],
        # auditor: the audit search, the trip, the consular case, the report
        "kiem": ["/", reverse("audit:search"), trip, case, report],
        # administrator: the notifications, the ABTC statistics, the preferences
        "quan": [
            "/",
            reverse("notifications:list"),
            reverse("the_abtc:statistics"),
            preferences,
        ],
        # no role: the NGO aid projects, the visits
        "vo": ["/", reverse("ngo_aid:list"), reverse("inbound_visits"), preferences],
        # a business's staff: the ABTC requests, the request form, its request
        "an": ["/", reverse("the_abtc:list"), reverse("abtc_start"), abtc],
    }


def serious(results, path) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical") and (path, v["id"]) not in KNOWN_ELSEWHERE
    ]


def test_every_role_gets_an_accessible_branded_page_that_fits_a_phone(
    browser,
    live_server,
    province,
    unit_a,
    justice,
    lan,
    long,
    minh,
    hoa,
    tuan,
    dung,
    thao,
    pho,
    van,
    kiem,
    quan,
    vo,
):
    people = {"unit_a": unit_a}
    people.update(
        (u.username, u) for u in (lan, long, minh, hoa, tuan, dung, thao, pho, van, kiem, quan, vo)
    )
    world = build_world(people, justice)
    people["an"] = get_user_model().objects.get(username="an")  # the world's business staff
    axe = Axe()
    problems = []
    for name, paths in pages_of(world).items():
        context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport=DESKTOP)
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto("/accounts/login/")
        assert page.title() == f"Đăng nhập · {PRODUCT}"
        page.fill("input[name=username]", people[name].username)
        page.fill("input[name=password]", PASSWORD)
        page.locator("form [type=submit]").first.click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

        # At 1,366 px the drawer is open and every entry keeps to one line.
        heights = page.locator(".dn-nav__item").evaluate_all("els => els.map(e => e.offsetHeight)")
        assert heights and max(heights) <= 48, (name, heights)

        for path in paths:
            page.set_viewport_size(DESKTOP)
            response = page.goto(path)
            assert response.status == 200, (name, path, response.status)
            assert page.title().endswith(f" · {PRODUCT}"), (path, page.title())
            found = serious(axe.run(page, options=AXE_OPTIONS), path)
            problems += [f"{name} {path}: {violation}" for violation in found]
            page.set_viewport_size(PHONE)
            width = page.evaluate(SETTLED_WIDTH)
            assert width <= PHONE["width"], (name, path, width, page.evaluate(WIDE))
            if path == reverse("reports:report"):
                # The chart scrolls inside its own box; its labels stay apart.
                chart = page.locator("[data-testid=chart-months]")
                box = chart.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
                assert page.evaluate(OVERLAPPING_LABELS) == [], name

        # On a phone the menu hides behind its button and opens from it.
        tasks = page.locator("[data-testid=nav-tasks]")
        assert not tasks.is_visible()
        page.click("[data-testid=menu-button]")
        tasks.wait_for(state="visible")
        context.close()
    assert not problems, "\n".join(problems)
