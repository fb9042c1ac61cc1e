"""In the browser: a list's and the registry's "Xuất Excel" download a file, and one click
on "Tải quyết định" is one request and one audit entry (the frontend's link handling
used to fetch it in the background, then again as a navigation)."""

import datetime

import pytest

from audit.models import Entry
from permits.models import OutboundTrip

from ..trips import started_trip

pytestmark = pytest.mark.django_db(transaction=True)


def test_exports_and_a_decision_download_reach_the_browser_once(
    page, log_in, province, unit_a, lan, pho
):
    trip = started_trip(lan, unit_a, title="Hội người Việt tại Đà Nẵng")
    OutboundTrip.objects.filter(pk=trip.pk).update(
        decision_number="12/QĐ-UBND", decision_date=datetime.date(2026, 11, 30), approver=pho
    )
    log_in(lan)

    page.goto("/doan-ra/?q=hoi+nguoi+viet")
    assert page.locator("[data-testid=list-total]").inner_text() == "Tổng số: 1"
    with page.expect_download() as download:
        page.locator("[data-testid=list-export]").click()
    assert download.value.suggested_filename.startswith("danh-sach-doan-ra-")

    page.goto("/thoa-thuan/so-dang-ky/")
    with page.expect_download() as download:
        page.locator("[data-testid=registry-export]").click()
    assert download.value.suggested_filename.startswith("so-dang-ky-thoa-thuan-")

    page.goto(f"/doan-ra/{trip.pk}/")
    # Each GET of the document records one download: the audit trail counts the GETs.
    downloads = Entry.objects.filter(action="file_downloaded")
    before = downloads.count()
    with page.expect_download() as download:
        page.locator("[data-testid=decision-download]").click()
    assert download.value.suggested_filename.endswith(".docx")
    assert downloads.count() == before + 1
