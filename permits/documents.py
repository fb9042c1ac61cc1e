"""The decision sending a delegation abroad (Quyết định cử đoàn), as a Word file.

Layout follows Decree 30/2020/NĐ-CP on administrative documents: A4, Times New Roman
13–14 pt, issuer and number on the left, national motto and place-date on the right,
title and summary (trích yếu), legal bases, articles, recipients (Nơi nhận) beside the
signature block, and the member list (danh sách đoàn) on its own page.

A decision is issued in Vietnamese only: its wording is a legal text, not interface
text, so it is not marked for translation; labels taken from models (funding source,
country names) are rendered with Vietnamese active.
"""

import datetime
import io
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

import workdays
from organizations.models import Province, StaffProfile

from .models import TripMember

FONT = "Times New Roman"
BODY_SIZE = 14
TEXT_WIDTH_CM = 16.0  # A4 (21 cm) less the 3 cm left and 2 cm right margins

DEFAULT_LEGAL_BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Luật Xuất cảnh, nhập cảnh của công dân Việt Nam ngày 22 tháng 11 năm 2019;",
    "Căn cứ quy định về quản lý thống nhất các hoạt động đối ngoại trên địa bàn tỉnh;",
)
PROVINCE_PREFIXES = ("tỉnh ", "thành phố ")

Level = StaffProfile.LeaderLevel
Role = TripMember.DelegationRole


# -- Words and dates ------------------------------------------------------------------


def long_date_vi(day: datetime.date) -> str:
    """Return ``day`` as documents write it: "ngày 05 tháng 02 năm 2026".

    Decree 30/2020 (Appendix I) pads days below 10 and the months 1 and 2 with a zero,
    and only those: "ngày 05 tháng 7 năm 2026".
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def report_due_clause(step_key: str, start: datetime.date, since: str) -> str:
    """Return "trong thời hạn 15 ngày kể từ <since> (chậm nhất ngày 23/03/2026)": the
    period of ``step_key`` and the due date its task and the matter's page show.
    """
    deadline = workdays.deadline_for(step_key)
    due = workdays.due_date(step_key, start)
    return f"trong thời hạn {deadline.label} kể từ {since} (chậm nhất ngày {short_date(due)})"


def signature_block(signer) -> tuple[str, str]:
    """Return the authority and title lines above the name of whoever actually signed.

    The Chairman signs for the collective body ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"); a
    Vice-Chairman signs in the Chairman's place ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH").
    """
    profile = getattr(signer, "profile", None)
    level = profile.leader_level if profile else None
    if level == Level.CHAIRMAN:
        return ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    if level == Level.VICE_CHAIRMAN:
        return ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    raise ValidationError(
        _("Chỉ Chủ tịch hoặc Phó Chủ tịch UBND tỉnh mới được ký văn bản này."),
        code="signer_not_a_leader",
    )


class ProvinceNames(NamedTuple):
    full: str  # "tỉnh Bình Định"
    upper: str  # "TỈNH BÌNH ĐỊNH", for the issuer line
    place: str  # "Bình Định", before the date


def province_names(name: str) -> ProvinceNames:
    """Return the ways a document writes the province's name ("tỉnh Bình Định")."""
    name = " ".join(name.split())
    for prefix in PROVINCE_PREFIXES:
        if name.lower().startswith(prefix):
            return ProvinceNames(name, name.upper(), name[len(prefix) :])
    return ProvinceNames(f"tỉnh {name}", f"TỈNH {name.upper()}", name)


def join_vi(items: list[str]) -> str:
    """Return "A, B và C"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} và {items[-1]}"


def money_vi(amount) -> str:
    """Return 250000000 as "250.000.000" (dot as the thousands separator)."""
    return f"{int(amount):,}".replace(",", ".")


# -- The decision ---------------------------------------------------------------------


def decision_docx(trip, *, number: str, signed_on: datetime.date, signer) -> bytes:
    """Return the Word file of the decision sending ``trip``'s delegation abroad."""
    with translation.override("vi"):
        province = Province.current()
        names = province_names(province.name)
        document = _new_document()
        _heading(document, names.upper, number, f"{names.place}, {long_date_vi(signed_on)}")
        _title(document, f"CHỦ TỊCH ỦY BAN NHÂN DÂN {names.upper}")
        _legal_bases(document, trip, province)
        _centered(document, "QUYẾT ĐỊNH:", bold=True, space_before=6, space_after=6)
        _articles(document, trip, province)
        _closing(document, province, signer)
        _member_list(document, trip, number, signed_on, names.full)
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()


def _heading(document, issuer_line: str, number: str, place_and_date: str) -> None:
    left, right = _borderless_row(document, (6.0, TEXT_WIDTH_CM - 6.0))
    _centered(left, "ỦY BAN NHÂN DÂN", bold=True, size=13)
    _centered(left, issuer_line, bold=True, size=13)
    _rule(left, cell_cm=6.0, line_cm=2.0)
    _centered(left, f"Số: {number}", size=13)
    _centered(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13)
    _centered(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    _rule(right, cell_cm=TEXT_WIDTH_CM - 6.0, line_cm=5.5)
    _centered(right, place_and_date, italic=True)


def _title(document, authority: str) -> None:
    _centered(document, "QUYẾT ĐỊNH", bold=True, space_before=18)
    _centered(document, "Về việc cử đoàn cán bộ đi công tác nước ngoài", bold=True)
    _rule(document, cell_cm=TEXT_WIDTH_CM, line_cm=4.0)
    _centered(document, authority, bold=True, space_before=6, space_after=6)


def _legal_bases(document, trip, province) -> None:
    bases = getattr(settings, "OUTBOUND_DECISION_LEGAL_BASES", DEFAULT_LEGAL_BASES)
    focal = _focal_name(province)
    proposal = f"Xét đề nghị của {trip.unit.name} (hồ sơ {trip.reference})"
    bases = [*bases, f"{proposal} và ý kiến thẩm định của {focal}."]
    for basis in bases:
        _body(document, basis, italic=True)


def _articles(document, trip, province) -> None:
    _article(document, 1, _sending(trip))
    for line in _trip_terms(trip):
        _body(document, line)
    _article(document, 2, _duties(trip, province))
    _article(document, 3, "Quyết định này có hiệu lực kể từ ngày ký.")
    _body(document, _executors(trip, province))


def _sending(trip) -> str:
    members = list(trip.members.all())
    text = f"Cử đoàn cán bộ gồm {len(members):02d} thành viên (có danh sách kèm theo)"
    head = next((m for m in members if m.is_head), None)
    if head is not None:
        text += f" do đồng chí {head.full_name}, {head.position}, làm Trưởng đoàn,"
    destination = join_vi(_country_names(trip))
    if trip.cities:
        destination += f" ({trip.cities})"
    period = f"từ ngày {short_date(trip.start_date)} đến ngày {short_date(trip.end_date)}"
    return f"{text} đi công tác tại {destination} {period}."


def _country_names(trip) -> list[str]:
    return [str(country.name) for country in trip.countries]


def _trip_terms(trip) -> list[str]:
    purpose = trip.purpose.name
    if trip.purpose_detail.strip():
        purpose = f"{purpose}: {trip.purpose_detail.strip()}"
    funding = f"Kinh phí: {trip.get_funding_source_display()}"
    if trip.funding_amount is not None:
        funding += f"; dự toán {money_vi(trip.funding_amount)} {trip.funding_currency}"
    return [
        f"Mục đích chuyến đi: {purpose.rstrip('.')}.",
        f"Cơ quan, tổ chức mời: {trip.inviting_partner}.",
        f"{funding}.",
    ]


def _duties(trip, province) -> str:
    return (
        "Đoàn có trách nhiệm thực hiện đúng chương trình công tác đã được phê duyệt, "
        "chấp hành các quy định về quản lý hoạt động đối ngoại và bảo vệ bí mật nhà nước; "
        f"{report_due_clause('outbound.report', trip.end_date, 'ngày về nước')}, báo cáo kết quả "
        "chuyến công tác bằng văn bản gửi Ủy ban nhân dân tỉnh "
        f"(qua {_focal_name(province)})."
    )


def _executors(trip, province) -> str:
    executors = ["Chánh Văn phòng UBND tỉnh"]
    focal = province.focal_agency
    if focal is not None and not _is_committee_office(focal.name):
        executors.append(f"Giám đốc {focal.name}")
    if focal is None or trip.unit_id != focal.pk:
        executors.append(f"Thủ trưởng {trip.unit.name}")
    executors.append("các thành viên có tên tại Điều 1")
    return f"{join_vi(executors)} chịu trách nhiệm thi hành Quyết định này."


def _focal_name(province) -> str:
    focal = province.focal_agency
    return focal.name if focal is not None else "Văn phòng Ủy ban nhân dân tỉnh"


def _is_committee_office(name: str) -> bool:
    """Return True for the Văn phòng UBND tỉnh, whose head is its Chánh Văn phòng."""
    return name.lower().startswith("văn phòng")


def _closing(document, province, signer) -> None:
    left, right = _borderless_row(document, (TEXT_WIDTH_CM / 2, TEXT_WIDTH_CM / 2))
    _recipients(left, province)
    authority, title = signature_block(signer)
    _centered(right, authority, bold=True, space_before=12)
    _centered(right, title, bold=True)
    for _blank in range(4):
        _centered(right, "")
    _centered(right, signer.get_full_name(), bold=True)


def _recipients(cell, province) -> None:
    recipients = ["Như Điều 3;", "Chủ tịch, các Phó Chủ tịch UBND tỉnh;"]
    if province.security_agency is not None:
        recipients.append(f"{province.security_agency.name};")
    recipients.append("Lưu: VT.")
    _write(cell, "Nơi nhận:", bold=True, italic=True, size=12, space_before=12)
    for recipient in recipients:
        _write(cell, f"- {recipient}", size=11)


def _member_list(document, trip, number, signed_on, province_name) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _centered(document, "DANH SÁCH ĐOÀN", bold=True)
    issuer = f"Chủ tịch Ủy ban nhân dân {province_name}"
    annex = f"(Kèm theo Quyết định số {number} ngày {short_date(signed_on)} của {issuer})"
    _centered(document, annex, italic=True, space_after=12)
    widths = (1.2, 4.3, 3.8, 4.2, 2.5)
    header = ("STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Ghi chú")
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill_row(table.rows[0], header, widths, bold=True)
    for index, member in enumerate(trip.members.all(), start=1):
        row = (str(index), member.full_name, member.position, member.unit_name, _note(member))
        _fill_row(table.add_row(), row, widths)


def _note(member) -> str:
    if member.delegation_role in (Role.HEAD, Role.DEPUTY_HEAD):
        return str(member.get_delegation_role_display())
    return ""


# -- Typography -----------------------------------------------------------------------


def _new_document():
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_SIZE)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    return document


def _write(
    container,
    text,
    *,
    bold=False,
    italic=False,
    size=BODY_SIZE,
    align=None,
    space_before=0,
    space_after=0,
    first_line_cm=None,
):
    """Add a paragraph of one run to a document or a table cell and return it."""
    paragraph = _next_paragraph(container)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.name, run.font.size = FONT, Pt(size)
    layout = paragraph.paragraph_format
    layout.space_before, layout.space_after = Pt(space_before), Pt(space_after)
    if align is not None:
        paragraph.alignment = align
    if first_line_cm is not None:
        layout.first_line_indent = Cm(first_line_cm)
    return paragraph


def _next_paragraph(container):
    # A new table cell already holds one empty paragraph: use it before adding more.
    if isinstance(container, _Cell):
        paragraphs = container.paragraphs
        if len(paragraphs) == 1 and not paragraphs[0].text:
            return paragraphs[0]
    return container.add_paragraph()


def _centered(container, text, **style):
    return _write(container, text, align=WD_ALIGN_PARAGRAPH.CENTER, **style)


def _body(container, text, **style):
    style.setdefault("space_after", 3)
    return _write(container, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_cm=1.0, **style)


def _article(document, number: int, text: str) -> None:
    paragraph = _body(document, f"Điều {number}. ", bold=True)
    run = paragraph.add_run(text)
    run.font.name, run.font.size = FONT, Pt(BODY_SIZE)


def _rule(container, *, cell_cm: float, line_cm: float) -> None:
    """Draw the short solid line Decree 30 puts under the issuer, motto and title."""
    paragraph = _next_paragraph(container)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        top.set(qn(f"w:{key}"), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)
    indent = Cm(max(cell_cm - line_cm, 0) / 2)
    layout = paragraph.paragraph_format
    layout.left_indent = layout.right_indent = indent
    layout.space_before = Pt(2)
    paragraph.add_run().font.size = Pt(4)


def _borderless_row(document, widths_cm):
    table = document.add_table(rows=1, cols=len(widths_cm))
    table.autofit = False
    cells = table.rows[0].cells
    for cell, width in zip(cells, widths_cm, strict=True):
        cell.width = Cm(width)
    return cells


def _fill_row(row, values, widths_cm, *, bold=False) -> None:
    for cell, value, width in zip(row.cells, values, widths_cm, strict=True):
        cell.width = Cm(width)
        align = WD_ALIGN_PARAGRAPH.CENTER if bold or width < 2 else WD_ALIGN_PARAGRAPH.LEFT
        _write(cell, value, bold=bold, size=13, align=align)
