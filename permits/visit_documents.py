"""The approval letter for an inbound visit (công văn chấp thuận đón đoàn), as a Word file.

Decree 30/2020 layout for a công văn, with the helpers of ``permits.documents``: issuer,
number and summary (V/v ...) on the left, motto and place-date on the right, "Kính gửi",
the body, recipients beside the signature block, and the guest list on its own page.
The guest list carries names, nationalities, positions and organisations, never passport
numbers or dates of birth: the letter goes to people who may not see those.
"""

import io

from django.utils import translation
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK

from organizations.models import Province

from .documents import (
    TEXT_WIDTH_CM,
    _body,
    _borderless_row,
    _centered,
    _fill_row,
    _focal_name,
    _new_document,
    _rule,
    _write,
    join_vi,
    long_date_vi,
    province_names,
    report_due_clause,
    short_date,
    signature_block,
)

LEFT_CM = 6.5


def approval_letter_docx(visit) -> bytes:
    """Return the Word file of the letter allowing ``visit``'s unit to host the delegation."""
    with translation.override("vi"):
        province = Province.current()
        names = province_names(province.name)
        guests = [g for g in visit.guests.all() if not g.removed]
        document = _new_document()
        _heading(document, visit, names)
        _centered(document, f"Kính gửi: {visit.unit.name}.", space_before=12, space_after=12)
        for paragraph in _paragraphs(visit, guests, province):
            _body(document, paragraph)
        _closing(document, visit, province)
        _guest_list(document, visit, guests, names.full)
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()


def _heading(document, visit, names) -> None:
    left, right = _borderless_row(document, (LEFT_CM, TEXT_WIDTH_CM - LEFT_CM))
    _centered(left, "ỦY BAN NHÂN DÂN", bold=True, size=13)
    _centered(left, names.upper, bold=True, size=13)
    _rule(left, cell_cm=LEFT_CM, line_cm=2.0)
    _centered(left, f"Số: {visit.decision_number}", size=13)
    _centered(left, f"V/v cho phép đón tiếp đoàn {visit.title}", size=12)
    _centered(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13)
    _centered(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    _rule(right, cell_cm=TEXT_WIDTH_CM - LEFT_CM, line_cm=5.5)
    place_and_date = f"{names.place}, {long_date_vi(visit.decision_date)}"
    _centered(right, place_and_date, italic=True)


def _paragraphs(visit, guests, province) -> list[str]:
    countries = join_vi([str(c.name) for c in visit.countries])
    period = f"từ ngày {short_date(visit.start_date)} đến ngày {short_date(visit.end_date)}"
    reception = (
        "Lãnh đạo Ủy ban nhân dân tỉnh tiếp đoàn theo chương trình được bố trí."
        if visit.received_by_provincial_leaders
        else f"{visit.host_leader} chủ trì tiếp đoàn."
    )
    return [
        f"Xét đề nghị của {visit.unit.name} (hồ sơ {visit.reference}) và ý kiến thẩm định "
        f"của {_focal_name(province)}, Ủy ban nhân dân tỉnh có ý kiến như sau:",
        f"1. Đồng ý để {visit.unit.name} đón tiếp đoàn {visit.title} của {visit.organisation} "
        f"({countries}) gồm {len(guests):02d} khách (có danh sách kèm theo) đến làm việc "
        f"{period}" + (f" tại {visit.places}" if visit.places else "") + ".",
        f"2. Mục đích, nội dung làm việc: {visit.purpose.strip().rstrip('.')}. {reception}",
        f"3. {visit.unit.name} thực hiện đúng chương trình đã đăng ký, phối hợp với Công an "
        "tỉnh bảo đảm an ninh, trật tự; "
        f"{report_due_clause('inbound.report', visit.end_date, 'khi đoàn rời tỉnh')}, "
        f"báo cáo kết quả về Ủy ban nhân dân tỉnh (qua {_focal_name(province)}).",
    ]


def _closing(document, visit, province) -> None:
    left, right = _borderless_row(document, (TEXT_WIDTH_CM / 2, TEXT_WIDTH_CM / 2))
    recipients = ["Như trên;", f"{_focal_name(province)};"]
    if province.security_agency is not None:
        recipients.append(f"{province.security_agency.name};")
    recipients.append("Lưu: VT.")
    _write(left, "Nơi nhận:", bold=True, italic=True, size=12, space_before=12)
    for recipient in recipients:
        _write(left, f"- {recipient}", size=11)
    authority, title = signature_block(visit.approver)
    _centered(right, authority, bold=True, space_before=12)
    _centered(right, title, bold=True)
    for _blank in range(4):
        _centered(right, "")
    _centered(right, visit.approver.get_full_name(), bold=True)


def _guest_list(document, visit, guests, province_name) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _centered(document, "DANH SÁCH KHÁCH", bold=True)
    issuer = f"Ủy ban nhân dân {province_name}"
    annex = (
        f"(Kèm theo Công văn số {visit.decision_number} "
        f"ngày {short_date(visit.decision_date)} của {issuer})"
    )
    _centered(document, annex, italic=True, space_after=12)
    widths = (1.2, 4.5, 3.0, 3.6, 3.7)
    header = ("STT", "Họ và tên", "Quốc tịch", "Chức vụ", "Cơ quan, tổ chức")
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill_row(table.rows[0], header, widths, bold=True)
    for index, guest in enumerate(guests, start=1):
        row = (
            str(index),
            guest.full_name,
            str(guest.nationality.name),
            guest.position,
            guest.organisation,
        )
        _fill_row(table.add_row(), row, widths)
