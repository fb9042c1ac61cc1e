"""The registry of agreements as an Excel workbook."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from organizations.text import workbook_response


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
    rows = (row(agreement) for agreement in agreements)
    return workbook_response(
        columns(), rows, filename="so-dang-ky-thoa-thuan", sheet=_("Sổ đăng ký")
    )
