"""One-sheet Excel imports: the template, reading the rows, naming a bad cell.

Three imports read a workbook made from a template of one sheet — a trip's guest list
(``permits.guest_import``), the registry of persons (``people.importing``) and past APEC
business travel cards (``abtc.importing``). They share the same contract: row 1 holds the
headings, every later row one record, empty rows skipped; every bad cell is reported as
"Dòng 5, cột “Ngày sinh”: …" and nothing is kept unless every row is good. A column is a
``Column(field, heading, required)``; each import converts a cell's text its own way.

This lives on the lowest floor (``organizations`` imports none of the other apps) so that
the registry, which stands below the kernel (ADR 0016), can use it as the kinds do. The
caller checks the upload itself (type, size, no DTD: ``matters.files``, ``matters.ooxml``).
"""

import datetime
import io
from itertools import islice
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

FIRST_ROW = 2  # row 1 holds the headings
DATE_PATTERNS = ("%d/%m/%Y", "%Y-%m-%d")


class Column(NamedTuple):
    field: str
    heading: str  # lazily translated
    required: bool


def template_workbook(title: str, columns, example, *, width: int | None = None) -> bytes:
    """Return an .xlsx of one sheet ``title``: the headings in bold, then ``example``."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(title)
    sheet.append([str(column.heading) for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(list(example))
    if width is not None:
        for cell in sheet[1]:
            sheet.column_dimensions[cell.column_letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_rows(file, *, max_rows: int, unreadable: str) -> list[tuple[int, tuple]]:
    """Return (row number, values) of the first sheet's non-empty rows below the headings.

    Reading stops one row past ``max_rows`` (a 1 MB file can hold a million rows): the
    caller refuses a list that long. A damaged file raises ValidationError(``unreadable``).
    """
    try:
        sheet = load_workbook(file, read_only=True, data_only=True).active
        numbered = enumerate(sheet.iter_rows(min_row=FIRST_ROW, values_only=True), FIRST_ROW)
        return list(islice(((n, v) for n, v in numbered if not blank(v)), max_rows + 1))
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ValidationError(unreadable) from error


def blank(values) -> bool:
    """Return True if every cell of a row is empty."""
    return all(v is None or str(v).strip() == "" for v in values)


def column_index(columns, name: str) -> int:
    """Return the position of the column of field ``name``."""
    return next(i for i, column in enumerate(columns) if column.field == name)


def cell_error(columns, row: int, column: int, message: str) -> str:
    """Return "Dòng 5, cột “<heading>”: <message>"."""
    return _("Dòng %(row)d, cột “%(column)s”: %(message)s") % {
        "row": row,
        "column": columns[column].heading,
        "message": message,
    }


def parse_row(values, columns, convert, *, empty=lambda field: "") -> tuple[dict, list]:
    """Return the row's fields and [(column index, message)] of its bad cells.

    ``convert(field, raw, text)`` returns a cell's value or raises ValueError with the
    message; an empty cell is ``empty(field)``, or an error if its column is required.
    """
    values = list(values) + [None] * len(columns)
    data, errors = {}, []
    for index, column in enumerate(columns):
        raw = values[index]
        text = "" if raw is None else str(raw).strip()
        if not text:
            if column.required:
                errors.append((index, _("không được để trống.")))
            data[column.field] = empty(column.field)
            continue
        try:
            data[column.field] = convert(column.field, raw, text)
        except ValueError as error:
            errors.append((index, str(error)))
    return data, errors


def parse_date(raw, text: str) -> datetime.date:
    """Return a date cell's date, or the date written "dd/mm/yyyy" (or "yyyy-mm-dd")."""
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    for pattern in DATE_PATTERNS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” không phải ngày hợp lệ (dd/mm/yyyy).") % {"value": text})
