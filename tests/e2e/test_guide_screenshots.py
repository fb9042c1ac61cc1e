"""The user guides' pictures, taken in real Chromium at 1,280 × 800: the home page, then for
every kind of matter its list and its request form or matter page, the report and the
system log (nhật ký hệ thống).

With GUIDE_SCREENSHOTS_DIR set the pictures go there, so that
`GUIDE_SCREENSHOTS_DIR=docs/images/guide make e2e PYTEST_ARGS=tests/e2e/test_guide_screenshots.py`
regenerates the ones docs/user-guide.vi.md and docs/user-guide.en.md show; otherwise
into the test's temporary folder. The data is the access matrix's world (one matter of
each kind, stopped half-way through its flow) under real-looking titles; each person
signs in once. Before each picture the page must answer 200, its tab title must name the
product and its title bar must show the page's heading, so that no error page is kept.
"""

import os
import pathlib

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.security.access import build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PRODUCT = "Đối ngoại · Tỉnh Bình Định"
VIEWPORT = {"width": 1280, "height": 800}
SMALLEST = 10_000  # bytes: below this a picture is blank
TITLES = (
    "Đoàn xúc tiến đầu tư tại Pháp",
    "Đoàn JETRO làm việc về đầu tư",
    "Bản ghi nhớ hợp tác thương mại với tỉnh Gyeonggi",
    "Hội thảo quốc tế về năng lượng tái tạo",
    "Nâng cao năng lực y tế cơ sở vùng biển",
)
DONOR = "Tổ chức Tầm nhìn Thế giới (World Vision)"


def folder_for(tmp_path) -> pathlib.Path:
    folder = pathlib.Path(os.environ.get("GUIDE_SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shots_of(world):
    """Return, per person, the pictures they take: (file, path, heading in the title bar)."""
    values = world.values
    trip, visit, agreement = world.trip, world.visit, world.agreement
    conference, project, abtc = world.conference, world.project, world.abtc
    return {
        "lan": [
            ("01-trang-chu.png", "/", "Trang chủ"),
            ("03-doan-ra-bieu-mau.png", reverse("outbound_start"), "Đề nghị cử đoàn ra"),
        ],
        "an": [
            (
                "14-the-abtc-bieu-mau.png",
                reverse("abtc_start"),
                "Đề nghị cho phép sử dụng thẻ ABTC",
            ),
        ],
        "hoa": [
            ("02-doan-ra-danh-sach.png", reverse("outbound_trips"), "Đoàn ra"),
            ("04-doan-ra-ho-so.png", reverse("outbound_trip", args=[trip.pk]), trip.title),
            ("05-doan-vao-danh-sach.png", reverse("inbound_visits"), "Đoàn vào"),
            ("06-doan-vao-ho-so.png", reverse("inbound_visit", args=[visit.pk]), visit.title),
            ("07-thoa-thuan-danh-sach.png", reverse("agreements"), "Thỏa thuận quốc tế"),
            (
                "08-thoa-thuan-ho-so.png",
                reverse("agreement", args=[agreement.pk]),
                agreement.title,
            ),
            ("09-hoi-nghi-danh-sach.png", reverse("conferences:list"), "Hội nghị, hội thảo"),
            (
                "10-hoi-nghi-ho-so.png",
                reverse("conference", args=[conference.pk]),
                conference.title,
            ),
            ("11-vien-tro-danh-sach.png", reverse("ngo_aid:list"), "Viện trợ phi chính phủ"),
            (
                "12-vien-tro-ho-so.png",
                reverse("ngo_aid_project", args=[project.pk]),
                project.title,
            ),
            ("13-the-abtc-danh-sach.png", reverse("the_abtc:list"), "Thẻ đi lại của doanh nhân"),
            (
                "15-the-abtc-ho-so.png",
                reverse("abtc_request", args=[abtc.pk]),
                abtc.reference,
            ),
            ("16-lanh-su-danh-sach.png", reverse("consular:list"), "Lãnh sự, bảo hộ công dân"),
            (
                "17-lanh-su-vu-viec.png",
                reverse("consular:detail", args=[values["consular_pk"]]),
                "Người nước ngoài",
            ),
            ("18-ke-hoach.png", reverse("plans:index"), "Kế hoạch đoàn ra, đoàn vào hằng năm"),
            (
                "19-ke-hoach-tong-hop.png",
                reverse("plans:compiled", args=[values["plan_round_pk"]]),
                "Bảng tổng hợp kế hoạch – 2026",  # the year, not "2.026"
            ),
            ("20-bao-cao.png", reverse("reports:report"), "Báo cáo công tác đối ngoại"),
        ],
        "kiem": [("21-nhat-ky-he-thong.png", reverse("audit:search"), "Nhật ký hệ thống")],
    }


def test_the_guides_pictures_show_every_kind_of_matter_under_the_products_name(
    browser, live_server, province, unit_a, justice, lan, minh, hoa, dung, pho, kiem, tmp_path
):
    people = {"unit_a": unit_a, "lan": lan, "minh": minh, "hoa": hoa, "dung": dung, "pho": pho}
    world = build_world(people, justice, titles=TITLES, donor=DONOR)
    users = {"kiem": kiem, "an": get_user_model().objects.get(username="an"), **people}
    folder = folder_for(tmp_path)
    taken = []
    for username, shots in shots_of(world).items():
        context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport=VIEWPORT)
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("input[name=username]", users[username].username)
        page.fill("input[name=password]", PASSWORD)
        page.locator("form [type=submit]").first.click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        for name, path, heading in shots:
            response = page.goto(path, wait_until="load")
            assert response.status == 200, (name, path, response.status)
            assert page.title().endswith(PRODUCT), (name, page.title())
            title_bar = page.locator(".dn-toolbar__title")
            assert heading in title_bar.inner_text(), (name, title_bar.inner_text())
            assert title_bar.is_visible(), name
            # The viewport only (not the full page): the top of a page is what the guide
            # shows, and the 21 pictures stay under 2.1 MB.
            picture = folder / name
            page.screenshot(path=picture, animations="disabled")
            taken.append(picture)
        context.close()

    for picture in taken:
        assert picture.stat().st_size > SMALLEST, (picture.name, picture.stat().st_size)
