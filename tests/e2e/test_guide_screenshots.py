"""The user guides' pictures, taken in real Chromium at 1,366 px: the home page, a list,
a request form, a matter page with its progress and the report page.

With GUIDE_SCREENSHOTS_DIR set the pictures go there, so that
`GUIDE_SCREENSHOTS_DIR=docs/images/guide make e2e PYTEST_ARGS=tests/e2e/test_guide_screenshots.py`
regenerates the ones docs/user-guide.vi.md and docs/user-guide.en.md show; otherwise
into the test's temporary folder. One walk, two people, each signs in once.
"""

import os
import pathlib

import pytest
from django.urls import reverse

from matters import services as matter_services
from tests.conftest import PASSWORD
from tests.trips import started_trip
from workflows import driver
from workflows.flows import OutboundTripFlow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PRODUCT = "Đối ngoại · Tỉnh Bình Định"
DESKTOP = {"width": 1366, "height": 800}
SMALLEST = 10_000  # bytes: below this a picture is blank or an error page


def folder_for(tmp_path) -> pathlib.Path:
    folder = pathlib.Path(os.environ.get("GUIDE_SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def signed_in(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport=DESKTOP)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form [type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return context, page


def test_the_guides_pictures_show_each_kind_of_page_under_the_products_name(
    browser, live_server, province, lan, minh, unit_a, hoa, tmp_path
):
    trip = started_trip(lan, unit_a, title="Đoàn xúc tiến đầu tư tại Pháp")
    driver.complete(
        trip,
        OutboundTripFlow.endorse,
        actor=minh,
        perform=lambda matter, task: matter_services.endorse(matter, actor=minh, task=task),
    )
    folder = folder_for(tmp_path)
    shots = {
        lan: [
            ("01-trang-chu.png", "/"),
            ("02-danh-sach.png", reverse("outbound_trips")),
            ("03-bieu-mau.png", reverse("outbound_start")),
        ],
        hoa: [
            ("04-ho-so.png", reverse("outbound_trip", args=[trip.pk])),
            ("05-bao-cao.png", reverse("reports:report")),
        ],
    }
    for person, pages in shots.items():
        context, page = signed_in(browser, live_server, person)
        for name, path in pages:
            page.goto(path)
            page.wait_for_load_state("networkidle")
            assert page.title().endswith(f" · {PRODUCT}"), (path, page.title())
            page.screenshot(path=folder / name, full_page=False)
        context.close()

    for name in [name for pages in shots.values() for name, _ in pages]:
        picture = folder / name
        assert picture.exists(), name
        assert picture.stat().st_size > SMALLEST, (name, picture.stat().st_size)
