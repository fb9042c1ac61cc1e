"""The registry of agreements as an Excel workbook."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from organizations.text import append_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def columns() -> list[str]:
    return [
        _("Mã hồ sơ"),
        _("Tên thỏa thuận"),
        _("Loại văn bản"),
        _("Lĩnh vực"),
        _("Đối tác nước ngoài"),
        _("Quốc gia"),
        _("Đơn vị đề xuất"),
        _("Ngày ký"),
        _("Nơi ký"),
        _("Người ký"),
        _("Hiệu lực từ"),
        _("Hiệu lực đến"),
        _("Tình trạng"),
        _("Ngày báo cáo Thủ tướng"),
    ]


def row(agreement) -> list:
    return [
        agreement.reference,
        agreement.title,
        agreement.get_kind_display(),
        agreement.get_field_display(),
        agreement.partner,
        agreement.partner_country.name,
        agreement.unit.name,
        agreement.signed_on,
        agreement.signed_place,
        agreement.signed_by,
        agreement.valid_from,
        agreement.valid_until,
        agreement.get_status_display(),
        agreement.reported_on,
    ]


def registry_xlsx(agreements) -> HttpResponse:
    """Return ``agreements`` as a one-sheet workbook (text never becomes a formula)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Sổ đăng ký"))
    append_rows(sheet, columns(), (row(agreement) for agreement in agreements))
    response = HttpResponse(content_type=XLSX)
    name = f"so-dang-ky-thoa-thuan-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    workbook.save(response)
    return response
