"""The case page's four forms in the project's one form layout (ADR 0020): labels with
their *, errors under the field in Vietnamese, and the moment of a notice typed and
shown as dd/mm/yyyy HH:MM (it was a raw ``datetime-local`` input under ``as_p``)."""

import datetime

import pytest
from django.utils import timezone, translation

from consular.forms import NoticeForm
from consular.models import ConsularCase

from .test_cases import FISHERMEN, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(client, province, hoa):
    assert record(client, hoa, FISHERMEN, ("Trương Văn Bảy", "", "")).status_code == 302
    return ConsularCase.objects.get()


def test_the_update_forms_use_the_form_layout(client, case):
    html = client.get(case.get_absolute_url()).content.decode()
    for testid in ("status", "notice", "note", "close"):
        assert f'novalidate data-turbo="false" data-testid="consular-{testid}-form"' in html
    assert "<p>" not in html.split('data-testid="consular-status-form"')[1].split("</form>")[0]
    assert 'class="dn-field dn-field--text dn-field--required' in html  # the notice's moment
    assert 'data-date-input="datetime"' in html and 'placeholder="ngày/tháng/năm giờ:phút"' in html
    assert "datetime-local" not in html
    # The status form and the note form both have a comment: each its own id.
    assert html.count('id="id_comment"') == 1 and 'id="id_note_comment"' in html


def test_a_notice_is_typed_as_day_month_year_hour_minute(client, case):
    notice = {"target": "ministry", "at": "25/11/2026 09:30", "document": "Công văn 215/SNV-LS"}
    response = client.post(f"{case.get_absolute_url()}bao-ngay/", notice)
    assert response.status_code == 302, response.context["notice_form"].errors
    case.refresh_from_db()
    assert timezone.localtime(case.ministry_notified_at).replace(tzinfo=None) == (
        datetime.datetime(2026, 11, 25, 9, 30)
    )


def test_a_wrong_moment_is_named_under_its_field_and_kept(client, case):
    notice = {"target": "ministry", "at": "31/02/2026 09:30", "document": ""}
    response = client.post(f"{case.get_absolute_url()}bao-ngay/", notice)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_at_error"' in html and "Nhập một ngày/thời gian hợp lệ." in html
    assert 'id="id_document_error"' in html and "Trường này là bắt buộc." in html
    assert 'value="31/02/2026 09:30"' in html and 'aria-invalid="true"' in html


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_moment_reads_day_first_in_either_language(language):
    with translation.override(language):
        form = NoticeForm({"target": "ministry", "at": "05/11/2026 10:00", "document": "x"})
        assert form.is_valid(), form.errors
        assert timezone.localtime(form.cleaned_data["at"]).strftime("%d/%m %H:%M") == (
            "05/11 10:00"
        )
        shown = str(NoticeForm(initial={"at": form.cleaned_data["at"]})["at"])
        assert 'value="05/11/2026 10:00"' in shown
