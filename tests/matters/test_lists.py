"""Every list: its total, page numbers that keep the filters, a search that ignores
accents, "Tạo mới" for whoever may create and an Excel export of the same rows."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from organizations.search import search
from organizations.text import DATE_FORMAT
from permits.models import OutboundTrip

from ..conferences import helpers as conference_steps
from ..trips import started_trip

pytestmark = pytest.mark.django_db


def _workbook(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows())


def _copies(trip, count):
    """Return ``count`` copies of ``trip`` (same unit and status), made without the flow."""
    for index in range(count):
        trip.pk = trip.id = None
        trip.reference = f"DR-COPY-{index:03d}"
        trip.title = f"Đoàn sao chép {index}"
        trip.save()


def test_a_search_without_accents_finds_the_trip(client, province, unit_a, lan):
    trip = started_trip(lan, unit_a, title="Hội người Việt tại Đà Nẵng")
    other = started_trip(lan, unit_a, title="Đoàn xúc tiến thương mại")
    client.force_login(lan)
    for text in ("hoi nguoi viet", "HỘI NGƯỜI", "da nang", "  Đà   Nẵng "):
        page = client.get(reverse("outbound_trips"), {"q": text}).content.decode()
        assert trip.reference in page, text
        assert other.reference not in page, text
    assert "Tổng số: 1" in page
    # The same lookup straight on the database (unaccent on PostgreSQL, dn_fold on SQLite).
    assert list(search(OutboundTrip.objects.all(), "dA NaNg", ["title"])) == [trip]


def test_the_list_counts_its_rows_and_its_page_links_keep_the_filters(
    client, province, unit_a, lan
):
    _copies(started_trip(lan, unit_a), 26)
    client.force_login(lan)
    first = client.get(reverse("outbound_trips"), {"status": "submitted", "q": "sao chep"})
    body = first.content.decode()
    assert "Tổng số: 26" in body
    assert 'href="?status=submitted&amp;q=sao+chep&amp;page=2"' in body
    second = client.get(
        reverse("outbound_trips"), {"status": "submitted", "q": "sao chep", "page": 2}
    )
    assert len(second.context["page"]) == 1
    assert 'aria-current="page" class="dn-pages__current">2<' in second.content.decode()


def test_the_export_has_the_lists_rows_with_vietnamese_headers_and_dates(
    client, province, unit_a, unit_b, lan, long
):
    trip = started_trip(lan, unit_a, title="Hội người Việt tại Pháp")
    started_trip(lan, unit_a, title="Đoàn khác")
    started_trip(long, unit_b, title="Hội người Việt của đơn vị B")
    client.force_login(lan)
    rows = _workbook(client.get(reverse("outbound_export"), {"q": "hoi nguoi viet"}))
    header = [cell.value for cell in rows[0]]
    assert header == [
        "Mã hồ sơ",
        "Tên đoàn",
        "Đơn vị",
        "Quốc gia đến",
        "Ngày đi",
        "Ngày về",
        "Trạng thái",
        "Ngày lập",
    ]
    assert len(rows) == 2  # the other unit's trip and the unmatched one stay out
    values = dict(zip(header, rows[1], strict=True))
    assert values["Mã hồ sơ"].value == trip.reference
    assert values["Quốc gia đến"].value == "Pháp"
    assert values["Ngày đi"].value.date() == datetime.date(2026, 12, 7)
    assert values["Ngày đi"].number_format == DATE_FORMAT
    assert values["Trạng thái"].value == trip.get_status_display()


def test_the_create_button_shows_to_whoever_may_start_one(client, province, unit_a, lan, hoa):
    client.force_login(lan)
    body = client.get(reverse("outbound_trips")).content.decode()
    assert f'href="{reverse("outbound_start")}" data-testid="list-create"' in body
    assert f'href="{reverse("outbound_export")}" data-testid="list-export" download' in body
    client.force_login(hoa)
    assert 'data-testid="list-create"' not in client.get(reverse("outbound_trips")).content.decode()


def test_the_conference_list_searches_without_accents_and_exports(client, province, unit_a, lan):
    conference = conference_steps.submit(client, lan, title="Hội thảo năng lượng Đà Lạt")
    page = client.get(reverse("conferences:list"), {"q": "hoi thao nang luong da lat"})
    assert conference.reference in page.content.decode()
    assert 'data-testid="list-create"' in page.content.decode()
    rows = _workbook(client.get(reverse("conferences:export"), {"q": "da lat"}))
    assert [cell.value for cell in rows[1]][:2] == [conference.reference, conference.title]
    assert "Số đại biểu" in [cell.value for cell in rows[0]]
    assert client.get(reverse("conferences:export"), {"q": "khong co"}).status_code == 200


def test_the_ngo_registers_and_the_card_register_export_their_searched_rows(client, province, hoa):
    from ngo_aid.models import ForeignNGO, Meeting

    friends = ForeignNGO.objects.create(name="Friends of Hội An", country="US")
    ForeignNGO.objects.create(name="Other Aid", country="FR")
    meeting = Meeting.objects.create(
        reference="GM-001", held_on=datetime.date(2026, 11, 2), title="Gặp mặt Hội An"
    )
    meeting.organisations.add(friends)
    Meeting.objects.create(reference="GM-002", held_on=datetime.date(2026, 11, 3), title="Khác")
    client.force_login(hoa)
    body = client.get(reverse("ngo_aid:ngos")).content.decode()
    assert f'href="{reverse("ngo_aid:ngos_export")}" data-testid="list-export"' in body
    rows = _workbook(client.get(reverse("ngo_aid:ngos_export"), {"q": "hoi an"}))
    assert [cell.value for cell in rows[0]][:3] == [
        "Tên tổ chức (nguyên ngữ)",
        "Tên tiếng Việt",
        "Quốc gia",
    ]
    assert [cell.value for cell in rows[1]][0] == "Friends of Hội An" and len(rows) == 2
    rows = _workbook(client.get(reverse("ngo_aid:meetings_export"), {"q": "hoi an"}))
    values = [cell.value for cell in rows[1]]
    assert values[0].date() == datetime.date(2026, 11, 2) and len(rows) == 2
    assert values[1:4] == ["Gặp mặt Hội An", meeting.get_level_display(), "Friends of Hội An"]
    rows = _workbook(client.get(reverse("the_abtc:cards_export")))
    assert [cell.value for cell in rows[0]][:2] == ["Số thẻ ABTC", "Họ và tên"]
    assert (
        'data-testid="list-total">Tổng số: 0'
        in client.get(reverse("the_abtc:cards")).content.decode()
    )
