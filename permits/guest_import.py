"""The guest list as an Excel file: a template to download, and its import.

A list is all or nothing: every bad cell is reported by row and column, and nothing
from the file is kept unless every row is good.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from matters.ooxml import refuse_xml_declarations
from organizations import excel
from organizations.excel import Column

from .uploads import MB, XLSX, unpacked_size, validate_upload
from .visit_services import GuestData

MAX_ROWS = 500
# 500 guests take well under 1 MB of sheet XML; openpyxl parses all of it to size a sheet.
MAX_UNPACKED = 10 * MB
COLUMNS = (
    Column("full_name", gettext_lazy("Họ và tên"), True),
    Column("nationality", gettext_lazy("Quốc tịch (mã ISO, ví dụ JP)"), True),
    Column("passport_number", gettext_lazy("Số hộ chiếu"), True),
    Column("passport_expiry", gettext_lazy("Ngày hết hạn hộ chiếu (dd/mm/yyyy)"), True),
    Column("date_of_birth", gettext_lazy("Ngày sinh (dd/mm/yyyy)"), True),
    Column("organisation", gettext_lazy("Cơ quan, tổ chức"), False),
    Column("position", gettext_lazy("Chức vụ"), False),
)
DATE_FIELDS = ("passport_expiry", "date_of_birth")


def template_workbook() -> bytes:
    """Return the empty guest list (headings and one example row) as an .xlsx file."""
    return excel.template_workbook(
        _("Danh sách khách"),
        COLUMNS,
        ["TANAKA Hiroshi", "JP", "TZ1234567", "31/12/2030", "15/04/1975", "JETRO", ""],
        width=28,
    )


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
        rows = excel.read_rows(
            file, max_rows=MAX_ROWS, unreadable=_("Không đọc được tệp Excel danh sách khách.")
        )
    finally:
        file.seek(0)
    guests, errors = [], []
    for number, values in rows:
        data, row_errors = excel.parse_row(values, COLUMNS, _convert)
        errors += [
            excel.cell_error(COLUMNS, number, column, message) for column, message in row_errors
        ]
        if not row_errors:
            guests.append(GuestData(**data))
    if not guests and not errors:
        errors.append(_("Tệp Excel không có dòng khách nào."))
    if len(rows) > MAX_ROWS:
        errors.append(_("Danh sách có quá %(max)d khách.") % {"max": MAX_ROWS})
    if errors:
        raise ValidationError(errors)
    return guests


def _convert(field: str, raw, text: str):
    if field in DATE_FIELDS:
        return excel.parse_date(raw, text)
    if field == "nationality":
        code = text.upper() if countries.alpha2(text.upper()) else countries.by_name(text)
        if not code:
            raise ValueError(_("không có quốc gia “%(value)s” trong danh mục.") % {"value": text})
        return code
    if field == "passport_number" and not (5 <= len(text) <= 20):
        raise ValueError(_("số hộ chiếu phải có từ 5 đến 20 ký tự."))
    return text[:255]
