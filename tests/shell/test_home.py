import datetime

import pytest
from django.urls import reverse

from organizations.models import Role
from organizations.services import appoint_deputy

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_login_page_is_in_vietnamese(client):
    page = client.get(reverse("login")).content.decode()
    assert 'lang="vi"' in page
    assert "Đăng nhập" in page


@pytest.mark.parametrize(
    ("person", "role"),
    [
        ("lan", Role.UNIT_STAFF),
        ("minh", Role.UNIT_HEAD),
        ("hoa", Role.DEPARTMENT_REVIEWER),
        ("tuan", Role.DEPARTMENT_HEAD),
        ("dung", Role.SECURITY_OFFICER),
        ("thao", Role.CONSULTED_AGENCY),
        ("chu", Role.LEADER),
        ("kiem", Role.AUDITOR),
        ("quan", Role.ADMINISTRATOR),
    ],
)
def test_each_role_sees_its_card_in_vietnamese(client, request, person, role):
    user = request.getfixturevalue(person)
    client.force_login(user)
    page = client.get("/").content.decode()
    assert f'data-role="{role.value}"' in page
    assert str(role.label) in page
    assert f"Xin chào, {user.full_name}" in page
    assert user.profile.unit.name in page


def test_a_person_without_a_role_is_told_whom_to_ask(client, vo):
    client.force_login(vo)
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tài khoản của bạn chưa được phân vai trò" in page
    assert "quản trị hệ thống" in page
    assert "data-role=" not in page


def test_a_deputy_sees_whom_they_act_for_and_the_borrowed_role(client, hoa, tuan, quan):
    today = datetime.date.today()
    appoint_deputy(tuan, deputy=hoa, start_date=today, end_date=today, actor=quan)
    client.force_login(hoa)
    page = client.get("/").content.decode()
    assert f"Bạn đang xử lý thay {tuan.full_name}" in page
    assert f'data-role="{Role.DEPARTMENT_HEAD.value}"' in page


def test_the_language_switch_turns_the_page_into_english(client, lan):
    client.force_login(lan)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert 'lang="en"' in page
    assert "Hello, Trần Thị Lan" in page


def test_the_home_page_costs_the_same_queries_for_many_roles(
    client, lan, unit_b, django_assert_max_num_queries
):
    from organizations.services import grant_role

    client.force_login(lan)
    client.get("/")
    for role in (Role.UNIT_HEAD, Role.AUDITOR, Role.LEADER):
        grant_role(lan, role, unit_b)
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


def test_pages_not_found_answer_in_vietnamese(client, lan):
    client.force_login(lan)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
