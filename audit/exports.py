"""The auditor's search as a CSV or Excel file, one row per entry."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from organizations.text import append_rows, spreadsheet_cell

CHUNK = 2000
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def columns() -> list[str]:
    return [
        _("Số thứ tự"),
        _("Thời điểm"),
        _("Người thực hiện"),
        _("Thay mặt"),
        _("Đơn vị thực hiện"),
        _("Vai trò"),
        _("Hành động"),
        _("Loại hồ sơ"),
        _("Mã hồ sơ"),
        _("Hồ sơ"),
        _("Mã quy trình"),
        _("Mã công việc"),
        _("Ý kiến"),
        _("Nội dung thay đổi"),
        _("Mã yêu cầu"),
        _("Địa chỉ IP"),
        _("Mã băm mục trước"),
        _("Mã băm"),
    ]


def row(entry) -> list:
    """Return one entry as the cells of a row (personal data is already masked)."""
    return [
        entry.seq,
        timezone.localtime(entry.occurred_at).strftime("%d/%m/%Y %H:%M:%S"),
        entry.actor.get_full_name() if entry.actor else entry.actor_label,
        entry.on_behalf_of.get_full_name() if entry.on_behalf_of else "",
        entry.unit.name if entry.unit else "",
        entry.get_role_display(),
        entry.get_action_display(),
        entry.subject_kind,
        entry.subject_id,
        entry.subject_label,
        entry.process_id or "",
        entry.task_id or "",
        entry.comment,
        entry.payload_text,
        entry.request_id,
        entry.ip or "",
        entry.prev_hash,
        entry.hash,
    ]


def as_csv(entries, filename: str) -> StreamingHttpResponse:
    """Stream ``entries`` as UTF-8 CSV with a byte-order mark, so Excel reads Vietnamese."""

    def lines():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")
        writer.writerow(columns())
        for entry in entries.iterator(CHUNK):
            writer.writerow([_inert(value) for value in row(entry)])
            yield _drain(buffer)
        yield _drain(buffer)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _inert(value):
    """Return ``value`` so that a spreadsheet opening the CSV shows it, never runs it."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


# The cell writer moved to the ground floor; this name stays for callers of this module.
text_cell = spreadsheet_cell


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def as_xlsx(entries, filename: str) -> HttpResponse:
    """Return ``entries`` as an Excel workbook with one sheet."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Nhật ký"))
    append_rows(sheet, columns(), (row(entry) for entry in entries.iterator(CHUNK)))
    content = io.BytesIO()
    workbook.save(content)
    response = HttpResponse(
        content.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
