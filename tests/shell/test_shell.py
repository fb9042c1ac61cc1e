"""The page shell: every tab title names the product and the province, the error pages
are Vietnamese and branded with DEBUG off, the flow diagram is a titled page."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from config.views import server_error

pytestmark = pytest.mark.django_db


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_the_login_page_names_the_product_and_the_province(client):
    page = client.get(reverse("login")).content.decode()
    assert title_of(client.get(reverse("login"))) == "Đăng nhập · Đối ngoại · Tỉnh Bình Định"
    assert "Viewflow" not in page
    assert "Django Material" not in page


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/", "Trang chủ · Đối ngoại · Tỉnh Bình Định"),
        ("/viec-cua-toi/", "Việc của tôi · Đối ngoại · Tỉnh Bình Định"),
        ("/thong-bao/", "Thông báo · Đối ngoại · Tỉnh Bình Định"),
    ],
)
def test_every_tab_title_ends_with_the_product_and_the_province(client, lan, url, title):
    client.force_login(lan)
    response = client.get(url)
    assert title_of(response) == title
    assert "Django Material" not in response.content.decode()


def test_the_province_in_the_header_is_the_configured_one(client, settings, lan):
    settings.PROVINCE_NAME = "tỉnh Gia Lai"
    client.force_login(lan)
    page = client.get("/").content.decode()
    assert '<span class="dn-brand__province">Tỉnh Gia Lai</span>' in page
    assert "<title>Trang chủ · Đối ngoại · Tỉnh Gia Lai</title>" in page


def test_icon_names_are_hidden_from_screen_readers(client, lan):
    client.force_login(lan)
    page = client.get("/").content.decode()
    icons = re.findall(r'<i class="material-icons"[^>]*>', page)
    assert icons
    assert all('aria-hidden="true"' in icon for icon in icons)
    assert 'aria-label="Mở hoặc đóng menu"' in page


def test_with_debug_off_a_missing_page_is_the_vietnamese_branded_404(client, settings, lan):
    settings.DEBUG = False
    client.force_login(lan)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert title_of(response) == "Không tìm thấy trang · Đối ngoại · Tỉnh Bình Định"
    assert "Không tìm thấy trang hoặc hồ sơ bạn yêu cầu" in response.content.decode()


def test_with_debug_off_a_refusal_is_the_vietnamese_branded_403(client, settings, lan):
    settings.DEBUG = False
    client.force_login(lan)
    response = client.get(reverse("audit:search"))
    assert response.status_code == 403
    assert title_of(response).endswith("· Đối ngoại · Tỉnh Bình Định")


def test_the_server_error_page_is_branded_and_reads_no_database(
    settings, django_assert_num_queries
):
    settings.PROVINCE_NAME = "tỉnh Bình Định"
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "<title>Lỗi hệ thống · Đối ngoại · Tỉnh Bình Định</title>" in page
    assert "Hệ thống gặp lỗi" in page


def test_the_admin_names_third_party_apps_in_vietnamese(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin)
    page = client.get(reverse("admin:index")).content.decode()
    for name in ("Chống dò mật khẩu", "Tác vụ định kỳ", "Ứng dụng xác thực (TOTP)"):
        assert name in page
    for english in ("Axes", "Periodic Tasks", "Otp_Totp", "Access attempts"):
        assert english not in page


def test_the_flow_diagram_is_a_titled_page_with_vietnamese_labels(client, province, lan, unit_a):
    from tests.trips import started_trip

    trip = started_trip(lan, unit_a)
    client.force_login(lan)
    response = client.get(reverse("outbound_chart", args=[trip.pk]))
    page = response.content.decode()
    assert title_of(response) == f"Sơ đồ quy trình · {trip.reference} · Đối ngoại · Tỉnh Bình Định"
    assert 'data-testid="flow-chart"' in page
    assert "Lãnh đạo UBND tỉnh" in page
    assert "Ubnd" not in page
    assert "Check " not in page
    assert "Rẽ nhánh theo kết quả: Thẩm định hồ sơ" in page


def test_the_flow_diagram_answers_only_get(client, province, lan, unit_a):
    from tests.trips import started_trip

    trip = started_trip(lan, unit_a)
    client.force_login(lan)
    assert client.post(reverse("outbound_chart", args=[trip.pk])).status_code == 405
