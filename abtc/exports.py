"""The ABTC statistics and register of cards as an Excel workbook."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from organizations.text import append_rows

from .economies import names

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def statistics_xlsx(figures: dict, cards, year: int | None) -> HttpResponse:
    """Return the figures (by year, economy, business) and the cards, one sheet each."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Theo năm"))
    append_rows(
        sheet,
        [_("Năm"), _("Số hồ sơ được cho phép"), _("Số doanh nhân được cho phép")],
        ([r["year"], r["requests"], r["managers"]] for r in figures["by_year"]),
    )
    sheet = workbook.create_sheet(_("Theo nền kinh tế"))
    append_rows(
        sheet,
        [_("Nền kinh tế"), _("Số doanh nhân")],
        ([r["name"], r["managers"]] for r in figures["by_economy"]),
    )
    sheet = workbook.create_sheet(_("Theo doanh nghiệp"))
    append_rows(
        sheet,
        [_("Doanh nghiệp"), _("Số hồ sơ"), _("Số doanh nhân")],
        ([r["name"], r["requests"], r["managers"]] for r in figures["by_business"]),
    )
    sheet = workbook.create_sheet(_("Sổ thẻ ABTC"))
    append_rows(
        sheet,
        [
            _("Số thẻ"),
            _("Họ và tên"),
            _("Chức vụ"),
            _("Doanh nghiệp"),
            _("Quyết định"),
            _("Ngày cấp"),
            _("Ngày hết hạn"),
            _("Nền kinh tế"),
        ],
        (
            [
                m.card_number,
                m.full_name,
                m.position,
                m.request.unit.name,
                m.request.decision_number,
                m.card_issued_on,
                m.card_expires_on,
                ", ".join(names(m.card_economies)),
            ]
            for m in cards
        ),
    )
    response = HttpResponse(content_type=XLSX)
    suffix = year or timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="thong-ke-the-abtc-{suffix}.xlsx"'
    workbook.save(response)
    return response
