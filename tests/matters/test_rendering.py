"""The trip decision and the visit letter rendered by LibreOffice, read back as PDF text.

Runs where LibreOffice (soffice) and poppler (pdftotext, pdftoppm) are installed;
skipped elsewhere, except under CI=true where a missing tool fails the run. With
RENDER_DIR set, the PDFs and a PNG of every page are kept there to look at
(``make render-documents``).
"""

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse

import audit
from audit.models import Entry
from matters.pdf import docx_to_pdf, soffice_path
from permits.documents import decision_docx
from permits.visit_documents import approval_letter_docx
from tests.permits.factories_trips import make_trip
from tests.reports.helpers import make_visit

pytestmark = pytest.mark.django_db

SIGNED_ON = datetime.date(2026, 2, 5)
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def _require_tools():
    missing = [tool for tool in ("pdftotext", "pdftoppm") if shutil.which(tool) is None]
    if soffice_path() is None:
        missing.append("soffice")
    if not missing:
        return
    message = (
        f"{', '.join(missing)} not found "
        "(apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def render(tmp_path, request):
    """Return a function: .docx bytes → the PDF's text laid out (pdftotext -layout)."""
    _require_tools()
    keep = os.environ.get("RENDER_DIR")

    def rendered(content: bytes, name: str) -> str:
        folder = Path(keep) if keep else tmp_path
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.docx").write_bytes(content)
        pdf = folder / f"{name}.pdf"
        pdf.write_bytes(docx_to_pdf(content))
        if keep:
            subprocess.run(["pdftoppm", "-r", "80", "-png", pdf, folder / name], check=True)
        out = subprocess.run(
            ["pdftotext", "-layout", pdf, "-"], check=True, capture_output=True, text=True
        )
        return out.stdout

    return rendered


def _one_line(text: str, wanted: str) -> bool:
    return any(wanted in " ".join(line.split()) for line in text.splitlines())


@pytest.fixture
def trip(province, unit_a, lan, minh):
    return make_trip(
        unit_a,
        lan,
        members=[minh, {"full_name": "Nguyễn Văn Bình", "delegation_role": "deputy_head"}],
        countries=["JP", "KR"],
        start_date=datetime.date(2026, 3, 9),
        end_date=datetime.date(2026, 3, 14),
    )


def test_the_decision_motto_and_date_each_fit_on_one_line(render, trip, pho):
    content = decision_docx(trip, number="1889/QĐ-UBND", signed_on=SIGNED_ON, signer=pho)
    text = render(content, "quyet-dinh")
    assert _one_line(text, MOTTO)
    assert _one_line(text, "Bình Định, ngày 05 tháng 02 năm 2026")
    assert _one_line(text, "KT. CHỦ TỊCH")


def test_a_long_province_name_still_fits_on_one_line(render, trip, chu, province):
    province.name = "thành phố Hồ Chí Minh"
    province.save()
    day = datetime.date(2026, 12, 25)
    text = render(decision_docx(trip, number="1889/QĐ-UBND", signed_on=day, signer=chu), "hcm")
    assert _one_line(text, MOTTO)
    assert _one_line(text, "Hồ Chí Minh, ngày 25 tháng 12 năm 2026")


def test_a_draft_decision_keeps_its_blanks_on_one_line(render, trip):
    text = render(decision_docx(trip, number=None, signed_on=None, signer=None), "du-thao")
    assert _one_line(text, MOTTO)
    assert _one_line(text, "Bình Định, ngày tháng năm 2026")
    assert _one_line(text, "Số: /QĐ-UBND")


def test_the_visit_letter_motto_and_date_each_fit_on_one_line(render, province, unit_a, lan, chu):
    day = datetime.date(2026, 12, 25)
    visit = make_visit(
        unit_a,
        lan,
        title="Đoàn Sở Kinh tế tỉnh Gyeonggi",
        start_date=day,
        end_date=day,
        decision_number="1234/UBND-NC",
        decision_date=day,
        approver=chu,
    )
    text = render(approval_letter_docx(visit), "cong-van")
    assert _one_line(text, MOTTO)
    assert _one_line(text, "Bình Định, ngày 25 tháng 12 năm 2026")
    assert _one_line(text, "TM. ỦY BAN NHÂN DÂN")


# -- the PDF download beside the Word file ----------------------------------------------


@pytest.fixture
def issued_trip(trip, pho):
    trip.decision_number, trip.decision_date, trip.approver = "1889/QĐ-UBND", SIGNED_ON, pho
    trip.save()
    return trip


def test_the_decision_downloads_as_pdf_beside_the_word_file(client, issued_trip, lan):
    _require_tools()
    client.force_login(lan)
    page = client.get(reverse("outbound_trip", args=[issued_trip.pk])).content.decode()
    assert reverse("outbound_decision_pdf", args=[issued_trip.pk]) in page
    response = client.get(reverse("outbound_decision_pdf", args=[issued_trip.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="Quyet-dinh-1889-2026-' in response["Content-Disposition"]
    entry = Entry.objects.filter(action=audit.Action.FILE_DOWNLOADED).latest("pk")
    assert entry.payload["format"] == "pdf"


def test_without_libreoffice_the_pdf_link_explains_and_returns(client, issued_trip, lan, settings):
    settings.SOFFICE_PATH = "/nonexistent/soffice"
    client.force_login(lan)
    response = client.get(reverse("outbound_decision_pdf", args=[issued_trip.pk]), follow=True)
    assert response.redirect_chain[-1][0] == issued_trip.get_absolute_url()
    assert "chưa cài LibreOffice" in response.content.decode()


def test_docx_to_pdf_says_clearly_that_soffice_is_missing(settings):
    settings.SOFFICE_PATH = "/nonexistent/soffice"
    with pytest.raises(ImproperlyConfigured, match="soffice"):
        docx_to_pdf(b"PK")


def test_a_conversion_that_hangs_is_stopped_with_a_message(render, trip):
    with pytest.raises(ValidationError, match="quá thời gian chờ"):
        docx_to_pdf(decision_docx(trip, number=None, signed_on=None, signer=None), timeout=0.01)
