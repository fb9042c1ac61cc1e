"""The report's pages render their forms in the one form layout (ADR 0020): each field
with its label and required mark, days typed as dd/mm/yyyy with the calendar button,
errors under the fields (they were ``as_p``, days with an English "dd/mm/yyyy")."""

import datetime

import pytest
from django.urls import reverse

from reports import services
from reports.models import ReportDraft

pytestmark = pytest.mark.django_db


def _day(form, name) -> str:
    """The tag of the day field ``name``."""
    return form.split(f'name="{name}"')[1].split(">")[0]


def _form(html, testid) -> str:
    """The form's tag and body."""
    before, after = html.split(f'data-testid="{testid}"')
    return before[before.rindex("<form") :] + after.split("</form>")[0]


def _in_layout(form: str):
    assert "<p>" not in form
    assert 'class="dn-field ' in form and "novalidate" in form


@pytest.mark.parametrize(
    ("url", "testid"),
    [
        ("reports:drafts", "draft-create-form"),
        ("reports:external_figures", "figure-form"),
        ("reports:figure_requests", "request-form"),
    ],
)
def test_the_list_pages_forms_have_the_layout_and_day_first_days(
    client, province, hoa, url, testid
):
    client.force_login(hoa)
    html = client.get(reverse(url)).content.decode()
    form = _form(html, testid)
    _in_layout(form)
    assert '<span class="dn-required" aria-hidden="true"> *</span>' in form
    for name in ("date_from", "date_to"):
        day = _day(form, name)
        assert 'placeholder="ngày/tháng/năm"' in day and "data-date-input" in day, day
        assert f'type="text" name="{name}"' in form
    assert "js/forms.js" in html  # the calendar button


def test_a_refused_figure_names_its_wrong_day_under_the_field(client, province, hoa):
    client.force_login(hoa)
    data = {"indicator": "fdi_capital", "date_from": "31/02/2022", "date_to": "31/12/2022"}
    refused = client.post(reverse("reports:external_figures"), data)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'id="id_date_from_error"' in html and "Ngày không hợp lệ." in html
    assert 'id="id_value_error"' in html and 'value="31/02/2022"' in html


def test_the_draft_and_the_answer_forms_have_the_layout(client, province, hoa, finance, tai):
    client.force_login(hoa)
    data = {"date_from": "01/01/2022", "date_to": "31/08/2023"}
    assert client.post(reverse("reports:drafts"), data).status_code == 302
    html = client.get(ReportDraft.objects.get().get_absolute_url()).content.decode()
    _in_layout(_form(html, "draft-text-form"))

    asked = services.request_figures(
        actor=hoa,
        agency=finance,
        indicators=["fdi_projects"],
        date_from=datetime.date(2022, 1, 1),
        date_to=datetime.date(2022, 12, 31),
    )
    client.force_login(tai)
    _in_layout(_form(client.get(asked.get_absolute_url()).content.decode(), "answer-form"))


@pytest.mark.parametrize("url", ["reports:report", "reports:internal"])
def test_the_period_forms_have_the_layout_and_name_a_wrong_day_under_its_field(
    client, province, hoa, url
):
    client.force_login(hoa)
    html = client.get(reverse(url)).content.decode()
    form = _form(html, "period-form")
    _in_layout(form)
    for name in ("tu", "den"):
        day = _day(form, name)
        assert 'placeholder="ngày/tháng/năm"' in day and "data-date-input" in day, day

    refused = client.get(reverse(url), {"ky": "tuy-chon", "tu": "31/02/2023", "den": "01/03/2023"})
    assert refused.status_code == 400
    form = _form(refused.content.decode(), "period-form")
    assert 'data-testid="period-errors"' in form
    under_the_field = form.split('name="tu"')[1].split('name="den"')[0]
    assert "Ngày không hợp lệ" in under_the_field
