"""The auditor's search form in the one form layout (ADR 0020): its days typed and shown
as dd/mm/yyyy (they were the browser's ``type=date``), ISO still read from old links."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(write, unit_a, lan):
    return write(actor=lan, subject=unit_a, comment="Xin đi Nhật Bản")


def test_the_days_are_day_first_text_fields_in_the_layout(client, kiem):
    client.force_login(kiem)
    html = client.get(reverse("audit:search")).content.decode()
    assert 'type="date"' not in html
    for name in ("start", "end"):
        assert f'<input type="text" name="{name}" placeholder="ngày/tháng/năm"' in html
    assert 'class="dn-field dn-field--text"' in html and "js/forms.js" in html


def test_a_day_first_period_finds_the_entry_and_is_shown_back(client, kiem, entry):
    client.force_login(kiem)
    today = timezone.localdate(entry.occurred_at).strftime("%d/%m/%Y")
    response = client.get(reverse("audit:search"), {"start": today, "end": today})
    assert entry.seq in [e.seq for e in response.context["page"]]
    assert f'value="{today}"' in response.content.decode()


def test_a_wrong_day_is_named_under_its_field(client, kiem, entry):
    client.force_login(kiem)
    html = client.get(reverse("audit:search"), {"start": "31/02/2026"}).content.decode()
    assert 'id="id_start_error"' in html and "Nhập một ngày hợp lệ." in html


def test_the_filters_are_spaced_by_the_style_sheet_not_inline_styles(client, kiem):
    client.force_login(kiem)
    html = client.get(reverse("audit:search")).content.decode()
    form = html.split('data-testid="audit-search"')[0].rsplit("<form", 1)[1]
    assert "dn-search-form" in form and "style=" not in form
    body = html.split('data-testid="audit-search"')[1].split("</form>")[0]
    assert "style=" not in body
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert ".dn-search-form { display: flex; flex-wrap: wrap; gap: 0 24px;" in css
