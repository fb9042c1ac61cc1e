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

import re

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


def spreadsheet_cell(sheet, value):
    """Return ``value`` as a write-only cell that openpyxl will write as it reads.

    Text is made XML-safe; a string starting with "=" is written as text, never a formula.
    Any other value is returned as it is.
    """
    value = xml_safe(value)
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
