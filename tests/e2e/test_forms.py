"""The request forms in real Chromium: the country pickers search (a guest's nationality
too, in a row added later), the forms fit the screen on a laptop and on a phone, an
empty required field is named under the field."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from permits.models import TripPurpose

from .test_shell import AXE_OPTIONS, serious

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _a_purpose(db):
    # Transactional tests empty the tables, rows from data migrations included.
    TripPurpose.objects.get_or_create(name="Xúc tiến đầu tư, thương mại, du lịch")


def overflow(page) -> int:
    """Return how many pixels the page reaches past the window's right edge."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def overflow_in_window(page, selector) -> int:
    """Return how many pixels the element ``selector``, given the window's width less
    its margins, lets any of its content reach past its right edge (whatever the page
    shell around it does)."""
    return page.evaluate(
        """(selector) => {
            const element = document.querySelector(selector);
            element.style.width = `${window.innerWidth - 32}px`;
            const right = element.getBoundingClientRect().right;
            let beyond = element.scrollWidth - element.clientWidth;
            for (const child of element.querySelectorAll("*")) {
                const box = child.getBoundingClientRect();
                if (box.width) beyond = Math.max(beyond, Math.ceil(box.right - right));
            }
            return beyond;
        }""",
        selector,
    )


def test_the_trip_and_visit_forms_fit_search_countries_and_name_missing_fields(page, log_in, lan):
    log_in(lan)
    page.set_viewport_size(LAPTOP)

    # The country picker: typing "Hàn" offers Hàn Quốc; choosing it selects KR.
    page.goto("/doan-ra/moi/")
    page.click("#id_countries-ts-control")
    page.keyboard.type("Hàn")
    option = page.locator(".ts-dropdown .option", has_text="Hàn Quốc")
    option.first.click()
    assert page.eval_on_selector(
        "#id_countries", "select => [...select.selectedOptions].map(o => o.value)"
    ) == ["KR"]
    # The person moves straight on to the members: nothing the picker left pending takes
    # the focus back, and the page up with it (its list used to refresh 300 ms late).
    page.click("[data-testid=add-member]")
    page.wait_for_timeout(500)
    assert page.evaluate("document.activeElement.dataset.testid") == "add-member"

    # Dates are typed as dd/mm/yyyy; the page does not scroll sideways with two members.
    page.fill("#id_start_date", "7/12/2026")
    page.locator("#id_start_date").blur()
    assert page.input_value("#id_start_date") == "07/12/2026"
    assert overflow(page) <= 0

    # Sent without a title: the message is under the field, in Vietnamese, nothing lost.
    page.locator("[data-testid=trip-form] button[type=submit]").click()
    page.wait_for_selector("#id_title_error")
    assert "bắt buộc" in page.inner_text("#id_title_error")
    assert page.get_attribute("#id_title", "aria-invalid") == "true"
    assert page.input_value("#id_start_date") == "07/12/2026"
    # The picker comes back once the page's script has run (the error above is in the
    # page before it), with the country chosen.
    page.wait_for_selector("#id_countries-ts-control", state="visible")
    assert page.eval_on_selector(
        "#id_countries", "select => [...select.selectedOptions].map(o => o.value)"
    ) == ["KR"]

    page.goto("/doan-vao/moi/")
    page.click("[data-testid=add-guest]")
    assert overflow(page) <= 0

    # A guest's nationality is searchable too, in a row added after the page loaded.
    page.click("#id_guests-1-nationality-ts-control")
    page.keyboard.type("Nhậ")
    page.locator("#id_guests-1-nationality-ts-dropdown .option", has_text="Nhật Bản").first.click()
    assert page.input_value("#id_guests-1-nationality") == "JP"
    assert page.input_value("#id_guests-0-nationality") == ""
    assert serious(Axe().run(page, options=AXE_OPTIONS), "visit") == []

    # On a phone the rows stack as cards, each input with its label, and the form stays
    # inside the window (the menu bar above it is the page shell's).
    page.set_viewport_size(PHONE)
    for path, form in (("/doan-vao/moi/", "visit-form"), ("/doan-ra/moi/", "trip-form")):
        page.goto(path)
        assert overflow_in_window(page, f"[data-testid={form}]") <= 0, path
    assert page.locator("label[for=id_members-0-full_name]").is_visible()
