"""The auditor's workspace: who gets in, search filters, the timeline, export, verify."""

import csv
import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

import audit
from audit.models import Entry, Verification
from organizations.models import Role

from .helpers import disable_triggers, sql

pytestmark = pytest.mark.django_db

URLS = ["audit:search", "audit:export", "audit:verify"]


@pytest.fixture
def steps(write, lan, minh, hoa, tuan, unit_a, unit_b, focal_agency):
    """A small history: two matters (the units stand in for requests), four people."""
    return [
        write(audit.Action.SUBMITTED, actor=lan, subject=unit_a, unit=unit_a,
              role=Role.UNIT_STAFF, comment="Xin đi Nhật Bản"),
        write(audit.Action.ENDORSED, actor=minh, subject=unit_a, unit=unit_a,
              role=Role.UNIT_HEAD),
        write(audit.Action.RETURNED, actor=hoa, subject=unit_a, unit=focal_agency,
              role=Role.DEPARTMENT_HEAD, on_behalf_of=tuan, comment="Thiếu thư mời",
              payload={"passport": "B12345678"}),
        write(audit.Action.SUBMITTED, actor=lan, subject=unit_b, unit=unit_a,
              role=Role.UNIT_STAFF, comment="Đón đoàn Hàn Quốc"),
        write(audit.Action.COMMENTED, actor=tuan, subject=hoa, comment="=HYPERLINK(\"x\")"),
    ]  # fmt: skip


def seqs(response):
    return [entry.seq for entry in response.context["page"]]


def numbers(steps, *indexes):
    """Return the numbers of ``steps[i]`` for each index, in the order given."""
    return [steps[i].seq for i in indexes]


@pytest.mark.parametrize("name", URLS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("person", ["lan", "minh", "hoa", "dung", "chu", "vo"])
@pytest.mark.parametrize("name", URLS)
def test_people_who_are_not_auditors_get_403_and_the_refusal_is_recorded(
    client, request, person, name
):
    user = request.getfixturevalue(person)
    client.force_login(user)
    assert client.get(reverse(name)).status_code == 403
    denied = Entry.objects.filter(action=audit.Action.ACCESS_DENIED).get()
    assert denied.actor == user
    assert denied.payload == {"method": "GET", "path": reverse(name)}


def test_an_administrator_may_verify_but_not_search(client, quan):
    client.force_login(quan)
    assert client.get(reverse("audit:search")).status_code == 403
    assert client.get(reverse("audit:export")).status_code == 403
    assert client.get(reverse("audit:verify")).status_code == 200
    assert client.post(reverse("audit:verify")).status_code == 302


def test_the_auditor_sees_every_entry_newest_first(client, kiem, steps):
    client.force_login(kiem)
    response = client.get(reverse("audit:search"))
    assert response.status_code == 200
    login = Entry.objects.get(action=audit.Action.LOGIN_SUCCEEDED)
    assert seqs(response) == [login.seq, *numbers(steps, 4, 3, 2, 1, 0)]
    page = response.content.decode()
    assert "Nhật ký hệ thống" in page
    assert "thay mặt Đỗ Minh Tuấn" in page
    assert "B12345678" not in page and "B12****78" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"action": "submitted"}, [3, 0]),
        ({"q": "thư mời"}, [2]),
        ({"q": "hàn QUốC"}, [3]),  # SQLite folds the case of ASCII letters only
        ({"action": "submitted", "q": "Nhật"}, [0]),
    ],
)
def test_the_auditor_filters_by_action_and_text(client, kiem, steps, query, expected):
    client.force_login(kiem)
    assert seqs(client.get(reverse("audit:search"), query)) == numbers(steps, *expected)


def test_the_auditor_filters_by_actor_unit_and_kind_of_matter(
    client, kiem, steps, lan, tuan, focal_agency, hoa
):
    client.force_login(kiem)
    search = reverse("audit:search")
    assert seqs(client.get(search, {"actor": lan.pk})) == numbers(steps, 3, 0)
    # tuan acted once himself and once through his deputy hoa
    assert seqs(client.get(search, {"actor": tuan.pk})) == numbers(steps, 4, 2)
    assert seqs(client.get(search, {"unit": focal_agency.pk})) == numbers(steps, 2)
    user_type = ContentType.objects.get_for_model(hoa)
    assert seqs(client.get(search, {"kind": user_type.pk})) == numbers(steps, 4)


def test_the_auditor_filters_by_period_in_local_days(client, kiem, steps, postgres_or_sqlite):
    yesterday = timezone.now() - datetime.timedelta(days=1)
    postgres_or_sqlite.move(steps[1].seq, yesterday)
    client.force_login(kiem)
    search = reverse("audit:search")
    day = timezone.localdate(yesterday).isoformat()
    assert seqs(client.get(search, {"start": day, "end": day})) == numbers(steps, 1)
    today = timezone.localdate().isoformat()
    assert steps[1].seq not in seqs(client.get(search, {"start": today}))
    assert seqs(client.get(search, {"end": day})) == numbers(steps, 1)


def test_a_reversed_period_is_an_error_not_everything(client, kiem, steps):
    client.force_login(kiem)
    response = client.get(reverse("audit:search"), {"start": "2026-03-05", "end": "2026-03-01"})
    assert seqs(response) == []
    assert "Ngày bắt đầu phải trước ngày kết thúc" in response.content.decode()


def test_a_page_costs_the_same_queries_at_3_and_30_rows(client, kiem, lan, unit_a, write):
    client.force_login(kiem)

    def queries_for_page():
        # Once the settings the page reads are cached (organizations.settings_cache).
        assert client.get(reverse("audit:search")).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("audit:search")).status_code == 200
        return len(queries)

    for _ in range(3):
        write(audit.Action.COMMENTED, actor=lan, subject=unit_a, unit=unit_a, role="unit_staff")
    few = queries_for_page()
    for _ in range(27):
        write(audit.Action.COMMENTED, actor=lan, subject=unit_a, unit=unit_a, role="unit_staff")
    assert queries_for_page() == few


def test_the_csv_export_has_the_filtered_rows_masked_and_inert(client, kiem, steps):
    client.force_login(kiem)
    response = client.get(reverse("audit:export"), {"format": "csv", "actor": steps[2].actor_id})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Số thứ tự", "Thời điểm", "Người thực hiện"]
    assert [row[0] for row in rows[1:]] == [str(steps[2].seq)]
    returned = dict(zip(rows[0], rows[1], strict=True))
    assert returned["Hành động"] == "Trả lại để bổ sung"
    assert returned["Thay mặt"] == "Đỗ Minh Tuấn"
    assert returned["Ý kiến"] == "Thiếu thư mời"
    assert returned["Nội dung thay đổi"] == '{"passport": "B12****78"}'
    assert returned["Mã băm"] == steps[2].hash


def test_a_formula_in_a_comment_does_not_run_in_the_export(client, kiem, steps):
    client.force_login(kiem)
    csv_text = b"".join(
        client.get(reverse("audit:export"), {"format": "csv", "q": "HYPERLINK"}).streaming_content
    ).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text
    xlsx = client.get(reverse("audit:export"), {"format": "xlsx", "q": "HYPERLINK"}).content
    workbook = load_workbook(io.BytesIO(xlsx))
    row = next(row for row in workbook.active.iter_rows(min_row=2) if row[0].value == steps[4].seq)
    comment = row[12]
    assert (comment.value, comment.data_type) == ('=HYPERLINK("x")', "s")


def test_the_excel_export_has_the_same_rows(client, kiem, steps):
    client.force_login(kiem)
    response = client.get(reverse("audit:export"), {"format": "xlsx", "action": "submitted"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][6] == "Hành động"
    assert [(row[0], row[6], row[9]) for row in rows[1:]] == [
        (steps[3].seq, "Gửi hồ sơ", "Trường Đại học Quy Nhơn"),
        (steps[0].seq, "Gửi hồ sơ", "Sở Công Thương"),
    ]


def test_an_export_is_itself_recorded(client, kiem, steps):
    client.force_login(kiem)
    client.get(reverse("audit:export"), {"format": "xlsx", "action": "submitted"})
    export = Entry.objects.get(action=audit.Action.FILE_DOWNLOADED)
    assert export.actor == kiem
    assert export.payload == {"format": "xlsx", "filters": "action=submitted"}


def test_an_unknown_export_format_is_refused(client, kiem):
    client.force_login(kiem)
    assert client.get(reverse("audit:export"), {"format": "pdf"}).status_code == 400


def test_the_matter_page_shows_its_timeline(client, kiem, steps, unit_a):
    client.force_login(kiem)
    unit_type = ContentType.objects.get_for_model(unit_a)
    response = client.get(reverse("audit:matter", args=[unit_type.pk, unit_a.pk]))
    page = response.content.decode()
    assert [entry.seq for entry in response.context["entries"]] == numbers(steps, 0, 1, 2)
    assert "Sở Công Thương" in page and "Đón đoàn Hàn Quốc" not in page
    assert client.get(reverse("audit:matter", args=[unit_type.pk, 999])).status_code == 404


def test_verify_now_runs_the_verification_and_shows_the_result(client, kiem, steps):
    client.force_login(kiem)
    response = client.post(reverse("audit:verify"), follow=True)
    page = response.content.decode()
    assert 'data-ok="true"' in page
    head = Entry.objects.order_by("-seq").first()
    assert f"Toàn vẹn đến mục {head.seq}" in page
    assert head.hash in page
    assert Verification.objects.get().ran_by == kiem


def test_verify_now_names_the_broken_entry(client, kiem, steps):
    disable_triggers()
    sql("UPDATE audit_entry SET comment = 'Đủ hồ sơ' WHERE seq = %s", [steps[2].seq])
    client.force_login(kiem)
    page = client.post(reverse("audit:verify"), follow=True).content.decode()
    assert 'data-ok="false"' in page
    assert f"Hỏng tại mục {steps[2].seq}: bị sửa" in page


def test_verify_is_post_only_for_running(client, kiem):
    client.force_login(kiem)
    assert client.get(reverse("audit:verify")).status_code == 200
    assert not Verification.objects.exists()
    assert client.put(reverse("audit:verify")).status_code == 405


def test_the_home_page_leads_auditors_and_administrators_to_the_workspace(kiem, quan, lan):
    from workflows.home import home_page_for

    def links(user):
        return [entry.url_name for entry in home_page_for(user).start_entries]

    assert "audit:search" in links(kiem)
    assert "audit:verify" in links(quan) and "audit:search" not in links(quan)
    assert not {"audit:search", "audit:verify"} & set(links(lan))
