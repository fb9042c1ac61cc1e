"""The page shell in real Chromium, for four roles: axe-core finds no serious or critical
violation, every tab title names the product, at 390 px no page scrolls sideways and
the menu opens from its button, at 1,366 px no menu entry wraps.

One walk: the data is built once, each person signs in once and visits their pages.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.trips import started_trip

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


def pages_of(trip):
    """Return, per person, the pages the walk visits: home, a list, a form (the request
    form, the notification preferences), the matter page (whoever may see the submitted
    trip) and the report (whoever may read it)."""
    trip_page = reverse("outbound_trip", args=[trip.pk])
    preferences = reverse("notifications:preferences")
    report = reverse("reports:report")
    return {
        "lan": ["/", reverse("outbound_trips"), reverse("outbound_start"), trip_page],
        "hoa": ["/", reverse("my_tasks"), preferences, trip_page, report],
        "chu": ["/", reverse("outbound_trips"), report],
        "kiem": ["/", reverse("audit:search"), trip_page, report],
    }


def serious(results, path) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical") and (path, v["id"]) not in KNOWN_ELSEWHERE
    ]


def test_every_role_gets_an_accessible_branded_page_that_fits_a_phone(
    browser, live_server, province, lan, unit_a, hoa, chu, kiem
):
    trip = started_trip(lan, unit_a)
    people = {"lan": lan, "hoa": hoa, "chu": chu, "kiem": kiem}
    axe = Axe()
    problems = []
    for name, paths in pages_of(trip).items():
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
            page.goto(path)
            assert page.title().endswith(f" · {PRODUCT}"), (path, page.title())
            found = serious(axe.run(page, options=AXE_OPTIONS), path)
            problems += [f"{name} {path}: {violation}" for violation in found]
            page.set_viewport_size(PHONE)
            width = page.evaluate(SETTLED_WIDTH)
            assert width <= PHONE["width"], (name, path, width, page.evaluate(WIDE))

        # On a phone the menu hides behind its button and opens from it.
        tasks = page.locator("[data-testid=nav-tasks]")
        assert not tasks.is_visible()
        page.click("[data-testid=menu-button]")
        tasks.wait_for(state="visible")
        context.close()
    assert not problems, "\n".join(problems)
