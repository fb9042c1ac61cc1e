"""The shared form layout and the matter page's status area, as the trip shows them.

Required fields are marked, an empty one is named under the field in Vietnamese, dates
are typed and shown as dd/mm/yyyy, no two inputs share an id; a returned request's form
shows the reason and the files; the trip page tells the current step, who holds it, its
due date and what comes next.
"""

import datetime
import re
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.module_loading import import_string

import workdays
from workflows.flows import InboundVisitFlow, OutboundTripFlow

from ..issuance import pdf_bytes
from ..start_forms import form_token
from .test_outbound_flow import approved_trip, cast, decide, login, open_task, submit, trip_data

pytestmark = pytest.mark.django_db

__all__ = ["cast"]  # the fixture, used by name below
START_URL = OutboundTripFlow.instance.reverse("submit:execute")


def ids(html: str) -> Counter:
    return Counter(re.findall(r'\sid="([^"]+)"', html))


def test_the_request_form_marks_required_fields_and_ties_each_label_to_one_input(client, cast, lan):
    html = login(client, lan).get(START_URL).content.decode()

    assert re.search(r'<label class="dn-label" for="id_title">[^<]*<span class="dn-required"', html)
    assert re.search(
        r'id="id_title"[^>]*aria-required="true"|aria-required="true"[^>]*id="id_title"', html
    )
    assert not re.search(r'<label class="dn-label" for="id_cities">[^<]*<span', html)
    assert "novalidate" in html
    repeated = [name for name, count in ids(html).items() if count > 1]
    assert repeated == []
    # "Chương trình làm việc": the text and the file each have their own label and id.
    assert 'for="id_programme"' in html and 'for="id_file_programme"' in html


def test_an_empty_required_field_is_named_under_it_in_vietnamese_and_nothing_is_lost(
    client, cast, lan
):
    login(client, lan)
    data = {**trip_data(title=""), "form_token": form_token(client, START_URL)}
    html = client.post(START_URL, data).content.decode()

    error = re.search(r'<ul class="errorlist" id="id_title_error"><li>([^<]+)</li>', html)
    assert error and error.group(1) == "Trường này là bắt buộc."
    # Under the input, which points at it; what was typed stays.
    assert html.index('id="id_title"') < html.index('id="id_title_error"')
    assert 'aria-describedby="id_title_error"' in html
    assert 'value="Paris"' in html


def test_dates_are_typed_and_shown_as_day_month_year(client, cast, lan):
    trip = submit(client, lan, start_date="07/12/2026", end_date="12/12/2026")
    assert trip.start_date == datetime.date(2026, 12, 7)
    assert trip.end_date == datetime.date(2026, 12, 12)

    html = client.get(START_URL).content.decode()
    assert re.search(r'<input type="text" name="start_date"[^>]*placeholder="ngày/tháng/năm"', html)

    login(client, lan)
    data = {**trip_data(start_date="07/12/2026", end_date="05/12/2026")}
    data["form_token"] = form_token(client, START_URL)
    html = client.post(START_URL, data).content.decode()
    assert 'value="07/12/2026"' in html and 'value="05/12/2026"' in html


def test_the_country_list_is_searchable_with_vietnamese_names(client, cast, lan):
    html = login(client, lan).get(START_URL).content.decode()

    select = re.search(r'<select name="countries"[^>]*>', html).group(0)
    assert "data-searchable" in select
    assert '<option value="KR">Hàn Quốc</option>' in html
    assert "vendor/tom-select/tom-select.complete.min.js" in html


def test_a_guests_nationality_is_a_searchable_single_choice(client, cast, lan):
    url = InboundVisitFlow.instance.reverse("submit:execute")
    html = login(client, lan).get(url).content.decode()

    # The row on the page and the blank row "Thêm khách" copies.
    selects = re.findall(r'<select name="guests-(?:0|__prefix__)-nationality"[^>]*>', html)
    assert len(selects) == 2
    assert all("data-searchable" in s and "multiple" not in s for s in selects)


@pytest.mark.parametrize(
    ("form_class", "name"),
    [
        ("agreements.forms.AgreementForm", "partner_country"),
        ("ngo_aid.forms.NgoForm", "country"),
        ("consular.forms.CaseForm", "nationality"),
        ("consular.forms.CaseForm", "country"),
        ("consular.forms.PersonForm", "nationality"),
    ],
)
def test_every_single_country_is_searchable_too(form_class, name):
    form = import_string(form_class)()
    select = re.search(r"<select [^>]*>", str(form[name])).group(0)
    assert "data-searchable" in select and "multiple" not in select


def test_a_returned_request_shows_the_reason_and_its_files(client, cast, lan, minh, hoa):
    trip = submit(
        client,
        lan,
        invitation=SimpleUploadedFile("thu-moi.pdf", pdf_bytes(), "application/pdf"),
    )
    decide(client, minh, trip, OutboundTripFlow.endorse, "endorse")
    decide(client, hoa, trip, OutboundTripFlow.review, "return", "Thiếu thư mời bản dịch")

    task = open_task(trip, OutboundTripFlow.revise)
    html = login(client, lan).get(task.reverse("execute")).content.decode()

    assert "Thiếu thư mời bản dịch" in html
    attachment = trip.attachments.get()
    link = reverse("outbound_download", args=[trip.pk, attachment.pk])
    assert f'href="{link}"' in html and "thu-moi.pdf" in html


def test_the_trip_page_tells_the_current_step_its_holder_due_date_and_what_comes_next(
    client, cast, lan
):
    trip = submit(client, lan)
    html = login(client, lan).get(trip.get_absolute_url()).content.decode()

    current = re.search(r'data-testid="current-step-title"><strong>([^<]+)<', html).group(1)
    assert current == "Đơn vị cho ý kiến"
    assert "Lãnh đạo đơn vị, Sở Công Thương (chờ nhận xử lý)" in html
    assert re.search(r'data-testid="current-due">\d\d/\d\d/\d{4}', html)
    assert re.findall(r'data-testid="next-step">([^<—]+)', html)[0].strip() == "Thẩm định hồ sơ"
    states = re.findall(r'data-testid="progress-step" data-state="(\w+)"', html)
    assert states[:3] == ["done", "current", "next"]


def test_an_approved_trip_says_it_waits_for_signature_then_the_return_and_the_report(
    client, cast, lan, minh, hoa, dung, pho
):
    trip = approved_trip(client, cast, lan, minh, hoa, dung, pho)
    html = login(client, lan).get(trip.get_absolute_url()).content.decode()

    nexts = [n.strip() for n in re.findall(r'data-testid="next-step">([^<]+)<', html)]
    assert nexts[0] == "Vào sổ, ban hành quyết định cử đoàn"
    back, report = trip.end_date, workdays.due_date("outbound.report", trip.end_date)
    assert nexts[1] == f"Chờ đoàn về nước — đến hết ngày {back:%d/%m/%Y}"
    assert nexts[2] == f"Báo cáo kết quả chuyến đi — hạn {report:%d/%m/%Y}"
