"""The Decree 30/2020 parts every generated document shares, read back from the .docx.

The trip decision is the Chairman's own (heading "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ..."),
the visit and conference letters and the report are the People's Committee's: the
signature block follows from issuer and signer. chu is the Chairman, pho a
Vice-Chairman; the focal agency is the Sở Ngoại vụ of tỉnh Bình Định.
"""

import datetime
import io
from types import SimpleNamespace

import docx
import pytest
from docx.oxml.ns import qn

from conferences.documents import approval_letter_docx as conference_letter_docx
from matters import documents as doc
from permits.documents import decision_docx
from permits.visit_documents import approval_letter_docx
from reports import figures
from reports.documents import report_docx
from tests.permits.factories_trips import make_trip
from tests.reports.helpers import make_conference, make_visit

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 2, 5)
SUBMISSION = SimpleNamespace(number="15/TTr-SNgV", date=datetime.date(2026, 2, 2))


def read(content: bytes):
    return docx.Document(io.BytesIO(content))


def body_lines(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def signature(document) -> list[str]:
    """The lines of the signature block: the right cell of the closing table."""
    closing = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    return [p.text for p in closing.rows[0].cells[1].paragraphs if p.text]


def closing_table(document):
    return next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text)


@pytest.fixture
def trip(province, unit_a, lan, minh):
    return make_trip(
        unit_a,
        lan,
        members=[minh],
        countries=["US", "IS"],
        start_date=datetime.date(2026, 3, 9),
        end_date=datetime.date(2026, 3, 14),
    )


@pytest.fixture
def visit(province, unit_a, lan, chu):
    return make_visit(
        unit_a,
        lan,
        title="Đoàn Sở Kinh tế tỉnh Gyeonggi",
        decision_number="1234/UBND-NC",
        decision_date=DAY,
        approver=chu,
    )


def decision(trip, signer, **more):
    return read(decision_docx(trip, number="1889/QĐ-UBND", signed_on=DAY, signer=signer, **more))


# -- the signature block: who issues, who signs -----------------------------------------


def test_the_chairmans_decision_is_signed_chu_tich_alone(trip, chu):
    assert signature(decision(trip, chu)) == ["CHỦ TỊCH", "Phạm Anh Tuấn"]


def test_a_vice_chairman_signs_the_chairmans_decision_kt(trip, pho):
    assert signature(decision(trip, pho)) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lâm Hải Giang"]


def test_the_committees_letter_is_signed_tm_by_the_chairman(visit):
    letter = read(approval_letter_docx(visit))
    assert signature(letter) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Anh Tuấn"]
    assert "Ủy ban nhân dân tỉnh có ý kiến như sau:" in "\n".join(body_lines(letter))


def test_the_committees_letter_is_signed_tm_kt_by_a_vice_chairman(visit, pho):
    letter = read(approval_letter_docx(visit, signer=pho))
    assert signature(letter) == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lâm Hải Giang",
    ]


def test_the_conference_letter_is_the_committees(province, unit_a, pho):
    conference = make_conference(
        unit_a, decision_number="77/UBND-NC", decision_date=DAY, approver=pho
    )
    letter = read(conference_letter_docx(conference))
    assert signature(letter)[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert body_lines(letter)[-1].endswith("./.")


def test_the_report_is_the_committees(province):
    report = figures.full_report(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    document = read(report_docx(report, today=DAY))
    assert signature(document) == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lâm Hải Giang",
    ]
    assert "- Lưu: VT, NC." in closing_table(document).rows[0].cells[0].text


# -- the page -------------------------------------------------------------------------


def test_a4_with_decree_30_margins(trip, chu):
    section = decision(trip, chu).sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.top_margin.cm, 1) == 2.0
    assert round(section.bottom_margin.cm, 1) == 2.0
    assert round(section.left_margin.cm, 1) == 3.0
    assert 1.5 <= round(section.right_margin.cm, 1) <= 2.0


def test_pages_are_numbered_from_the_second_centred_at_the_top(trip, chu):
    section = decision(trip, chu).sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.paragraphs[0].text.strip()
    header = section.header.paragraphs[0]
    assert header.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    instructions = [node.text.strip() for node in header._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    assert [f.get(qn("w:fldCharType")) for f in header._p.iter(qn("w:fldChar"))] == [
        "begin",
        "separate",
        "end",
    ]


def test_the_signature_block_and_recipients_stay_together(trip, chu):
    document = decision(trip, chu)
    row = closing_table(document).rows[0]
    assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    # the last paragraph of the body keeps with the block: it never stands alone
    closing = closing_table(document)._tbl
    before = closing.getprevious()
    assert docx.text.paragraph.Paragraph(before, document).paragraph_format.keep_with_next


def test_body_paragraphs_are_spaced_at_least_6_pt(trip, chu, visit):
    for document in (decision(trip, chu), read(approval_letter_docx(visit))):
        justified = [
            p
            for p in document.paragraphs
            if p.text.strip() and p.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY
        ]
        assert len(justified) >= 4
        for paragraph in justified:
            layout = paragraph.paragraph_format
            spacing = (layout.space_before or 0) + (layout.space_after or 0)
            assert spacing >= docx.shared.Pt(6), paragraph.text


def test_the_body_ends_with_dot_slash_dot(trip, chu, visit):
    lines = body_lines(decision(trip, chu))
    last = lines[lines.index("DANH SÁCH ĐOÀN") - 1]
    assert last.endswith("chịu trách nhiệm thi hành Quyết định này./.")
    letter = body_lines(read(approval_letter_docx(visit)))
    assert letter[letter.index("DANH SÁCH KHÁCH") - 1].endswith("(qua Sở Ngoại vụ)./.")


def test_the_archive_line_names_the_drafting_unit(trip, chu, province):
    assert closing_table(decision(trip, chu)).rows[0].cells[0].text.endswith("- Lưu: VT, NC.")
    province.drafting_unit_abbreviation = "SNgV"
    province.save()
    recipients = closing_table(decision(trip, chu)).rows[0].cells[0].text
    assert recipients.endswith("- Lưu: VT, SNgV.")


# -- the preamble -----------------------------------------------------------------------


def test_the_first_basis_cites_the_law_in_force(trip, chu):
    lines = body_lines(decision(trip, chu))
    first = lines[lines.index("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH") + 1]
    assert first == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"


def test_the_submission_is_cited_last(trip, chu):
    lines = body_lines(decision(trip, chu, submission=SUBMISSION))
    assert lines[lines.index("QUYẾT ĐỊNH:") - 1] == (
        "Theo đề nghị của Giám đốc Sở Ngoại vụ tại Tờ trình số 15/TTr-SNgV "
        "ngày 02 tháng 02 năm 2026."
    )
    assert trip.reference not in "\n".join(lines)


def test_without_submission_the_proposal_has_no_number(trip, chu):
    lines = body_lines(decision(trip, chu))
    assert lines[lines.index("QUYẾT ĐỊNH:") - 1] == "Theo đề nghị của Giám đốc Sở Ngoại vụ."


def test_the_letters_cite_the_submission(visit):
    letter = "\n".join(body_lines(read(approval_letter_docx(visit, submission=SUBMISSION))))
    assert (
        "theo đề nghị của Giám đốc Sở Ngoại vụ tại Tờ trình số 15/TTr-SNgV "
        "ngày 02 tháng 02 năm 2026, Ủy ban nhân dân tỉnh có ý kiến như sau:" in letter
    )
    assert visit.reference not in letter


def test_the_party_standing_committees_opinion_is_cited_when_recorded(trip, chu):
    assert "Ban Thường vụ Tỉnh ủy" not in "\n".join(body_lines(decision(trip, chu)))
    trip.party_opinion_number = "1234-CV/TU"
    trip.party_opinion_date = datetime.date(2026, 1, 28)
    lines = body_lines(decision(trip, chu))
    party = lines.index(
        "Căn cứ ý kiến của Ban Thường vụ Tỉnh ủy tại Văn bản số 1234-CV/TU "
        "ngày 28 tháng 01 năm 2026;"
    )
    assert lines[party + 1].startswith("Theo đề nghị của")


def test_a_delegation_called_doan_is_not_doubled(visit):
    letter = read(approval_letter_docx(visit))
    text = "\n".join(body_lines(letter)) + "\n".join(
        p.text for t in letter.tables for c in t._cells for p in c.paragraphs
    )
    assert "đón tiếp đoàn Sở Kinh tế tỉnh Gyeonggi" in text
    assert "đoàn Đoàn" not in text
    assert "V/v cho phép đón tiếp đoàn Sở Kinh tế tỉnh Gyeonggi" in text


def test_official_country_names_in_the_decision(trip, chu):
    article = next(line for line in body_lines(decision(trip, chu)) if line.startswith("Điều 1."))
    assert "Ai-xơ-len và Hoa Kỳ" in article


# -- drafts -----------------------------------------------------------------------------


def test_a_draft_decision_leaves_number_and_date_blank(trip):
    document = read(decision_docx(trip, number=None, signed_on=None, signer=None))
    left, right = (cell.text for cell in document.tables[0].rows[0].cells)
    assert "Số:       /QĐ-UBND" in left
    assert "Bình Định, ngày      tháng      năm 2026" in right
    assert signature(document) == ["CHỦ TỊCH"]
    annex = next(line for line in body_lines(document) if line.startswith("(Kèm theo"))
    assert "Quyết định số       /QĐ-UBND ngày      tháng      năm 2026" in annex


def test_a_draft_letter_leaves_number_and_date_blank(visit):
    document = read(approval_letter_docx(visit, number=None, date=None, signer=None))
    left, right = (cell.text for cell in document.tables[0].rows[0].cells)
    assert "Số:       /UBND-NC" in left
    assert "Bình Định, ngày      tháng      năm 2026" in right
    assert signature(document) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_the_helpers_for_a_draft():
    assert doc.number_line(None, "QĐ-UBND") == "      /QĐ-UBND"
    assert doc.number_line("05/QĐ-UBND", "QĐ-UBND") == "05/QĐ-UBND"
    assert doc.ends("thi hành Quyết định này.") == "thi hành Quyết định này./."
    assert doc.ends("xong./.") == "xong./."
    assert doc.delegation("Đoàn Hà Lan") == "đoàn Hà Lan"
    assert doc.delegation("tỉnh Gyeonggi") == "đoàn tỉnh Gyeonggi"
