"""The person's page: the passport and merge forms in the one form layout (ADR 0020),
dates as dd/mm/yyyy, and a refused form shown again with its errors under the fields,
in Vietnamese (it was ``as_p``, and a refused merge a message at the top)."""

import datetime

import pytest
from django.urls import reverse

from audit.models import Entry
from people.models import Passport, Person

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


def test_a_passport_is_kept_encrypted_where_the_focal_agency_says(
    client, official, hoa, focal_agency
):
    client.force_login(hoa)
    data = {
        "kind": "diplomatic",
        "number": "N7654321",
        "issued_on": "01/02/2022",
        "expires_on": "01/02/2032",
        "kept_by": focal_agency.pk,
    }
    assert client.post(reverse("passport_add", args=[official.pk]), data).status_code == 302
    passport = Passport.objects.get(person=official)
    assert "N7654321" not in passport.number_encrypted and passport.number == "N7654321"
    assert (passport.kind, passport.kept_by, passport.issued_on) == (
        "diplomatic",
        focal_agency,
        datetime.date(2022, 2, 1),
    )
    entry = Entry.objects.get(action="created", payload__kind="diplomatic")
    assert "N7654321" not in str(entry.payload)
    page = client.get(official.get_absolute_url()).content.decode()
    assert "N7654321" not in page and "N76****21" in page
    # The same booklet twice is refused, in words.
    refused = client.post(reverse("passport_add", args=[official.pk]), data)
    assert refused.status_code == 400
    assert "Hộ chiếu số này đã có trong danh bạ." in refused.content.decode()


def test_a_merge_without_a_choice_names_the_field(client, official, hoa):
    client.force_login(hoa)
    refused = client.post(reverse("person_merge", args=[official.pk]), {"duplicate": ""})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'id="id_duplicate_error"' in html and "Hãy chọn bản ghi trùng cần gộp." in html


# -- adding a person by hand -----------------------------------------------------------------


def test_a_unit_adds_a_person_of_its_own_unit_identity_encrypted(client, province, unit_a, lan):
    client.force_login(lan)
    form = client.get(reverse("person_add")).content.decode()
    assert 'name="unit"' in form
    response = client.post(
        reverse("person_add"),
        {
            "full_name": "Phạm  Thị Thu",
            "date_of_birth": "02/03/1985",
            "sex": "female",
            "identity_number": "052185004321",
            "position": "Chuyên viên",
            "unit": unit_a.pk,
        },
    )
    assert response.status_code == 302
    added = Person.objects.get(name_key="pham thi thu")
    assert (added.unit, added.unit_name, added.date_of_birth) == (
        unit_a,
        unit_a.name,
        datetime.date(1985, 3, 2),
    )
    assert "052185004321" not in added.identity_encrypted
    assert added.identity_number == "052185004321"
    page = client.get(added.get_absolute_url()).content.decode()
    assert "052185004321" not in page and added.identity_masked in page


def test_a_unit_cannot_add_a_person_to_another_unit(client, province, unit_a, unit_b, lan):
    client.force_login(lan)
    response = client.post(reverse("person_add"), {"full_name": "Phạm Thị Thu", "unit": unit_b.pk})
    assert response.status_code == 200
    assert "Hãy chọn đơn vị trong danh sách." in response.content.decode()
    assert not Person.objects.exists()


def test_the_focal_agency_adds_a_person_of_the_unit_it_chooses(client, province, unit_b, hoa):
    client.force_login(hoa)
    response = client.post(reverse("person_add"), {"full_name": "Phạm Thị Thu"})
    assert "Hãy chọn đơn vị của cá nhân." in response.content.decode()
    response = client.post(reverse("person_add"), {"full_name": "Phạm Thị Thu", "unit": unit_b.pk})
    assert response.status_code == 302
    assert Person.objects.get().unit == unit_b
