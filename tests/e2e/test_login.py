import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_unit_staff_logs_in_and_sees_the_vietnamese_home_page(page, log_in, lan):
    log_in(lan)
    assert page.locator("h1.dn-greeting").inner_text() == "Xin chào, Trần Thị Lan"
    assert page.locator("[data-role=unit_staff] h3").inner_text() == "Cán bộ đơn vị"
    assert page.locator("html").get_attribute("lang") == "vi"


def test_a_wrong_password_keeps_the_visitor_on_the_login_page(page, lan):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", lan.username)
    page.fill("input[name=password]", "sai-mat-khau")
    # The page stays on the same URL: wait for the refused sign-in's own answer, or the
    # test could end (and its database be flushed) while the server still handles it.
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("form [type=submit]").first.click()
    assert answer.value.status == 422
    page.wait_for_load_state()
    assert "/accounts/login/" in page.url
    assert page.locator("h1.dn-greeting").count() == 0


def test_logging_out_returns_to_the_login_page(page, log_in, lan):
    log_in(lan)
    page.locator("[data-testid=logout]").click()
    page.wait_for_url(lambda url: "/accounts/login/" in url)
    page.goto("/")
    assert "/accounts/login/" in page.url
