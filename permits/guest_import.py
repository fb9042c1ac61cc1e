"""The guest list as an Excel file: a template to download, and its import.

A list is all or nothing: every bad cell is reported by row and column, and nothing
from the file is kept unless every row is good.
"""

import datetime
import io
from itertools import islice

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from matters.ooxml import refuse_xml_declarations

from .uploads import MB, XLSX, unpacked_size, validate_upload
from .visit_services import GuestData

MAX_ROWS = 500
# 500 guests take well under 1 MB of sheet XML; openpyxl parses all of it to size a sheet.
MAX_UNPACKED = 10 * MB
FIRST_ROW = 2  # row 1 holds the headings
# (field, heading, required)
COLUMNS = (
    ("full_name", gettext_lazy("Họ và tên"), True),
    ("nationality", gettext_lazy("Quốc tịch (mã ISO, ví dụ JP)"), True),
    ("passport_number", gettext_lazy("Số hộ chiếu"), True),
    ("passport_expiry", gettext_lazy("Ngày hết hạn hộ chiếu (dd/mm/yyyy)"), True),
    ("date_of_birth", gettext_lazy("Ngày sinh (dd/mm/yyyy)"), True),
    ("organisation", gettext_lazy("Cơ quan, tổ chức"), False),
    ("position", gettext_lazy("Chức vụ"), False),
)
DATE_FIELDS = ("passport_expiry", "date_of_birth")


def template_workbook() -> bytes:
    """Return the empty guest list (headings and one example row) as an .xlsx file."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Danh sách khách"))
    sheet.append([str(heading) for _field, heading, _required in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(["TANAKA Hiroshi", "JP", "TZ1234567", "31/12/2030", "15/04/1975", "JETRO", ""])
    for column in "ABCDEFG":
        sheet.column_dimensions[column].width = 28
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def parse_guest_list(file) -> list[GuestData]:
    """Return the guests in an uploaded workbook; raise ValidationError naming bad cells."""
    if validate_upload(file) != XLSX:
        raise ValidationError(_("Danh sách khách phải là tệp Excel (.xlsx)."))
    if unpacked_size(file) > MAX_UNPACKED:
        raise ValidationError(
            _("Tệp Excel danh sách khách quá lớn (tối đa %(max)d khách).") % {"max": MAX_ROWS}
        )
    refuse_xml_declarations(file)
    try:
        sheet = load_workbook(file, read_only=True, data_only=True).active
        numbered = enumerate(sheet.iter_rows(min_row=FIRST_ROW, values_only=True), FIRST_ROW)
        # Stop after one row too many: a 1 MB file can hold a million rows.
        rows = list(islice(((n, v) for n, v in numbered if not _blank(v)), MAX_ROWS + 1))
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ValidationError(_("Không đọc được tệp Excel danh sách khách.")) from error
    finally:
        file.seek(0)
    guests, errors = [], []
    for number, values in rows:
        row, row_errors = _parse_row(values)
        errors += [_cell_error(number, column, message) for column, message in row_errors]
        if row is not None:
            guests.append(row)
    if not guests and not errors:
        errors.append(_("Tệp Excel không có dòng khách nào."))
    if len(rows) > MAX_ROWS:
        errors.append(_("Danh sách có quá %(max)d khách.") % {"max": MAX_ROWS})
    if errors:
        raise ValidationError(errors)
    return guests


def _blank(values) -> bool:
    return all(v is None or str(v).strip() == "" for v in values)


def _cell_error(row: int, column: int, message: str) -> str:
    heading = COLUMNS[column][1]
    return _("Dòng %(row)d, cột “%(column)s”: %(message)s") % {
        "row": row,
        "column": heading,
        "message": message,
    }


def _parse_row(values):
    """Return (GuestData or None, [(column index, message)])."""
    values = list(values) + [None] * len(COLUMNS)
    data, errors = {}, []
    for index, (field, _heading, required) in enumerate(COLUMNS):
        raw = values[index]
        text = "" if raw is None else str(raw).strip()
        if not text:
            if required:
                errors.append((index, _("không được để trống.")))
            data[field] = ""
            continue
        try:
            data[field] = _convert(field, raw, text)
        except ValueError as error:
            errors.append((index, str(error)))
    return (None if errors else GuestData(**data)), errors


def _convert(field: str, raw, text: str):
    if field in DATE_FIELDS:
        return _date(raw, text)
    if field == "nationality":
        code = text.upper() if countries.alpha2(text.upper()) else countries.by_name(text)
        if not code:
            raise ValueError(_("không có quốc gia “%(value)s” trong danh mục.") % {"value": text})
        return code
    if field == "passport_number" and not (5 <= len(text) <= 20):
        raise ValueError(_("số hộ chiếu phải có từ 5 đến 20 ký tự."))
    return text[:255]


def _date(raw, text: str) -> datetime.date:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” không phải ngày hợp lệ (dd/mm/yyyy).") % {"value": text})
