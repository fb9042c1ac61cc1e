"""Every document the system generates, read back from its .docx (issue #20, Decree 30).

One table of builders: the trip decision, the visit, conference and agreement letters,
the NGO aid and ABTC decisions, the amending and cancelling decisions, the annual plan,
the report and the focal agency's tờ trình. Each is built signed by the Chairman and by a
Vice-Chairman, and as a draft, and checked for what Decree 30 asks of every document:
the signature block from issuer and signer, A4 and margins, page numbers from page 2,
the block kept together, paragraphs spaced at least 6 pt, the body ending "./.", the
archive line naming the drafting unit, the tờ trình cited and the first basis an
instrument.
"""

import datetime
import io
from decimal import Decimal
from types import SimpleNamespace

import docx
import pytest
from django.contrib.contenttypes.models import ContentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from abtc.documents import decision_docx as abtc_decision_docx
from abtc.models import AbtcRequest, Manager
from agreements.documents import approval_letter_docx as agreement_letter_docx
from conferences.documents import approval_letter_docx as conference_letter_docx
from matters.change_document import change_decision_docx
from matters.models import Issuance
from matters.submission_document import submission_docx
from ngo_aid.documents import decision_docx as ngo_decision_docx
from ngo_aid.models import AidProject, ForeignNGO
from permits.documents import decision_docx as trip_decision_docx
from permits.visit_documents import approval_letter_docx as visit_letter_docx
from plans.documents import plan_docx
from reports import figures
from reports.documents import report_docx
from tests.permits.factories_trips import make_trip
from tests.reports.helpers import make_agreement, make_conference, make_visit

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 2, 5)
SUBMISSION = SimpleNamespace(number="15/TTr-SNV", date=datetime.date(2026, 2, 2))
CITED = "Theo đề nghị của Giám đốc Sở Ngoại vụ tại Tờ trình số 15/TTr-SNV ngày 02 tháng 02 năm 2026"
CHAIRMANS = ("CHỦ TỊCH",)
VICE = ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
TM = ("TM. ỦY BAN NHÂN DÂN",)


def read(content: bytes):
    return docx.Document(io.BytesIO(content))


def closing_table(document):
    return next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text)


def block(document) -> list[str]:
    return [p.text for p in closing_table(document).rows[0].cells[1].paragraphs if p.text]


def body_before_closing(document) -> list:
    """The body's paragraphs, up to the closing table."""
    closing = closing_table(document)._tbl
    paragraphs = []
    for element in document.element.body.iterchildren():
        if element is closing:
            break
        if element.tag == qn("w:p"):
            paragraphs.append(docx.text.paragraph.Paragraph(element, document))
    return paragraphs


# -- the documents ----------------------------------------------------------------------


@pytest.fixture
def matters(province, unit_a, lan, minh):
    """One matter of each kind, approved, with what its document reads."""
    trip = make_trip(unit_a, lan, members=[minh], countries=["JP"], status="approved")
    visit = make_visit(unit_a, lan, title="Đoàn tỉnh Gyeonggi")
    conference = make_conference(unit_a)
    agreement = make_agreement(unit_a, lan, status="approved", signed_on=None)
    donor = ForeignNGO.objects.create(name="Children of Vietnam", country="US")
    aid = AidProject.objects.create(
        reference="VT-T-00001",
        unit=unit_a,
        donor=donor,
        submitted_by=lan,
        title="Nước sạch cho trường học",
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2027, 3, 1),
        currency="USD",
        amount=Decimal("50000"),
        amount_usd=Decimal("50000"),
        status="approved",
    )
    abtc = AbtcRequest.objects.create(
        reference="AB-T-00001",
        unit=unit_a,
        submitted_by=lan,
        enterprise_code="4100123456",
        established_on=datetime.date(2015, 6, 1),
        address="12 Trần Hưng Đạo",
        legal_representative="Trần Thị Bình",
        business_lines="Thủy sản",
        apec_partners="Hợp đồng 2025/JP-07",
        economies=["JP", "KR"],
        status="approved",
    )
    manager = Manager(
        request=abtc,
        full_name="Hoàng Văn Phong",
        date_of_birth=datetime.date(1975, 3, 12),
        position="Tổng Giám đốc",
        approved=True,
    )
    manager.passport_number = "C1234567"
    manager.save()
    return SimpleNamespace(
        trip=trip, visit=visit, conference=conference, agreement=agreement, aid=aid, abtc=abtc
    )


def _changes(matters, purpose, signer, number, day, submission):
    trip = matters.trip
    kind = ContentType.objects.get_for_model(trip)
    first = Issuance.objects.create(
        matter_type=kind,
        matter_id=trip.pk,
        doc_type="QĐ",
        number="1889/QĐ-UBND",
        sequence=1889,
        year=2026,
        issued_on=datetime.date(2026, 1, 20),
    )
    change = Issuance.objects.create(
        matter_type=kind,
        matter_id=trip.pk,
        purpose=purpose,
        doc_type="QĐ",
        amends=first,
        changes={"end_date": "2026-03-20"},
        reason="Đối tác đổi lịch",
        submission_number=submission.number if submission else "",
        submission_date=submission.date if submission else None,
    )
    return change_decision_docx(trip, change, number=number, day=day, signer=signer)


def _plan(signer, number, day, submission):
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
    plan_round = SimpleNamespace(year=2026)
    return plan_docx(
        plan_round, number=number, day=day, items=[item], approver=signer, supplement=False
    )


def _report(province, signer):
    province.foreign_affairs_leader = signer
    province.save()
    return report_docx(
        figures.full_report(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)), today=DAY
    )


#: name → (issuer's lines above the signer's, cites a tờ trình, has "Căn cứ", build)
#: build(matters, province, signer, number, day, submission) → .docx bytes
DOCUMENTS = {
    "trip decision": (
        (),
        True,
        True,
        lambda m, p, s, n, d, t: trip_decision_docx(
            m.trip, number=n, signed_on=d, signer=s, submission=t
        ),
    ),
    "visit letter": (
        TM,
        True,
        False,
        lambda m, p, s, n, d, t: visit_letter_docx(
            m.visit, number=n, date=d, signer=s, submission=t
        ),
    ),
    "conference letter": (
        TM,
        True,
        False,
        lambda m, p, s, n, d, t: conference_letter_docx(
            m.conference, number=n, date=d, signer=s, submission=t
        ),
    ),
    "agreement letter": (
        TM,
        True,
        False,
        lambda m, p, s, n, d, t: agreement_letter_docx(
            m.agreement, number=n, date=d, signer=s, submission=t
        ),
    ),
    "NGO aid decision": (
        (),
        True,
        True,
        lambda m, p, s, n, d, t: ngo_decision_docx(m.aid, number=n, date=d, signer=s, submission=t),
    ),
    "ABTC decision": (
        (),
        True,
        True,
        lambda m, p, s, n, d, t: abtc_decision_docx(
            m.abtc, number=n, date=d, signer=s, submission=t
        ),
    ),
    "amending decision": (
        (),
        True,
        True,
        lambda m, p, s, n, d, t: _changes(m, "amendment", s, n, d, t),
    ),
    "cancelling decision": (
        (),
        True,
        True,
        lambda m, p, s, n, d, t: _changes(m, "cancellation", s, n, d, t),
    ),
    "annual plan": (TM, False, False, lambda m, p, s, n, d, t: _plan(s, n, d, t)),
    "report": (TM, False, False, lambda m, p, s, n, d, t: _report(p, s)),
}


def number_for(name) -> str:
    return {"annual plan": "1890/KH-UBND"}.get(
        name, "1889/QĐ-UBND" if "decision" in name else "1891/UBND-NC"
    )


@pytest.fixture(params=list(DOCUMENTS))
def each(request, matters, province, chu, pho):
    """Return (name, build(signer) → document, issuer lines, cites, has bases)."""
    name = request.param
    issuer, cites, bases, build = DOCUMENTS[name]

    def built(signer, *, draft=False):
        number, day = (None, None) if draft else (number_for(name), DAY)
        return read(build(matters, province, signer, number, day, SUBMISSION))

    return SimpleNamespace(name=name, build=built, issuer=issuer, cites=cites, bases=bases)


# -- what every document shows ------------------------------------------------------------


def test_the_signature_block_follows_issuer_and_signer(each, chu, pho):
    assert block(each.build(chu)) == [*each.issuer, *CHAIRMANS, chu.get_full_name()], each.name
    assert block(each.build(pho)) == [*each.issuer, *VICE, pho.get_full_name()], each.name


def test_a4_margins_and_page_numbers_from_the_second_page(each, chu):
    section = each.build(chu).sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.cm, 1) for m in margins] == [2.0, 2.0, 3.0, 2.0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [n.text.strip() for n in header._p.iter(qn("w:instrText"))] == ["PAGE"]


def test_the_block_is_kept_together_with_the_end_of_the_body(each, chu):
    document = each.build(chu)
    row = closing_table(document).rows[0]
    assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    last = [p for p in body_before_closing(document) if p.text.strip()][-1]
    following = body_before_closing(document)[-1]
    assert following.paragraph_format.keep_with_next, each.name
    assert last.paragraph_format.keep_with_next or last._p is not following._p
    for cell in row.cells:
        for paragraph in cell.paragraphs[:-1]:
            assert paragraph.paragraph_format.keep_with_next


def test_body_paragraphs_are_spaced_at_least_6_pt(each, chu):
    justified = [
        p
        for p in each.build(chu).paragraphs
        if p.text.strip() and p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    ]
    assert justified, each.name
    for paragraph in justified:
        layout = paragraph.paragraph_format
        assert (layout.space_before or 0) + (layout.space_after or 0) >= Pt(6), paragraph.text


def test_the_body_ends_dot_slash_dot_and_the_archive_names_the_drafting_unit(each, chu, province):
    document = each.build(chu)
    last = [p.text for p in body_before_closing(document) if p.text.strip()][-1]
    assert last.endswith("./."), (each.name, last)
    assert closing_table(document).rows[0].cells[0].text.endswith("- Lưu: VT, NC."), each.name
    province.drafting_unit_abbreviation = "SNgV"
    province.save()
    recipients = closing_table(each.build(chu)).rows[0].cells[0].text
    assert recipients.endswith("- Lưu: VT, SNgV."), each.name


def test_the_submission_is_cited_and_the_first_basis_is_an_instrument(each, chu):
    text = "\n".join(p.text for p in each.build(chu).paragraphs)
    if each.cites:
        assert CITED in text or CITED[:1].lower() + CITED[1:] in text, each.name
    if each.bases:
        lines = [p.text for p in each.build(chu).paragraphs]
        first = next(line for line in lines if line.startswith("Căn cứ"))
        assert first == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"


def test_a_draft_leaves_number_and_date_blank_and_no_name(each):
    if each.name == "report":
        pytest.skip("the report's draft is built by reports (tests/reports/test_report_draft.py)")
    document = each.build(None, draft=True)
    left, right = (cell.text for cell in document.tables[0].rows[0].cells)
    assert "Số:       /" in left, each.name
    assert "ngày      tháng      năm 2026" in right, each.name
    assert block(document) == [*each.issuer, *CHAIRMANS], each.name


# -- the symbol: the draft's is the register's ------------------------------------------


def _number_cell(document) -> str:
    return document.tables[0].rows[0].cells[0].text


def test_a_letters_symbol_names_the_drafting_unit_in_the_draft_and_the_register(
    matters, province, peoples_committee
):
    """Decree 30, Phụ lục III: a công văn's symbol is the issuer and the drafting unit,
    the same unit as in "Lưu: VT, …"; the draft shows the symbol the register gives."""
    from matters import issuance

    assert issuance.symbol("CV", peoples_committee) == "UBND-NC"
    province.drafting_unit_abbreviation = "VX"
    province.save()
    assert issuance.symbol("CV", peoples_committee) == "UBND-VX"
    draft = read(visit_letter_docx(matters.visit, number=None, date=None, signer=None))
    assert "Số:       /UBND-VX" in _number_cell(draft)
    assert closing_table(draft).rows[0].cells[0].text.endswith("- Lưu: VT, VX.")


def test_a_symbol_configured_for_the_province_is_the_drafts_too(
    matters, settings, peoples_committee
):
    from matters import issuance

    settings.DOCUMENT_REGISTER = {
        "QĐ": {"symbol": "QĐ-CT"},  # a province that writes its Chairman's decisions so
        "CV": {"symbol": "{issuer}-NgV"},
    }
    assert issuance.symbol("CV", peoples_committee) == "UBND-NgV"
    for content, symbol in (
        (visit_letter_docx(matters.visit, number=None, date=None, signer=None), "UBND-NgV"),
        (agreement_letter_docx(matters.agreement, number=None, date=None, signer=None), "UBND-NgV"),
        (trip_decision_docx(matters.trip, number=None, signed_on=None, signer=None), "QĐ-CT"),
        (abtc_decision_docx(matters.abtc, number=None, date=None, signer=None), "QĐ-CT"),
    ):
        document = read(content)
        assert f"Số:       /{symbol}" in _number_cell(document)
        annex = [p.text for p in document.paragraphs if p.text.startswith("(Kèm theo")]
        assert all(f"/{symbol} ngày" in line for line in annex), annex


# -- the focal agency's submission (tờ trình) -------------------------------------------


def _submission(matters, focal_agency):
    trip = matters.trip
    issuance = Issuance.objects.create(
        matter_type=ContentType.objects.get_for_model(trip),
        matter_id=trip.pk,
        doc_type="QĐ",
        submission_number="15/TTr-SNV",
        submission_date=datetime.date(2026, 2, 2),
        summary="Sở Công Thương đề nghị cử đoàn.",
        proposal="Kính đề nghị Ủy ban nhân dân tỉnh xem xét, ban hành quyết định.",
    )
    return read(submission_docx(trip, issuance))


def test_the_submission_is_the_focal_agencys_in_the_same_layout(matters, focal_agency):
    document = _submission(matters, focal_agency)
    left, _right = (cell.text for cell in document.tables[0].rows[0].cells)
    assert "SỞ NGOẠI VỤ" in left and "Số: 15/TTr-SNV" in left
    assert block(document) == ["GIÁM ĐỐC"]
    assert (
        closing_table(document).rows[0].cells[0].text.endswith(f"- Lưu: VT, {focal_agency.code}.")
    )
    last = [p.text for p in body_before_closing(document) if p.text.strip()][-1]
    assert last.endswith("./.")
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert [n.text.strip() for n in section.header.paragraphs[0]._p.iter(qn("w:instrText"))] == [
        "PAGE"
    ]
    assert closing_table(document).rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_a_submission_to_cancel_names_the_document_it_cancels(matters, focal_agency):
    trip = matters.trip
    kind = ContentType.objects.get_for_model(trip)
    first = Issuance.objects.create(
        matter_type=kind, matter_id=trip.pk, doc_type="QĐ", number="1889/QĐ-UBND",
        sequence=1889, year=2026, issued_on=datetime.date(2026, 1, 20),
    )  # fmt: skip
    change = Issuance.objects.create(
        matter_type=kind, matter_id=trip.pk, purpose="cancellation", doc_type="QĐ", amends=first,
        submission_number="16/TTr-SNV", submission_date=DAY, summary="Hủy", proposal="Hủy bỏ.",
    )  # fmt: skip
    lines = [p.text for p in read(submission_docx(trip, change)).paragraphs if p.text.strip()]
    assert "2. Văn bản đề nghị hủy bỏ: số 1889/QĐ-UBND ngày 20/01/2026." in lines
    assert f"Về việc ban hành quyết định hủy bỏ: {trip.title}" in lines


def test_a_submission_of_the_committees_office_is_signed_by_its_chief(matters, focal_agency):
    focal_agency.name = "Văn phòng Ủy ban nhân dân tỉnh"
    focal_agency.save()
    document = _submission(matters, focal_agency)
    assert block(document) == ["CHÁNH VĂN PHÒNG"]


# -- the date guard: no document after the matter's last day, whatever the kind ------------


@pytest.mark.parametrize("kind", ["visit", "conference", "trip"])
def test_no_document_is_registered_after_the_matters_last_day(matters, kind, van):
    from django.core.exceptions import ValidationError
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from matters import issuance

    matter = getattr(matters, kind)
    end = matter.end_date
    document = Issuance.objects.create(
        matter_type=ContentType.objects.get_for_model(matter),
        matter_id=matter.pk,
        doc_type=matter.document_type,
        approved_at=timezone.now() - datetime.timedelta(days=400),
        signed_on=end - datetime.timedelta(days=3),
    )
    document.signed_file.save("signed.pdf", ContentFile(b"%PDF-1.4"), save=True)
    with pytest.raises(ValidationError) as refused:
        issuance.register(matter, actor=van, issued_on=end + datetime.timedelta(days=1), sequence=7)
    assert "Không thể ban hành văn bản sau ngày kết thúc của hồ sơ" in str(refused.value)
    assert issuance.pending(matter).sequence is None
    matter.refresh_from_db()
    assert matter.status == "approved" and not matter.decision_number
    registered = issuance.register(matter, actor=van, issued_on=end, sequence=7)
    assert registered.number.startswith("7/")
