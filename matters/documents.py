"""Word documents in the Decree 30/2020/NĐ-CP layout, for every kind of matter.

A document of the provincial People's Committee (a decision, a công văn, a báo cáo) is
built from the same parts: an A4 page in Times New Roman 13–14 pt; the heading, with the
issuer and number (and for a công văn its summary, "V/v ...") on the left and the national
motto and place-date on the right; a centred title; justified body paragraphs; tables;
the recipients (Nơi nhận) beside the signature block; an annex on its own page. A kind's
document module only says what its document says, with these parts:

    document = new_document()
    heading(document, issuer, number="05/QĐ-UBND", place_and_date="Bình Định, ngày ...")
    body(document, "Căn cứ ...", italic=True)
    body(document, ends("... chịu trách nhiệm thi hành Quyết định này"))
    closing(
        document,
        recipients(province, "Như Điều 3;"),  # ends "Lưu: VT, <drafting unit>."
        signature_block(signer, issuer=Issuer.CHAIRMAN),
        signer_name,
    )
    return as_bytes(document)

Who issues a document decides its signature block (``signature_block``): a decision in
the Chairman's own name ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...") is signed "CHỦ TỊCH", a
letter or report of the People's Committee as a body "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH".
A draft (before the clerical office registers the document) has no number and no day:
``number_line`` and ``place_and_date`` print the blanks a paper draft leaves.

Documents are legal texts in Vietnamese, not interface text: their wording is not marked
for translation.
"""

import datetime
import enum
import io
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

import workdays
from organizations.models import StaffProfile
from organizations.text import xml_safe

FONT = "Times New Roman"
BODY_SIZE = 14
TEXT_WIDTH_CM = 16.0  # A4 (21 cm) less the 3 cm left and 2 cm right margins
HEADING_LEFT_CM = 6.0  # the issuer's column of the heading
PARAGRAPH_SPACING_PT = 6  # Decree 30, Appendix I: at least 6 pt between paragraphs
DRAFTING_UNIT_DEFAULT = "NC"
BLANK_NUMBER = "      "  # a draft's number, left for the clerical office to write in
BLANK_DAY = "      "
PROVINCE_PREFIXES = ("tỉnh ", "thành phố ")
COMMITTEE_OFFICE = "Văn phòng Ủy ban nhân dân tỉnh"

Level = StaffProfile.LeaderLevel


# -- Words and dates ------------------------------------------------------------------


def long_date_vi(day: datetime.date) -> str:
    """Return ``day`` as documents write it: "ngày 05 tháng 02 năm 2026".

    Decree 30/2020 (Appendix I) pads days below 10 and the months 1 and 2 with a zero,
    and only those: "ngày 05 tháng 7 năm 2026".
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: datetime.date) -> str:
    """Return ``day`` as "05/02/2026"."""
    return f"{day:%d/%m/%Y}"


def join_vi(items: list[str]) -> str:
    """Return "A, B và C"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} và {items[-1]}"


def money_vi(amount) -> str:
    """Return 250000000 as "250.000.000" (dot as the thousands separator)."""
    return f"{int(amount):,}".replace(",", ".")


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


def focal_name(province) -> str:
    """Return the name of the province's focal agency for foreign affairs (cơ quan đầu mối)."""
    focal = province.focal_agency
    return focal.name if focal is not None else COMMITTEE_OFFICE


def report_due_clause(step_key: str, start: datetime.date, since: str) -> str:
    """Return "trong thời hạn 15 ngày kể từ <since> (chậm nhất ngày 23/03/2026)": the
    period of ``step_key`` and the due date its task and the matter's page show.
    """
    deadline = workdays.deadline_for(step_key)
    due = workdays.due_date(step_key, start)
    return f"trong thời hạn {deadline.label} kể từ {since} (chậm nhất ngày {short_date(due)})"


class Issuer(enum.Enum):
    """Who issues a document, as its heading and authority line name it."""

    #: The Chairman in his own name: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ..." above the text
    #: (a decision sending a delegation abroad).
    CHAIRMAN = "chairman"
    #: The People's Committee as a collective body: "Ủy ban nhân dân tỉnh có ý kiến ..."
    #: (a công văn, a báo cáo).
    COMMITTEE = "committee"


def signer_level(signer):
    """Return ``signer``'s leader level (Chairman, Vice-Chairman, ...) or None."""
    profile = getattr(signer, "profile", None)
    return profile.leader_level if profile else None


def signature_block(signer, *, issuer: Issuer) -> tuple[str, ...]:
    """Return the lines above the signer's name, from who issues and who signs.

    Decree 30/2020, Appendix I, part II.8: the Chairman signing his own document writes
    "CHỦ TỊCH"; a Vice-Chairman signs it "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH". A document of the
    collective body is signed "TM. ỦY BAN NHÂN DÂN" above either. ``signer`` None (a
    draft not yet signed) gives the Chairman's block. Anyone else raises ValidationError.
    """
    level = signer_level(signer) if signer is not None else Level.CHAIRMAN
    if level == Level.CHAIRMAN:
        lines = ("CHỦ TỊCH",)
    elif level == Level.VICE_CHAIRMAN:
        lines = ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    else:
        raise ValidationError(
            _("Chỉ Chủ tịch hoặc Phó Chủ tịch UBND tỉnh mới được ký văn bản này."),
            code="signer_not_a_leader",
        )
    if issuer is Issuer.COMMITTEE:
        return ("TM. ỦY BAN NHÂN DÂN", *lines)
    return lines


def signer_name(signer) -> str | None:
    """Return the name printed under the block, or None on a draft not yet signed."""
    return signer.get_full_name() if signer is not None else None


# -- Number, date and the legal bases ---------------------------------------------------


def number_line(number: str | None, symbol: str) -> str:
    """Return "05/QĐ-UBND", or a draft's "      /QĐ-UBND" when ``number`` is None."""
    return number if number else f"{BLANK_NUMBER}/{symbol}"


def date_phrase(day: datetime.date | None) -> str:
    """Return "ngày 05 tháng 02 năm 2026", or a draft's blank day and month this year."""
    if day is not None:
        return long_date_vi(day)
    year = timezone.localdate().year
    return f"ngày{BLANK_DAY}tháng{BLANK_DAY}năm {year}"


def place_and_date(names: "ProvinceNames", day: datetime.date | None) -> str:
    """Return the heading's "Bình Định, ngày 05 tháng 02 năm 2026" (blank on a draft)."""
    return f"{names.place}, {date_phrase(day)}"


def number_and_date(number: str | None, symbol: str, day: datetime.date | None) -> str:
    """Return "số 05/QĐ-UBND ngày 05/02/2026" for an annex line (blanks on a draft)."""
    when = f"ngày {short_date(day)}" if day is not None else date_phrase(None)
    return f"số {number_line(number, symbol)} {when}"


def ends(text: str) -> str:
    """Return the last paragraph of a document's body ending "./." (Decree 30 usage)."""
    text = text.rstrip()
    if text.endswith("./."):
        return text
    return f"{text.rstrip('.;:')}./."


def _focal_is_committee_office(province) -> bool:
    focal = province.focal_agency
    return focal is None or focal.name.lower().startswith("văn phòng")


def focal_head(province) -> str:
    """Return the title of the focal agency's head: "Giám đốc Sở Ngoại vụ"."""
    if _focal_is_committee_office(province):
        return "Chánh Văn phòng Ủy ban nhân dân tỉnh"
    return f"Giám đốc {province.focal_agency.name}"


def focal_head_block(province) -> tuple[str, ...]:
    """Return the block the focal agency's head signs its tờ trình with: "GIÁM ĐỐC" (a
    Sở), "CHÁNH VĂN PHÒNG" (the committee's office as the focal agency)."""
    return ("CHÁNH VĂN PHÒNG",) if _focal_is_committee_office(province) else ("GIÁM ĐỐC",)


def proposal(province, submission=None) -> str:
    """Return "Theo đề nghị của Giám đốc Sở Ngoại vụ tại Tờ trình số … ngày …".

    ``submission`` is the focal agency's tờ trình (``number``, ``date``); without one,
    the proposal is cited without number.
    """
    text = f"Theo đề nghị của {focal_head(province)}"
    if submission is not None:
        text += f" tại Tờ trình số {submission.number} {long_date_vi(submission.date)}"
    return text


def party_opinion(number: str, day: datetime.date | None) -> str | None:
    """Return the basis citing the Party Standing Committee's opinion, if one is recorded."""
    if not number:
        return None
    when = f" {long_date_vi(day)}" if day is not None else ""
    return f"Căn cứ ý kiến của Ban Thường vụ Tỉnh ủy tại Văn bản số {number}{when};"


def delegation(title: str) -> str:
    """Return "đoàn X" for a delegation's title, without doubling a title "Đoàn X"."""
    title = " ".join(title.split())
    if title.lower().startswith("đoàn "):
        return f"đoàn {title[5:]}"
    return f"đoàn {title}"


def drafting_unit(province) -> str:
    """Return the drafting unit's abbreviation for "Lưu: VT, <unit>." ("NC", "SNgV")."""
    return (getattr(province, "drafting_unit_abbreviation", "") or DRAFTING_UNIT_DEFAULT).strip()


# -- The parts of a document ----------------------------------------------------------


def new_document():
    """Return an empty A4 document with Decree 30's margins and body font."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_SIZE)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    _page_numbers(section)
    return document


def _page_numbers(section) -> None:
    """Number the pages from the second, centred in the top margin (Decree 30, II.4).

    The first page has its own, empty header; the others a PAGE field.
    """
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header of its own
    section.header_distance = Cm(1)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        run = paragraph.add_run()
        run.font.name, run.font.size = FONT, Pt(BODY_SIZE)
        if kind is not None:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        if kind == "separate":
            paragraph.add_run("2").font.size = Pt(BODY_SIZE)


def as_bytes(document) -> bytes:
    """Return ``document`` as the bytes of a .docx file."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def heading(
    document,
    issuer_line: str,
    number: str,
    place_and_date: str,
    *,
    summary: str | None = None,
    left_cm: float = HEADING_LEFT_CM,
    parent: str = "ỦY BAN NHÂN DÂN",
) -> None:
    """Write the issuer, number (and a công văn's summary) beside the motto and date.

    ``parent`` is the line above the issuer: the committee's own documents repeat "ỦY BAN
    NHÂN DÂN" in bold above "TỈNH ..."; a department's (the focal agency's tờ trình) names
    its governing body, "UBND TỈNH ...", not in bold (Decree 30, Phụ lục I, II.2).
    """
    left, right = borderless_row(document, (left_cm, TEXT_WIDTH_CM - left_cm))
    centered(left, parent, bold=parent == "ỦY BAN NHÂN DÂN", size=13)
    centered(left, issuer_line, bold=True, size=13)
    rule(left, cell_cm=left_cm, line_cm=2.0)
    centered(left, f"Số: {number}", size=13)
    if summary is not None:
        centered(left, summary, size=12)
    centered(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13)
    centered(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    rule(right, cell_cm=TEXT_WIDTH_CM - left_cm, line_cm=5.5)
    centered(right, place_and_date, italic=True, size=13, space_before=6)


def write(
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
    run = paragraph.add_run(xml_safe(text))  # a stored title must not stop the document
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


def centered(container, text, **style):
    """Add a centred paragraph (titles, the heading's lines, the signature block)."""
    return write(container, text, align=WD_ALIGN_PARAGRAPH.CENTER, **style)


def body(container, text, **style):
    """Add a justified body paragraph with its first line indented."""
    style.setdefault("space_after", PARAGRAPH_SPACING_PT)
    return write(container, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_cm=1.0, **style)


def part_heading(container, text):
    """Add a part's heading (bold, "II. KẾT QUẢ ..."): aligned left, since a justified
    heading that wraps spreads its words across the line."""
    return write(
        container,
        text,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        first_line_cm=1.0,
        space_after=PARAGRAPH_SPACING_PT,
    )


def article(document, number: int, text: str) -> None:
    """Add "Điều N. text", the article number in bold."""
    paragraph = body(document, f"Điều {number}. ", bold=True)
    run = paragraph.add_run(xml_safe(text))
    run.font.name, run.font.size = FONT, Pt(BODY_SIZE)


def rule(container, *, cell_cm: float, line_cm: float) -> None:
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


def borderless_row(document, widths_cm, *, keep_together=False):
    """Add a table of one row without borders and return its cells (a page's columns).

    The widths are written to the table's grid too (``w:gridCol``), with a fixed layout:
    LibreOffice lays a table out from its grid, not from the cells' widths, and would
    otherwise wrap the national motto. ``keep_together`` keeps the row on one page.
    """
    table = document.add_table(rows=1, cols=len(widths_cm))
    fixed_grid(table, widths_cm)
    properties = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "57")  # 0.1 cm: the motto needs the cell's width
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    look = properties.find(qn("w:tblLook"))  # the schema's order: tblCellMar before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        properties.append(margins)
    row = table.rows[0]
    if keep_together:
        cant_split = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().append(cant_split)
    cells = row.cells
    for cell, width in zip(cells, widths_cm, strict=True):
        cell.width = Cm(width)
    return cells


def fixed_grid(table, widths_cm) -> None:
    """Give ``table`` fixed column widths, in its grid (``w:gridCol``) as well.

    LibreOffice lays a table out from its grid, which python-docx leaves at equal
    columns whatever the cells' widths say.
    """
    table.autofit = False  # python-docx writes <w:tblLayout w:type="fixed"/>
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        column.set(qn("w:w"), str(Cm(width).twips))


def fill_row(row, values, widths_cm, *, bold=False) -> None:
    """Write ``values`` into a table row; headers and narrow columns are centred."""
    for cell, value, width in zip(row.cells, values, widths_cm, strict=True):
        cell.width = Cm(width)
        align = WD_ALIGN_PARAGRAPH.CENTER if bold or width < 2 else WD_ALIGN_PARAGRAPH.LEFT
        write(cell, value, bold=bold, size=13, align=align)


def grid_table(document, header, rows, widths_cm) -> None:
    """Add a ruled table: ``header`` in bold, then one row per item of ``rows``."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fixed_grid(table, widths_cm)
    fill_row(table.rows[0], header, widths_cm, bold=True)
    for row in rows:
        fill_row(table.add_row(), row, widths_cm)


def annex_page(document, title: str, annex_line: str) -> None:
    """Start a new page headed by an annex's title and "(Kèm theo ...)" line."""
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    centered(document, title, bold=True)
    centered(document, annex_line, italic=True, space_after=12)


def recipients(province, *lines: str, agencies=()) -> list[str]:
    """Return the Nơi nhận list: ``lines``, each agency given, then the archive line.

    The archive line names the clerical office and the drafting unit: "Lưu: VT, NC."
    (Decree 30, Appendix I, II.9; the unit's abbreviation is the province's setting).
    """
    named = [f"{agency.name};" for agency in agencies if agency is not None]
    return [*lines, *named, f"Lưu: VT, {drafting_unit(province)}."]


def closing(document, recipients, signature, signer_name: str | None) -> None:
    """Write the recipients (Nơi nhận) on the left and the signature block on the right.

    ``signature`` holds the lines above the name ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"); four
    blank lines leave room for the hand signature and the seal. The row may not split
    across pages and the last paragraph of the body keeps with it: the block never
    stands alone on a page, nor is cut in two.
    """
    last = document.paragraphs[-1] if document.paragraphs else None
    if last is not None:
        last.paragraph_format.keep_with_next = True
    left, right = borderless_row(
        document, (TEXT_WIDTH_CM / 2, TEXT_WIDTH_CM / 2), keep_together=True
    )
    write(left, "Nơi nhận:", bold=True, italic=True, size=12, space_before=12)
    for recipient in recipients:
        write(left, f"- {recipient}", size=11)
    first, *others = signature
    centered(right, first, bold=True, space_before=12)
    for line in others:
        centered(right, line, bold=True)
    for _blank in range(4):
        centered(right, "")
    if signer_name is not None:
        centered(right, signer_name, bold=True)
    for cell in (left, right):
        for paragraph in cell.paragraphs[:-1]:
            paragraph.paragraph_format.keep_with_next = True


# -- A công văn of the People's Committee ------------------------------------------------

#: Stands for "take the number and date recorded on the matter" in a letter's builder.
RECORDED = object()


def register_symbol(province, doc_type: str) -> str:
    """Return the symbol the committee's register gives ``doc_type`` ("QĐ-UBND",
    "UBND-NC"; ``settings.DOCUMENT_REGISTER``), for a draft's blank number and its annex."""
    from .issuance import symbol  # the register's rules; it reads this module's helpers

    committee = province.peoples_committee
    if committee is None:
        return DECISION_SYMBOL if doc_type == "QĐ" else f"UBND-{drafting_unit(province)}"
    return symbol(doc_type, committee)


def letter_symbol(province) -> str:
    """Return a công văn's symbol: the issuer and the drafting unit ("UBND-NC").

    Decree 30, Appendix III has no abbreviation for a công văn: its symbol is the
    issuer's and the drafting unit's (or field's) abbreviations, as the register writes.
    """
    return register_symbol(province, "CV")


def letter_number_and_date(matter, number, day) -> tuple[str | None, datetime.date | None]:
    """Return the number and date a letter prints: the matter's, or those given."""
    if number is RECORDED:
        number = matter.decision_number or None
    if day is RECORDED:
        day = matter.decision_date
    return number, day


# -- A decision the Chairman issues in his own name ---------------------------------------

DECISION_SYMBOL = "QĐ-UBND"


def committee_letter(province, *, number, day, summary: str, to, paragraphs, recipients, signer):
    """Write a letter (công văn) of the People's Committee; return it and the names.

    The heading with its number and date (blank on a draft) and what it is about ("V/v
    ..."), "Kính gửi" ``to``, the ``paragraphs`` (the last one ending "./."), then the
    ``recipients`` beside the block "TM. ỦY BAN NHÂN DÂN" of ``signer``. The kind may
    add an annex after it (a visit's guest list).
    """
    names = province_names(province.name)
    document = new_document()
    heading(
        document,
        names.upper,
        number_line(number, letter_symbol(province)),
        place_and_date(names, day),
        summary=summary,
    )
    centered(document, f"Kính gửi: {to}.", space_before=12, space_after=12)
    for paragraph in paragraphs[:-1]:
        body(document, paragraph)
    body(document, ends(paragraphs[-1]))
    closing(
        document,
        recipients,
        signature_block(signer, issuer=Issuer.COMMITTEE),
        signer_name(signer),
    )
    return document, names


def chairman_decision(province, *, number, day, about: str, bases, submission=None):
    """Start a decision of the Chairman of the People's Committee; return it and the names.

    Writes the heading (number and date, blank on a draft), "QUYẾT ĐỊNH" and what it is
    about, the authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ..."), ``bases`` (the "Căn cứ"
    lines, instruments first) and the focal agency's proposal citing its tờ trình
    (``submission``), then "QUYẾT ĐỊNH:". The kind writes its articles and ends the
    decision with ``sign_chairman_decision``.
    """
    names = province_names(province.name)
    document = new_document()
    heading(
        document,
        names.upper,
        number_line(number, register_symbol(province, "QĐ")),
        place_and_date(names, day),
    )
    centered(document, "QUYẾT ĐỊNH", bold=True, space_before=18)
    centered(document, about, bold=True)
    rule(document, cell_cm=TEXT_WIDTH_CM, line_cm=4.0)
    authority = f"CHỦ TỊCH ỦY BAN NHÂN DÂN {names.upper}"
    centered(document, authority, bold=True, space_before=6, space_after=6)
    for basis in [*bases, f"{proposal(province, submission)}."]:
        body(document, basis, italic=True)
    centered(document, "QUYẾT ĐỊNH:", bold=True, space_before=6, space_after=6)
    return document, names


def sign_chairman_decision(
    document, *, in_force_article: int, executors: str, recipients, signer
) -> None:
    """End a Chairman's decision: in force from signing, who executes it (the body's last
    paragraph, "./."), the recipients and the Chairman's (or his deputy's) block."""
    article(document, in_force_article, "Quyết định này có hiệu lực kể từ ngày ký.")
    body(document, ends(executors))
    closing(
        document,
        recipients,
        signature_block(signer, issuer=Issuer.CHAIRMAN),
        signer_name(signer),
    )
