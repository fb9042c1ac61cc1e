"""The timeline piece every process page shows: ``{% audit_timeline subject %}``."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

import audit
from audit.selectors import timeline
from organizations.models import Role

pytestmark = pytest.mark.django_db


def render(subject):
    return Template("{% load audit %}{% audit_timeline subject %}").render(
        Context({"subject": subject})
    )


def test_the_timeline_lists_a_matters_steps_oldest_first(write, lan, minh, unit_a, unit_b):
    write(audit.Action.SUBMITTED, actor=lan, subject=unit_a)
    write(audit.Action.SUBMITTED, actor=lan, subject=unit_b)
    write(audit.Action.ENDORSED, actor=minh, subject=unit_a)
    assert [entry.action for entry in timeline(unit_a)] == ["submitted", "endorsed"]


def test_the_piece_shows_time_actor_unit_role_deputy_action_and_comment(
    write, hoa, tuan, focal_agency, unit_a
):
    entry = write(
        audit.Action.RETURNED,
        actor=hoa,
        on_behalf_of=tuan,
        unit=focal_agency,
        role=Role.DEPARTMENT_HEAD,
        subject=unit_a,
        comment="Thiếu thư mời",
    )
    html = render(unit_a)
    local = timezone.localtime(entry.occurred_at)
    assert local.strftime("%d/%m/%Y %H:%M") in html
    assert "Nguyễn Thị Hoa" in html
    assert "thay mặt Đỗ Minh Tuấn" in html
    assert "Lãnh đạo cơ quan ngoại vụ · Sở Ngoại vụ" in html
    assert "Sở Ngoại vụ trả lại hồ sơ để bổ sung" in html
    assert "Thiếu thư mời" in html


def test_the_piece_says_so_when_nothing_happened_yet(unit_a):
    assert "Chưa có bước xử lý nào được ghi nhận." in render(unit_a)


def test_the_piece_costs_the_same_queries_for_many_steps(
    write, lan, unit_a, django_assert_max_num_queries
):
    for _ in range(20):
        write(audit.Action.COMMENTED, actor=lan, subject=unit_a, unit=unit_a, on_behalf_of=lan)
    render(unit_a)  # content types are cached after the first use
    with django_assert_max_num_queries(1):
        render(unit_a)


def test_the_piece_shows_times_in_the_provinces_time_zone(write, lan, unit_a):
    entry = write(audit.Action.SUBMITTED, actor=lan, subject=unit_a)
    utc = entry.occurred_at.astimezone(datetime.UTC)
    local = timezone.localtime(entry.occurred_at)
    assert local.utcoffset() == datetime.timedelta(hours=7)
    assert local.strftime("%H:%M") in render(unit_a)
    assert utc.hour != local.hour
