"""The hand-out sheet of a trip's official and diplomatic passports (phiếu giao, nhận hộ
chiếu), as a Word file in the Decree 30 layout of ``matters.documents``.

The decision sending the delegation lists the kind of passport each member is handed;
this sheet lists the passports themselves, once the decision is issued: the trip, the
decision's number and date, then one row per member — name, passport kind and number,
the day it was handed out, a column to sign for it, the day it came back and a column to
sign for its return — and the last day to hand the passports back, with the limit and
the rule it comes from (``passports.RULE``). Its rows are ``passports.sheet``'s: the
dates are the hand-out and hand-back records, so the paper signed and the records kept
are the same list. The numbers are printed in full (the paper identifies the booklet
handed over): downloading the sheet is a ``personal_data_viewed`` audit entry (the view
records it).

Legal text in Vietnamese, not marked for translation (ADR 0003).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

import audit
from matters import documents as doc
from matters import steps
from organizations.models import Province, Role

from . import passports
from .models import OutboundTrip

# STT, name, kind, number, handed out, signed for, handed back, signed back: 16 cm.
WIDTHS_CM = (1.0, 3.4, 1.8, 2.4, 1.9, 1.9, 1.9, 1.7)
HEADER = (
    "STT",
    "Họ và tên",
    "Loại hộ chiếu",
    "Số hộ chiếu",
    "Ngày giao",
    "Người nhận ký",
    "Ngày nộp lại",
    "Người nộp ký",
)
KINDS = {"official": "Công vụ", "diplomatic": "Ngoại giao"}


@transaction.atomic
def sheet_for(trip: OutboundTrip, *, actor) -> bytes:
    """Return the sheet's .docx for the focal agency, once the decision is issued, and
    record that its full passport numbers were seen (``personal_data_viewed``)."""
    if trip.status not in passports.HANDING_OUT:
        raise ValidationError(
            _("Phiếu giao, nhận hộ chiếu chỉ lập được sau khi quyết định cử đoàn được ban hành.")
        )
    content = passport_sheet_docx(trip)
    steps.record(
        audit.Action.PERSONAL_DATA_VIEWED,
        trip,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        payload={"document": "passport_sheet", "decision": trip.decision_number},
    )
    return content


def passport_sheet_docx(trip: OutboundTrip, *, day: datetime.date | None = None) -> bytes:
    """Return the .docx of ``trip``'s hand-out sheet, dated ``day`` (today)."""
    day = day or timezone.localdate()
    province = Province.current()
    names = doc.province_names(province.name)
    focal = doc.focal_name(province)
    document = doc.new_document()
    left, right = doc.borderless_row(
        document, (doc.HEADING_LEFT_CM, doc.TEXT_WIDTH_CM - doc.HEADING_LEFT_CM)
    )
    doc.centered(left, f"UBND {names.upper}", size=13)
    doc.centered(left, focal.upper(), bold=True, size=13)
    doc.rule(left, cell_cm=doc.HEADING_LEFT_CM, line_cm=2.0)
    doc.centered(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13)
    doc.centered(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    doc.rule(right, cell_cm=doc.TEXT_WIDTH_CM - doc.HEADING_LEFT_CM, line_cm=5.5)
    doc.centered(right, doc.place_and_date(names, day), italic=True, size=13)

    doc.centered(document, "PHIẾU GIAO, NHẬN HỘ CHIẾU", bold=True, space_before=12)
    doc.centered(document, "ngoại giao, công vụ của đoàn công tác nước ngoài", bold=True)
    doc.rule(document, cell_cm=doc.TEXT_WIDTH_CM, line_cm=4.0)
    decision = doc.number_and_date(trip.decision_number or None, "QĐ-UBND", trip.decision_date)
    for text in (
        f"Đoàn: {trip.title} (hồ sơ {trip.reference}).",
        f"Quyết định cử đoàn {decision} của Chủ tịch Ủy ban nhân dân {names.full}.",
        f"Thời gian: từ ngày {doc.short_date(trip.start_date)} "
        f"đến ngày {doc.short_date(trip.end_date)}.",
    ):
        doc.write(document, text, space_after=3)
    due = passports.due_back_on(trip)
    with translation.override("vi"):
        limit = passports.limit_label()
    doc.write(
        document,
        "Người nhận hộ chiếu nộp lại cho cơ quan quản lý hộ chiếu chậm nhất ngày "
        f"{doc.short_date(due)} (trong thời hạn {limit} kể từ ngày nhập "
        f"cảnh, theo {passports.RULE}).",
        space_after=9,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    doc.grid_table(document, HEADER, list(_rows(trip)), WIDTHS_CM)

    left, right = doc.borderless_row(
        document, (doc.TEXT_WIDTH_CM / 2, doc.TEXT_WIDTH_CM / 2), keep_together=True
    )
    head = trip.head
    doc.centered(left, "TRƯỞNG ĐOÀN", bold=True, space_before=12)
    doc.centered(left, "(Ký, ghi rõ họ tên)", italic=True, size=12)
    doc.centered(right, f"NGƯỜI GIAO HỘ CHIẾU ({focal.upper()})", bold=True, space_before=12)
    doc.centered(right, "(Ký, ghi rõ họ tên)", italic=True, size=12)
    for _blank in range(3):
        doc.centered(left, "")
        doc.centered(right, "")
    if head is not None:
        doc.centered(left, head.full_name, bold=True)
    return doc.as_bytes(document)


def _rows(trip):
    for number, row in enumerate(passports.sheet(trip), start=1):
        passport, record = row["passport"], row["record"]
        handed_out = record.handed_out_on if record else None
        handed_back = record.handed_back_on if record else None
        yield (
            str(number),
            row["name"] if row["member"] else f"{row['name']} (không còn trong đoàn)",
            KINDS.get(passport.kind, passport.get_kind_display()) if passport else "",
            passport.number if passport else "Chưa có hộ chiếu còn hạn",
            doc.short_date(handed_out) if handed_out else "",
            "",
            doc.short_date(handed_back) if handed_back else "",
            "",
        )
