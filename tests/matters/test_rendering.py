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
from types import SimpleNamespace

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


def test_every_other_documents_motto_and_date_each_fit_on_one_line(
    render, trip, chu, province, focal_agency
):
    """The tờ trình, the plan, the report and the amending decision: the same heading."""
    from django.contrib.contenttypes.models import ContentType

    from matters.change_document import change_decision_docx
    from matters.models import Issuance
    from matters.submission_document import submission_docx
    from plans.documents import plan_docx
    from reports import figures
    from reports.documents import report_docx

    province.name = "thành phố Hồ Chí Minh"
    province.save()
    day = datetime.date(2026, 12, 25)
    kind = ContentType.objects.get_for_model(trip)
    first = Issuance.objects.create(
        matter_type=kind, matter_id=trip.pk, doc_type="QĐ", number="1889/QĐ-UBND",
        sequence=1889, year=2026, issued_on=datetime.date(2026, 2, 5),
    )  # fmt: skip
    change = Issuance.objects.create(
        matter_type=kind, matter_id=trip.pk, purpose="amendment", doc_type="QĐ", amends=first,
        changes={"end_date": "2026-03-20"}, submission_number="15/TTr-SNV", submission_date=day,
        summary="Tóm tắt", proposal="Đề xuất",
    )  # fmt: skip
    item = {
        "kind": "outbound", "unit": "Sở Công Thương", "title": "Xúc tiến thương mại",
        "countries": ["JP"], "period": "Quý II", "size": 5, "estimated_cost": "300000000.00",
        "party_managed": False,
    }  # fmt: skip
    documents = {
        "to-trinh": submission_docx(trip, change),
        "dieu-chinh": change_decision_docx(
            trip, change, number="1901/QĐ-UBND", day=day, signer=chu
        ),
        "ke-hoach": plan_docx(
            SimpleNamespace(year=2026),
            number="1890/KH-UBND",
            day=day,
            items=[item],
            approver=chu,
            supplement=False,
        ),  # fmt: skip
        "bao-cao": report_docx(
            figures.full_report(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)), today=day
        ),
    }
    for name, content in documents.items():
        text = render(content, name)
        assert _one_line(text, MOTTO), name
        assert _one_line(text, "Hồ Chí Minh, ngày 25 tháng 12 năm 2026"), name


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


# -- a PDF beside every Word file: the draft, the tờ trình, ABTC and NGO aid decisions ----


def _pdf_download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return response


def test_the_draft_and_the_submission_download_as_pdf_beside_the_word_files(
    client, trip, pho, hoa, lan
):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from matters.models import Issuance

    _require_tools()
    trip.approver = pho
    trip.status = "approved"
    trip.save()
    document = Issuance.objects.create(
        matter_type=ContentType.objects.get_for_model(trip),
        matter_id=trip.pk,
        doc_type="QĐ",
        submission_number="15/TTr-SNV",
        submission_date=SIGNED_ON,
        summary="Tóm tắt",
        proposal="Đề xuất",
        approved_at=timezone.now(),
    )
    client.force_login(hoa)
    page = client.get(trip.get_absolute_url()).content.decode()
    for name in ("issuance_draft_pdf", "issuance_submission_pdf"):
        assert reverse(name, args=[document.pk]) in page, name
    response = _pdf_download(client, reverse("issuance_draft_pdf", args=[document.pk]))
    assert 'filename="Du-thao-' in response["Content-Disposition"]
    response = _pdf_download(client, reverse("issuance_submission_pdf", args=[document.pk]))
    assert 'filename="To-trinh-15-' in response["Content-Disposition"]
    kinds = list(
        Entry.objects.filter(action=audit.Action.FILE_DOWNLOADED).values_list(
            "payload__kind", "payload__format"
        )
    )
    assert kinds[-2:] == [("draft", "pdf"), ("submission", "pdf")]
    # The unit reads its draft, not the tờ trình (it summarises the police's reasons).
    client.force_login(lan)
    assert client.get(reverse("issuance_draft_pdf", args=[document.pk])).status_code == 200
    url = reverse("issuance_submission_pdf", args=[document.pk])
    assert client.get(url).status_code == 404


def test_the_abtc_and_aid_decisions_download_as_pdf_beside_the_word_files(
    client, province, unit_a, lan, pho
):
    _require_tools()
    from decimal import Decimal

    from abtc.models import AbtcRequest
    from ngo_aid.models import AidProject, ForeignNGO

    common = {"unit": unit_a, "submitted_by": lan, "status": "issued", "approver": pho}
    issued = {"decision_number": "1889/QĐ-UBND", "decision_date": SIGNED_ON}
    abtc = AbtcRequest.objects.create(
        reference="AB-T-00009",
        enterprise_code="4100123456",
        established_on=datetime.date(2015, 6, 1),
        address="12 Trần Hưng Đạo",
        legal_representative="Trần Thị Bình",
        business_lines="Thủy sản",
        apec_partners="Hợp đồng 2025/JP-07",
        economies=["JP"],
        **common,
        **issued,
    )
    aid = AidProject.objects.create(
        reference="VT-T-00009",
        donor=ForeignNGO.objects.create(name="Children of Vietnam", country="US"),
        title="Nước sạch cho trường học",
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2027, 3, 1),
        currency="USD",
        amount=Decimal("50000"),
        amount_usd=Decimal("50000"),
        **common,
        **{**issued, "decision_number": "1890/QĐ-UBND"},
    )
    client.force_login(lan)
    for matter, name in ((abtc, "abtc_decision_pdf"), (aid, "ngo_aid_decision_pdf")):
        url = reverse(name, args=[matter.pk])
        assert url in client.get(matter.get_absolute_url()).content.decode(), name
        response = _pdf_download(client, url)
        assert 'filename="' in response["Content-Disposition"]


def test_the_plan_and_its_draft_download_as_pdf_beside_the_word_files(client, province, hoa, pho):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from matters.models import Issuance
    from plans.models import Round, Version

    _require_tools()
    item = {
        "kind": "outbound",
        "unit": "Sở Công Thương",
        "title": "Xúc tiến thương mại tại Nhật Bản",
        "countries": ["JP"],
        "period": "Quý II",
        "size": 5,
        "estimated_cost": "300000000.00",
        "party_managed": False,
    }
    plan_round = Round.objects.create(
        year=2026,
        deadline=datetime.date(2026, 1, 31),
        opened_by=hoa,
        opened_at=timezone.now(),
        status=Round.Status.SIGNING,
        approver=pho,
    )
    version = Version.objects.create(
        round=plan_round,
        number=1,
        plan_number="1890/KH-UBND",
        plan_date=SIGNED_ON,
        approver=pho,
        approved_at=timezone.now(),
        items=[item],
    )
    Issuance.objects.create(
        matter_type=ContentType.objects.get_for_model(plan_round),
        matter_id=plan_round.pk,
        doc_type="KH",
        approved_at=timezone.now(),
    )
    client.force_login(hoa)
    page = client.get(reverse("plans:round", args=[plan_round.pk])).content.decode()
    for name, pk in (("plans:draft_pdf", plan_round.pk), ("plans:document_pdf", version.pk)):
        url = reverse(name, args=[pk])
        assert url in page, name
        response = _pdf_download(client, url)
        assert 'filename="' in response["Content-Disposition"]
    entry = Entry.objects.filter(action=audit.Action.FILE_DOWNLOADED).latest("pk")
    assert entry.payload["format"] == "pdf"


def test_the_report_downloads_as_pdf_beside_the_word_file(client, province, hoa):
    from reports.models import ReportDraft

    _require_tools()
    client.force_login(hoa)
    response = client.post(
        reverse("reports:drafts"), {"date_from": "01/01/2026", "date_to": "30/06/2026"}
    )
    assert response.status_code == 302
    report = ReportDraft.objects.get()
    page = client.get(reverse("reports:draft", args=[report.pk])).content.decode()
    url = reverse("reports:draft_pdf", args=[report.pk])
    assert url in page
    response = _pdf_download(client, url)
    assert 'filename="Bao-cao-' in response["Content-Disposition"]
    entry = Entry.objects.filter(action=audit.Action.FILE_DOWNLOADED).latest("pk")
    assert entry.payload["format"] == "pdf"
