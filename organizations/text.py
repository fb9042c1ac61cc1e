"""Text every app can accept, store and export: one rule for what XML cannot carry.

Excel and Word files are XML, and XML 1.0 refuses control characters other than tab,
newline and carriage return; Unicode's non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and
the last two code points of every plane) are refused by lxml and mean nothing to anyone.
Forms refuse them at input (``validate_xml_text``, ``XmlSafeTextFields``) and every
export replaces what was stored before (``xml_safe``, ``spreadsheet_cell``) with U+FFFD,
so that a stored title can never stop a file from being built.

This lives on the lowest floor on purpose: ``organizations`` imports none of the other
apps and every app may import it, so the forms of every kind, the auditor's export
(``audit`` may not import ``matters``), the agreements registry and the report's
workbook share one rule and one cell writer instead of importing one another's helpers.
"""

import datetime
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from openpyxl.cell import WriteOnlyCell

REPLACEMENT = "\ufffd"
_PLANE_ENDS = "".join(chr(plane * 0x10000 + end) for plane in range(17) for end in (0xFFFE, 0xFFFF))
ILLEGAL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef" + _PLANE_ENDS + "]"
)


def validate_xml_text(value) -> None:
    """Refuse text holding a control or non-character that no document could carry."""
    found = ILLEGAL_CHARACTERS.search(value or "")
    if found is not None:
        raise ValidationError(
            _("Nội dung có ký tự không được phép (mã %(code)s); hãy xóa ký tự đó rồi gửi lại."),
            code="illegal_character",
            params={"code": f"U+{ord(found.group()):04X}"},
        )


def xml_safe(value):
    """Return ``value`` with every character XML refuses replaced by U+FFFD; non-text as is."""
    if not isinstance(value, str):
        return value
    return ILLEGAL_CHARACTERS.sub(REPLACEMENT, value)


class XmlSafeTextFields:
    """Form mixin: every text field of the form refuses what XML cannot carry.

    Put it before the form class: ``class TripForm(XmlSafeTextFields, forms.ModelForm)``;
    it covers the fields a ModelForm generates, those declared and those a form's
    ``__init__`` adds, because it attaches the validator when the form is cleaned.
    """

    def full_clean(self):
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and validate_xml_text not in field.validators:
                field.validators.append(validate_xml_text)
        super().full_clean()


def fold(text: str) -> str:
    """Return ``text`` without accents, case or extra spaces ("Nguyễn  Văn An" → "nguyen van an").

    What a search compares (``organizations.search``): "hoi nguoi viet" finds "Hội người
    Việt". Đ/đ is a letter of its own, not a D with a mark: Unicode does not decompose it.
    """
    plain = unicodedata.normalize("NFD", (text or "").replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.split()).casefold()


# How a spreadsheet shows a day and a moment: the Vietnamese order, day first.
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


def spreadsheet_cell(sheet, value):
    """Return ``value`` as a write-only cell that openpyxl will write as it reads.

    Text is made XML-safe; a string starting with "=" is written as text, never a formula.
    A date stays a date, shown dd/mm/yyyy (a moment: dd/mm/yyyy hh:mm, local time).
    Any other value is returned as it is.
    """
    value = xml_safe(value)
    if isinstance(value, datetime.date):
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            from django.utils import timezone

            value = timezone.localtime(value).replace(tzinfo=None)
        cell = WriteOnlyCell(sheet, value=value)
        is_moment = isinstance(value, datetime.datetime)
        cell.number_format = DATETIME_FORMAT if is_moment else DATE_FORMAT
        return cell
    if not isinstance(value, str) or not value.startswith("="):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def append_rows(sheet, header, rows) -> None:
    """Append ``header`` and then each row of ``rows`` to a write-only ``sheet``."""
    sheet.append(header)
    for row in rows:
        sheet.append([spreadsheet_cell(sheet, value) for value in row])


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_response(header, rows, *, filename: str, sheet: str):
    """Return a one-sheet workbook of ``header`` and ``rows`` as a download ``filename``.

    The workbook is written as it is read (write-only); the name carries the day.
    """
    from django.http import HttpResponse
    from django.utils import timezone
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    append_rows(workbook.create_sheet(str(sheet)[:31]), header, rows)
    response = HttpResponse(content_type=XLSX)
    name = f"{filename}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    workbook.save(response)
    return response
