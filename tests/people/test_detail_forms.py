"""The person's page: the passport and merge forms in the one form layout (ADR 0020),
dates as dd/mm/yyyy, and a refused form shown again with its errors under the fields,
in Vietnamese (it was ``as_p``, and a refused merge a message at the top)."""

import datetime

import pytest
from django.urls import reverse

from people.models import Passport

from .helpers import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(province, unit_a, hoa):
    return person("Trần Văn Bình", unit=unit_a)


def _form(html, testid) -> str:
    return html.split(f'data-testid="{testid}"')[1].split("</form>")[0]


def test_the_forms_use_the_form_layout(client, official, hoa):
    client.force_login(hoa)
    html = client.get(official.get_absolute_url()).content.decode()
    passport = _form(html, "passport-form")
    assert "<p>" not in passport
    assert 'class="dn-field dn-field--select dn-field--required' in passport
    assert 'name="expires_on"' in passport and 'placeholder="ngày/tháng/năm"' in passport
    assert '<span class="dn-required" aria-hidden="true"> *</span>' in passport
    assert "<p>" not in _form(html, "merge-form")
    assert "js/forms.js" in html  # the calendar button


def test_a_passport_is_typed_with_day_first_dates_and_errors_come_back_under_fields(
    client, official, hoa
):
    client.force_login(hoa)
    url = reverse("passport_add", args=[official.pk])
    typed = {"kind": "official", "number": "C1234567", "issued_on": "31/02/2026"}
    refused = client.post(url, typed)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'id="id_issued_on_error"' in html and "Nhập một ngày hợp lệ." in html
    assert 'id="id_expires_on_error"' in html and "Trường này là bắt buộc." in html
    assert 'value="31/02/2026"' in html

    data = {"kind": "official", "number": "C1234567", "expires_on": "05/03/2031"}
    assert client.post(url, data).status_code == 302
    assert Passport.objects.get(person=official).expires_on == datetime.date(2031, 3, 5)


def test_a_merge_without_a_choice_names_the_field(client, official, hoa):
    client.force_login(hoa)
    refused = client.post(reverse("person_merge", args=[official.pk]), {"duplicate": ""})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'id="id_duplicate_error"' in html and "Hãy chọn bản ghi trùng cần gộp." in html
