"""Text as spreadsheets write it, for every app's exports.

This lives on the lowest floor on purpose: ``organizations`` imports none of the other
apps and every app may import it, so the auditor's export (``audit``, which may not
import ``matters``), the agreements registry and the report's workbook share one cell
writer instead of importing one another's private helpers.
"""

from openpyxl.cell import WriteOnlyCell


def spreadsheet_cell(sheet, value):
    """Return ``value`` as a write-only cell openpyxl will not turn into a formula.

    A string starting with "=" is written as text; any other value is returned as it is.
    """
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
