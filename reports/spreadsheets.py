"""The foreign-affairs report as an Excel workbook.

The report to the ministry (``report_xlsx``): the first sheet (Tổng hợp) holds every
figure of ``figures.full_report`` under its Vietnamese label ("Đoàn ra đến Pháp", one
label per JSON key: ``label``; no internal key is shown), beside the comparison
period's: its figures equal the JSON's. One sheet per kind then lists the records
counted. No person is named and no processing figure is given: those are in the
internal management report (``internal_xlsx``), for the focal agency and the leaders.
Guests' passports and dates of birth are never exported.
"""

import datetime
import io

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from organizations.text import spreadsheet_cell
from permits.models import TripMember

from . import figures, structure
from .formatting import countries_in_vi_order, country_name_vi, period_phrase_vi

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUMMARY_SHEET = "Tổng hợp"
SECTION_LABELS = {
    "outbound_trips": "Đoàn ra",
    "inbound_visits": "Đoàn vào",
    "agreements": "Thỏa thuận quốc tế",
    "conferences": "Hội nghị, hội thảo quốc tế",
    "consular": "Lãnh sự, bảo hộ công dân",
    "ngo_aid": "Viện trợ phi chính phủ nước ngoài",
}
KEY_LABELS = {
    "outbound_trips.count": "Số đoàn ra",
    "outbound_trips.members": "Số lượt người đi nước ngoài",
    "inbound_visits.count": "Số đoàn vào",
    "inbound_visits.persons": "Số lượt khách nước ngoài",
    "inbound_visits.country_count": "Số quốc gia có khách",
    "agreements.signed": "Số thỏa thuận quốc tế ký kết",
    "conferences.count": "Số hội nghị, hội thảo quốc tế",
    "conferences.participants": "Số lượt người tham dự hội nghị, hội thảo",
    "consular.foreigners_in_distress": "Số trường hợp người nước ngoài gặp nạn",
    "consular.citizens_detained_abroad": "Số công dân gặp nạn, bị bắt giữ ở nước ngoài",
    "consular.citizen_cases": "Số vụ việc công dân ở nước ngoài",
    "consular.fishermen_detained": "Số ngư dân bị nước ngoài bắt giữ",
    "consular.fishing_vessels": "Số tàu cá bị nước ngoài bắt giữ",
    "ngo_aid.projects": "Số chương trình, dự án viện trợ PCPNN được phê duyệt",
    "ngo_aid.value_usd": "Tổng giá trị cam kết (USD)",
    "ngo_aid.disbursed_usd": "Giá trị giải ngân trong kỳ (USD)",
    "ngo_aid.meetings": "Số cuộc gặp với các tổ chức PCPNN",
    "processing.submitted": "Hồ sơ tiếp nhận",
    "processing.approved": "Hồ sơ được phê duyệt",
    "processing.rejected": "Hồ sơ không chấp thuận",
    "processing.returned": "Lượt trả lại để bổ sung",
    "processing.median_working_days_to_decision": "Thời gian giải quyết (trung vị, ngày làm việc)",
    "processing.overdue_steps": "Bước xử lý quá hạn",
}
COUNTRY_LABELS = {
    "outbound_trips.countries": "Đoàn ra đến {country}",
    "inbound_visits.countries": "Khách quốc tịch {country}",
    "agreements.countries": "Thỏa thuận với đối tác {country}",
    "consular.by_nationality": "Người nước ngoài gặp nạn quốc tịch {country}",
    "ngo_aid.by_donor_country": "Viện trợ PCPNN của tổ chức {country}",
}


def flatten(figures_dict: dict, sections=SECTION_LABELS) -> dict:
    """Return ``{"outbound_trips.count": 6, "outbound_trips.countries.FR": 1, ...}``."""
    flat = {}
    for section in sections:
        for key, value in figures_dict.get(section, {}).items():
            if isinstance(value, dict):
                for code, n in value.items():
                    flat[f"{section}.{key}.{code}"] = n
            else:
                flat[f"{section}.{key}"] = value
    return flat


def label(key: str) -> str:
    """Return the Vietnamese label of a flattened figure key ("Đoàn ra đến Pháp")."""
    if key in KEY_LABELS:
        return KEY_LABELS[key]
    prefix, _dot, code = key.rpartition(".")
    return COUNTRY_LABELS[prefix].format(country=country_name_vi(code))


def report_xlsx(report: dict) -> bytes:
    """Return the workbook of ``report`` (``figures.full_report``'s dictionary)."""
    date_from = datetime.date.fromisoformat(report["period"]["from"])
    date_to = datetime.date.fromisoformat(report["period"]["to"])
    workbook = Workbook(write_only=True)
    with translation.override("vi"):
        _summary(workbook, report)
        _records(workbook, "Đoàn ra", TRIP_COLUMNS, _trip_rows(date_from, date_to))
        _records(workbook, "Đoàn vào", VISIT_COLUMNS, _visit_rows(date_from, date_to))
        _records(workbook, "Thỏa thuận", AGREEMENT_COLUMNS, _agreement_rows(date_from, date_to))
        _records(workbook, "Hội nghị", CONFERENCE_COLUMNS, _conference_rows(date_from, date_to))
        _records(workbook, "Lãnh sự", CONSULAR_COLUMNS, _consular_rows(date_from, date_to))
        _records(workbook, "Số liệu cơ quan khác", ENTERED_COLUMNS, _entered_rows(report))
        if "sections" in report:
            _records(workbook, "Các phần báo cáo", PART_COLUMNS, _part_rows(report))
    return _saved(workbook)


def internal_xlsx(report: dict) -> bytes:
    """Return the internal management report's workbook (``figures.internal_report``)."""
    workbook = Workbook(write_only=True)
    with translation.override("vi"):
        _summary(workbook, report, title="BÁO CÁO QUẢN LÝ NỘI BỘ", sections=("processing",))
        _processing(workbook, report)
        _records(
            workbook,
            "Chuyến đi theo cán bộ",
            (("Họ và tên", 36), ("Số chuyến đi", 14)),
            (
                (row["label"], row["count"])
                for row in report["breakdowns"]["outbound_trips"]["by_person"]
            ),
        )
    return _saved(workbook)


def _saved(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet, value, *, bold=False):
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    if bold:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = Font(bold=True)
        return cell
    return spreadsheet_cell(sheet, value)


def _header(sheet, columns) -> None:
    sheet.append([_cell(sheet, column, bold=True) for column in columns])


def _summary(
    workbook, report, *, title="BÁO CÁO CÔNG TÁC ĐỐI NGOẠI", sections=SECTION_LABELS
) -> None:
    sheet = workbook.create_sheet(SUMMARY_SHEET)
    for column, width in zip("ABCD", (48, 14, 20, 14), strict=True):
        sheet.column_dimensions[column].width = width
    period = report["period"]
    sheet.append([_cell(sheet, title, bold=True)])
    sheet.append(["Từ ngày", _cell(sheet, datetime.date.fromisoformat(period["from"]))])
    sheet.append(["Đến ngày", _cell(sheet, datetime.date.fromisoformat(period["to"]))])
    compared_with = "Cùng kỳ năm trước"
    if comparison := report.get("comparison"):
        compared_with = comparison["label"][0].upper() + comparison["label"][1:]
        start = datetime.date.fromisoformat(comparison["from"])
        end = datetime.date.fromisoformat(comparison["to"])
        sheet.append([compared_with, _cell(sheet, start), _cell(sheet, end)])
    sheet.append([])
    _header(sheet, ("Chỉ tiêu", "Kỳ báo cáo", compared_with, "Tăng, giảm"))
    current = flatten(report, sections)
    previous = (
        flatten(report["same_period_last_year"], sections)
        if report.get("same_period_last_year")
        else {}
    )
    for key in [*current, *(k for k in previous if k not in current)]:
        now, before = current.get(key, 0), previous.get(key, 0) if previous else None
        difference = None if now is None or before is None else round(now - before, 1)
        sheet.append([label(key), now, before, difference])


def _records(workbook, title, columns, rows) -> None:
    sheet = workbook.create_sheet(title)
    for index, (_name, width) in enumerate(columns):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    _header(sheet, [name for name, _width in columns])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def _countries(value) -> str:
    codes = countries_in_vi_order(figures.country_codes(value))
    return ", ".join(country_name_vi(code) for code in codes)


TRIP_COLUMNS = (
    ("Mã hồ sơ", 18), ("Tên đoàn", 40), ("Đơn vị đề nghị", 28), ("Mục đích", 24),
    ("Quốc gia đến", 28), ("Ngày đi", 12), ("Ngày về", 12), ("Nguồn kinh phí", 22),
    ("Cấp trưởng đoàn", 28), ("Số thành viên", 12),
    ("Số quyết định", 16), ("Trạng thái", 20),
)  # fmt: skip


def _trip_rows(date_from, date_to):
    heads = TripMember.objects.filter(
        trip=OuterRef("pk"), delegation_role=TripMember.DelegationRole.HEAD
    )
    trips = (
        figures.counted_trips(date_from, date_to)
        .select_related("unit", "purpose")
        .annotate(
            member_count=Count("members"),
            head_level=Subquery(heads.values("leader_level")[:1]),
        )
        .order_by("start_date", "reference")
    )
    levels = dict(TripMember._meta.get_field("leader_level").choices)
    for trip in trips:
        yield (
            trip.reference, trip.title, trip.unit.name, trip.purpose.name,
            _countries(trip.countries), trip.start_date, trip.end_date,
            trip.get_funding_source_display() or figures.UNKNOWN_LABEL,
            str(levels.get(trip.head_level, "")), trip.member_count,
            trip.decision_number, trip.get_status_display(),
        )  # fmt: skip


VISIT_COLUMNS = (
    ("Mã hồ sơ", 18), ("Tên đoàn", 40), ("Cơ quan, tổ chức nước ngoài", 32),
    ("Đơn vị đón tiếp", 28), ("Quốc gia của đoàn", 24), ("Ngày đến", 12), ("Ngày đi", 12),
    ("Số khách", 10), ("Lãnh đạo tỉnh tiếp", 12), ("Số văn bản chấp thuận", 18),
    ("Trạng thái", 20),
)  # fmt: skip


def _visit_rows(date_from, date_to):
    visits = (
        figures.counted_visits(date_from, date_to)
        .select_related("unit")
        .annotate(persons=Count("guests", filter=Q(guests__removed=False)))
        .order_by("start_date", "reference")
    )
    for visit in visits:
        yield (
            visit.reference, visit.title, visit.organisation, visit.unit.name,
            _countries(visit.countries), visit.start_date, visit.end_date, visit.persons,
            "Có" if visit.received_by_provincial_leaders else "", visit.decision_number,
            visit.get_status_display(),
        )  # fmt: skip


AGREEMENT_COLUMNS = (
    ("Mã hồ sơ", 18), ("Tên thỏa thuận", 40), ("Loại văn bản", 22), ("Lĩnh vực", 26),
    ("Đối tác nước ngoài", 30), ("Quốc gia", 18), ("Đơn vị đề xuất", 28), ("Ngày ký", 12),
    ("Cấp ký kết", 24), ("Tình trạng", 20),
)  # fmt: skip


def _agreement_rows(date_from, date_to):
    agreements = (
        figures.counted_agreements(date_from, date_to)
        .select_related("unit")
        .order_by("signed_on", "reference")
    )
    for agreement in agreements:
        yield (
            agreement.reference, agreement.title, agreement.get_kind_display(),
            agreement.get_field_display(), agreement.partner,
            country_name_vi(str(agreement.partner_country)), agreement.unit.name,
            agreement.signed_on, agreement.get_signer_level_display(),
            agreement.get_status_display(),
        )  # fmt: skip


CONFERENCE_COLUMNS = (
    ("Mã hồ sơ", 18), ("Tên hội nghị, hội thảo", 40), ("Đơn vị tổ chức", 28),
    ("Quốc gia tham dự", 28), ("Địa điểm", 24), ("Ngày bắt đầu", 12), ("Ngày kết thúc", 12),
    ("Số đại biểu dự kiến", 12), ("Số đại biểu thực tế", 12), ("Trạng thái", 20),
)  # fmt: skip


def _conference_rows(date_from, date_to):
    conferences = figures.counted_conferences(date_from, date_to)
    if conferences is None:
        return
    for conference in conferences.select_related("unit").order_by("start_date", "reference"):
        yield (
            conference.reference, conference.title, conference.unit.name,
            _countries(conference.countries), conference.place, conference.start_date,
            conference.end_date, conference.participants_planned,
            conference.participants_actual, conference.get_status_display(),
        )  # fmt: skip


CONSULAR_COLUMNS = (
    ("Mã vụ việc", 18), ("Loại vụ việc", 36), ("Sự việc", 20), ("Ngày xảy ra", 12),
    ("Quốc tịch", 18), ("Quốc gia, vùng biển xảy ra", 28), ("Số người", 10),
    ("Số hiệu tàu", 16), ("Tình trạng", 18),
)  # fmt: skip


def _consular_rows(date_from, date_to):
    """The consular cases of the period, without any person's name or document."""
    cases = figures.ConsularCase.objects.filter(
        occurred_on__gte=date_from, occurred_on__lte=date_to
    ).order_by("occurred_on", "reference")
    for case in cases:
        where = ", ".join(
            part
            for part in (country_name_vi(str(case.country)) if case.country else "", case.sea_area)
            if part
        )
        yield (
            case.reference, case.get_group_display(), case.get_incident_display(),
            case.occurred_on,
            country_name_vi(str(case.nationality)) if case.nationality else "", where,
            case.people_count, case.vessel_number, case.get_status_display(),
        )  # fmt: skip


def _processing(workbook, report) -> None:
    details = (report.get("breakdowns") or {}).get("processing")
    if not details:
        return
    sheet = workbook.create_sheet("Xử lý hồ sơ")
    sheet.column_dimensions["A"].width = 36
    _header(sheet, ("Loại hồ sơ", "Tiếp nhận", "Phê duyệt", "Không chấp thuận", "Trả lại"))
    for row in details["by_kind"]:
        sheet.append(
            [row["label"], row["submitted"], row["approved"], row["rejected"], row["returned"]]
        )
    sheet.append([])
    _header(sheet, ("Thời gian giải quyết", "Số hồ sơ"))
    for row in details["decision_time"]:
        sheet.append([row["label"], row["count"]])
    sheet.append([])
    _header(sheet, ("Bước xử lý quá hạn", "Số bước"))
    for row in details["overdue_by_stage"]:
        sheet.append([row["label"], row["count"]])


ENTERED_COLUMNS = (
    ("Chỉ tiêu", 36), ("Kỳ số liệu", 26), ("Số liệu", 12), ("Đơn vị tính", 14),
    ("Cơ quan cung cấp", 28), ("Văn bản", 40),
)  # fmt: skip


def _entered_rows(report):
    """The figures other offices gave for the period, each with its source and document."""
    for row in report.get("economic", []) + report.get("other_offices", []):
        start, end = (datetime.date.fromisoformat(row[key]) for key in ("from", "to"))
        value = int(row["value"]) if float(row["value"]).is_integer() else row["value"]
        yield (
            row["label"], period_phrase_vi(start, end), value, row["unit"], row["source"],
            row["document"],
        )  # fmt: skip


PART_COLUMNS = (("Phần", 8), ("Tên phần", 48), ("Tình trạng", 48),
                ("Nội dung do chuyên viên nhập", 80))  # fmt: skip


def _part_rows(report):
    """The parts I–V: complete or what each lacks, and the specialist's text."""
    texts = structure.texts_of(report)
    for row in report["sections"]:
        state = "Đủ nội dung" if row["complete"] else f"Còn thiếu: {row['missing']}"
        yield row["number"], row["title"], state, (texts.get(row["key"]) or "").strip()
