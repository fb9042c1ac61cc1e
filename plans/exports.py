"""The compiled plan and the plan against actual, as Excel workbooks (openpyxl)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from organizations.text import append_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _response(workbook, name: str) -> HttpResponse:
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    workbook.save(response)
    return response


def compiled_xlsx(plan_round, items, flags: dict) -> HttpResponse:
    """Return the round's items as a one-sheet workbook (text never becomes a formula)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Kế hoạch tổng hợp"))
    header = [
        _("Đơn vị"),
        _("Loại"),
        _("Nội dung"),
        _("Mục đích"),
        _("Quốc gia"),
        _("Đối tác"),
        _("Thời gian"),
        _("Trưởng đoàn"),
        _("Cấp trưởng đoàn"),
        _("Số người"),
        _("Số ngày"),
        _("Nguồn kinh phí"),
        _("Kinh phí dự kiến (đồng)"),
        _("Diện BTV Tỉnh ủy quản lý"),
        _("Trạng thái"),
        _("Lưu ý"),
    ]
    rows = (
        [
            item.unit.name,
            item.get_kind_display(),
            item.title,
            item.purpose,
            ", ".join(str(c.name) for c in item.countries),
            item.partner,
            item.period,
            item.head_name,
            item.get_head_level_display(),
            item.size,
            item.days,
            item.get_funding_source_display(),
            int(item.estimated_cost),
            _("Có") if item.party_managed else "",
            _status(item),
            " ".join(flags.get(item.pk, [])),
        ]
        for item in items
    )
    append_rows(sheet, header, rows)
    return _response(workbook, f"ke-hoach-doan-ra-doan-vao-{plan_round.year}.xlsx")


def _status(item) -> str:
    if item.withdrawn_in:
        return str(_("Đã được thay thế"))
    if item.approved:
        return str(_("Đã phê duyệt"))
    if item.replaces_id:
        return _("%(status)s (thay thế mục “%(title)s”)") % {
            "status": item.unit_plan.get_status_display(),
            "title": item.replaces.title,
        }
    return item.unit_plan.get_status_display()


MEASURES = ("planned", "done", "not_done", "unplanned", "estimated", "actual")


def actual_xlsx(figures: dict, kind_labels: dict) -> HttpResponse:
    """Return the plan against actual of a year, a row per unit and kind."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Kế hoạch và thực hiện"))
    header = [
        _("Đơn vị"),
        _("Loại"),
        _("Kế hoạch"),
        _("Đã thực hiện"),
        _("Chưa thực hiện"),
        _("Phát sinh ngoài kế hoạch"),
        _("Kinh phí dự kiến (đồng)"),
        _("Kinh phí theo hồ sơ được duyệt (đồng)"),
    ]
    rows = []
    for unit in [*figures["units"], {"unit": _("Toàn tỉnh"), "kinds": figures["total"]}]:
        for key, label in kind_labels.items():
            cell = unit["kinds"][key]
            rows.append([str(unit["unit"]), str(label), *(int(cell[m]) for m in MEASURES)])
    append_rows(sheet, header, rows)
    return _response(workbook, f"ke-hoach-va-thuc-hien-{figures['year']}.xlsx")
