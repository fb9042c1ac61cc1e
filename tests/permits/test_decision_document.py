"""The decision sending a delegation abroad (Quyết định cử đoàn), read back with python-docx.

lan (unit A, Sở Công Thương) drafted the trip; chu (Chairman) or pho (Vice-Chairman)
signs; the focal agency is the Sở Ngoại vụ of tỉnh Bình Định.
"""

import datetime
import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from permits import documents
from permits.documents import (
    Issuer,
    decision_docx,
    long_date_vi,
    province_names,
    signature_block,
)

from .factories_trips import make_trip

pytestmark = pytest.mark.django_db

SIGNED_ON = datetime.date(2026, 2, 5)


def read(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


def lines(document) -> list[str]:
    """Return every paragraph's text, tables included, in document order."""
    found = []
    body = document.element.body
    for block in body.iterchildren():
        if block.tag.endswith("}p"):
            found.append(docx.text.paragraph.Paragraph(block, document).text)
        elif block.tag.endswith("}tbl"):
            table = docx.table.Table(block, document)
            for row in table.rows:
                for cell in row.cells:
                    found.extend(p.text for p in cell.paragraphs)
    return [line for line in found if line.strip()]


def text(document) -> str:
    return "\n".join(lines(document))


@pytest.fixture
def trip(province, unit_a, lan, minh):
    return make_trip(
        unit_a,
        lan,
        members=[
            minh,
            {"full_name": "Nguyễn Văn Bình", "delegation_role": "deputy_head"},
            {"full_name": "Trần Thị Cúc", "position": "Chuyên viên", "unit_name": "Sở Tài chính"},
        ],
        countries=["JP", "KR"],
        start_date=datetime.date(2026, 3, 9),
        end_date=datetime.date(2026, 3, 14),
        purpose_detail="Làm việc với các nhà đầu tư",
        reference="DR-2026-007",
    )


@pytest.fixture
def decision(trip, chu):
    return read(decision_docx(trip, number="05/QĐ-UBND", signed_on=SIGNED_ON, signer=chu))


# -- dates, names and signatures ------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (datetime.date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (datetime.date(2026, 1, 31), "ngày 31 tháng 01 năm 2026"),
        (datetime.date(2026, 7, 4), "ngày 04 tháng 7 năm 2026"),
        (datetime.date(2026, 12, 25), "ngày 25 tháng 12 năm 2026"),
    ],
)
def test_long_dates_pad_days_below_ten_and_january_and_february(day, written):
    assert long_date_vi(day) == written


@pytest.mark.parametrize(
    ("name", "upper", "place"),
    [
        ("tỉnh Bình Định", "TỈNH BÌNH ĐỊNH", "Bình Định"),
        ("Tỉnh  Gia Lai", "TỈNH GIA LAI", "Gia Lai"),
        ("thành phố Đà Nẵng", "THÀNH PHỐ ĐÀ NẴNG", "Đà Nẵng"),
        ("Lâm Đồng", "TỈNH LÂM ĐỒNG", "Lâm Đồng"),
    ],
)
def test_province_names_give_the_issuer_line_and_the_place(name, upper, place):
    names = province_names(name)
    assert (names.upper, names.place) == (upper, place)


def test_the_chairman_signs_his_own_decision_chu_tich_alone(chu):
    assert signature_block(chu, issuer=Issuer.CHAIRMAN) == ("CHỦ TỊCH",)


def test_a_vice_chairman_signs_the_chairmans_decision_kt(pho):
    assert signature_block(pho, issuer=Issuer.CHAIRMAN) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_the_chairman_signs_for_the_committee_tm(chu):
    assert signature_block(chu, issuer=Issuer.COMMITTEE) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")


def test_a_vice_chairman_signs_for_the_committee_tm_and_kt(pho):
    assert signature_block(pho, issuer=Issuer.COMMITTEE) == (
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    )


@pytest.mark.parametrize("issuer", list(Issuer))
def test_nobody_else_may_sign(minh, issuer):
    with pytest.raises(ValidationError):
        signature_block(minh, issuer=issuer)


# -- the document ---------------------------------------------------------------------


def test_the_heading_has_issuer_number_motto_and_place_date(decision):
    heading = decision.tables[0]
    left, right = (cell.text for cell in heading.rows[0].cells)
    assert "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH" in left
    assert "Số: 05/QĐ-UBND" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" in right
    assert "Bình Định, ngày 05 tháng 02 năm 2026" in right


def test_the_title_and_authority_come_before_the_legal_bases(decision):
    body = lines(decision)
    title = body.index("QUYẾT ĐỊNH")
    assert body[title + 1] == "Về việc cử đoàn cán bộ đi công tác nước ngoài"
    assert body[title + 2] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH"
    assert body[title + 3].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    proposal = body[body.index("QUYẾT ĐỊNH:") - 1]
    assert proposal == "Theo đề nghị của Giám đốc Sở Ngoại vụ."  # no tờ trình given
    assert "DR-2026-007" not in text(decision)  # not the internal file code


def test_article_one_sends_the_delegation_to_its_countries_on_its_dates(decision):
    article = next(line for line in lines(decision) if line.startswith("Điều 1."))
    assert "gồm 03 thành viên" in article
    assert "do đồng chí Lê Quang Minh, Giám đốc Sở, làm Trưởng đoàn" in article
    assert "Nhật Bản và Hàn Quốc (Tokyo, Osaka)" in article
    assert "từ ngày 09/03/2026 đến ngày 14/03/2026" in article
    body = text(decision)
    assert "Mục đích chuyến đi: Xúc tiến đầu tư: Làm việc với các nhà đầu tư." in body
    assert "Kinh phí: Ngân sách nhà nước; dự toán 250.000.000 VND." in body


def test_country_names_are_vietnamese_whatever_the_active_language(trip, chu):
    with translation.override("en"):
        content = decision_docx(trip, number="05/QĐ-UBND", signed_on=SIGNED_ON, signer=chu)
    body = text(read(content))
    assert "Nhật Bản và Hàn Quốc" in body
    assert "Ngân sách nhà nước" in body


def test_article_three_names_who_carries_it_out(decision):
    assert (
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký." in text(decision)
        and "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Ngoại vụ, Thủ trưởng Sở Công Thương và "
        "các thành viên có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
        in text(decision)
    )


def test_a_committee_office_as_focal_agency_has_no_director(trip, chu, province):
    province.focal_agency.name = "Văn phòng Ủy ban nhân dân tỉnh"
    province.focal_agency.save()
    body = text(read(decision_docx(trip, number="05/QĐ-UBND", signed_on=SIGNED_ON, signer=chu)))
    assert "Chánh Văn phòng UBND tỉnh, Thủ trưởng Sở Công Thương và các thành viên" in body
    assert "Giám đốc Văn phòng" not in body


def test_the_member_list_has_every_member_and_their_roles(decision):
    table = decision.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Ghi chú"],
        ["1", "Lê Quang Minh", "Giám đốc Sở", "Sở Công Thương", "Trưởng đoàn"],
        ["2", "Nguyễn Văn Bình", "Chuyên viên", "Sở Công Thương", "Phó trưởng đoàn"],
        ["3", "Trần Thị Cúc", "Chuyên viên", "Sở Tài chính", ""],
    ]
    body = lines(decision)
    assert "DANH SÁCH ĐOÀN" in body
    assert (
        "(Kèm theo Quyết định số 05/QĐ-UBND ngày 05/02/2026 của Chủ tịch Ủy ban nhân dân "
        "tỉnh Bình Định)" in body
    )


def test_the_chairman_signs_his_decision_chu_tich(decision, chu):
    signature = decision.tables[1].rows[0].cells[1]
    assert [p.text for p in signature.paragraphs if p.text] == ["CHỦ TỊCH", "Phạm Anh Tuấn"]
    assert "TM. ỦY BAN NHÂN DÂN" not in text(decision)
    recipients = decision.tables[1].rows[0].cells[0].text
    assert recipients.startswith("Nơi nhận:\n- Như Điều 3;")


def test_a_vice_chairman_signs_kt(trip, pho):
    content = decision_docx(trip, number="12/QĐ-UBND", signed_on=SIGNED_ON, signer=pho)
    signature = read(content).tables[1].rows[0].cells[1]
    assert [p.text for p in signature.paragraphs if p.text] == [
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lâm Hải Giang",
    ]
    assert "TM. ỦY BAN NHÂN DÂN" not in text(read(content))


def test_the_text_is_times_new_roman_13_to_14_points(decision):
    sizes = set()
    for paragraph in decision.paragraphs:
        for run in paragraph.runs:
            if run.text.strip():
                assert run.font.name == documents.FONT
                sizes.add(run.font.size.pt)
    assert sizes <= {13.0, 14.0}
    section = decision.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
