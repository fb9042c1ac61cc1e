"""The foreign-affairs report (báo cáo công tác đối ngoại) as a Word file.

It reads like section 2 of the seed report ("có 72 đoàn với 766 lượt người của 26 quốc
gia đến thăm và làm việc tại tỉnh"), in the Decree 30/2020 layout of a báo cáo by the
provincial People's Committee, with the parts of ``matters.documents``:
issuer and number (…/BC-UBND, numbered when issued) on the left, motto and place-date
on the right, title, "Kính gửi", the body, tables, recipients beside the signature.

Counts below ten are padded ("06 đoàn"), numbers use the dot (2.720), dates in the text
read "ngày 05 tháng 02 năm 2023" and country names are Vietnamese. The report is a
document in Vietnamese, like the decisions, so its wording is not marked for translation.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from matters import documents as doc
from matters.documents import TEXT_WIDTH_CM, join_vi, long_date_vi, province_names
from organizations.models import Province, StaffProfile

from . import figures
from .formatting import count_vi, country_name_vi, number_vi, signed_vi

DEFAULT_RECIPIENT = "Bộ Ngoại giao"
PROVINCE_LEADER_LEVELS = {
    StaffProfile.LeaderLevel.CHAIRMAN,
    StaffProfile.LeaderLevel.VICE_CHAIRMAN,
    StaffProfile.LeaderLevel.PROVINCE_LEADER,
}


def report_docx(report: dict, *, today: datetime.date | None = None) -> bytes:
    """Return the Word file of ``report`` (``figures.full_report``'s dictionary)."""
    with translation.override("vi"):
        province = Province.current()
        names = province_names(province.name)
        period = _period(report)
        today = today or timezone.localdate()
        document = doc.new_document()
        doc.heading(
            document, names.upper, "      /BC-UBND", f"{names.place}, {long_date_vi(today)}"
        )
        _title(document, period)
        recipient = getattr(settings, "FOREIGN_AFFAIRS_REPORT_RECIPIENT", DEFAULT_RECIPIENT)
        doc.centered(document, f"Kính gửi: {recipient}", space_before=6, space_after=12)
        doc.body(
            document,
            f"Ủy ban nhân dân {names.full} báo cáo kết quả triển khai công tác đối ngoại "
            f"địa phương {period.lower_phrase} như sau:",
        )
        for paragraph in narrative(report):
            doc.body(document, paragraph.text, bold=paragraph.bold)
        _comparison_table(document, report)
        _detail_tables(document, report)
        doc.body(
            document,
            f"Trên đây là kết quả triển khai công tác đối ngoại địa phương {period.lower_phrase}; "
            f"Ủy ban nhân dân {names.full} kính báo cáo {recipient} xem xét, tổng hợp./.",
            space_before=6,
        )
        _closing(document, province, recipient)
        return doc.as_bytes(document)


class _Period:
    def __init__(self, start: datetime.date, end: datetime.date):
        self.start, self.end = start, end
        # "Từ ngày 01 tháng 01 năm 2022 đến ngày 31 tháng 8 năm 2023"
        self.phrase = f"Từ {long_date_vi(start)} đến {long_date_vi(end)}"
        self.lower_phrase = f"từ {long_date_vi(start)} đến {long_date_vi(end)}"


def _period(report: dict) -> _Period:
    return _Period(
        datetime.date.fromisoformat(report["period"]["from"]),
        datetime.date.fromisoformat(report["period"]["to"]),
    )


def _title(document, period: _Period) -> None:
    doc.centered(document, "BÁO CÁO", bold=True, space_before=18)
    doc.centered(document, "Kết quả triển khai công tác đối ngoại địa phương", bold=True)
    doc.centered(document, period.lower_phrase, bold=True)
    doc.rule(document, cell_cm=TEXT_WIDTH_CM, line_cm=4.0)


# -- The text ------------------------------------------------------------------------------


class Paragraph:
    def __init__(self, text: str, bold: bool = False):
        self.text, self.bold = text, bold

    def __repr__(self):
        return self.text


def narrative(report: dict) -> list[Paragraph]:
    """Return the paragraphs of the report's text, as the seed's section 2 words them."""
    period = _period(report)
    previous = report.get("same_period_last_year")
    details = report.get("breakdowns") or {}
    return [
        Paragraph("1. Tình hình triển khai công tác đối ngoại tại địa phương", bold=True),
        Paragraph(
            "a) Đối với công tác tổ chức và quản lý đoàn ra/đoàn vào, hội nghị/hội thảo quốc tế:",
            bold=True,
        ),
        Paragraph(_outbound(report, previous, details, period)),
        Paragraph(_inbound(report, previous, period)),
        Paragraph(_conferences(report, previous, period)),
        Paragraph(_agreements(report, previous, period)),
        Paragraph(_processing(report, previous)),
    ]


def _versus(report, previous, section: str, key: str, noun: str) -> str:
    """Return "; so với cùng kỳ năm trước (04 đoàn), tăng 02 đoàn" or ""."""
    if not previous:
        return ""
    now, before = report[section][key], previous[section][key]
    if not before:
        return f"; cùng kỳ năm trước không có {noun} nào" if now else ""
    base = f"so với cùng kỳ năm trước ({count_vi(before)} {noun})"
    if now == before:
        return f"; {base}, không thay đổi"
    change = "tăng" if now > before else "giảm"
    return f"; {base}, {change} {count_vi(abs(now - before))} {noun}"


def _countries(codes) -> str:
    return join_vi([country_name_vi(code) for code in codes])


def _outbound(report, previous, details, period) -> str:
    trips = report["outbound_trips"]
    if not trips["count"]:
        text = f"- Đoàn ra: {period.phrase}, không có đoàn công tác nào đi nước ngoài"
    else:
        text = (
            f"- Đoàn ra: {period.phrase}, có {count_vi(trips['count'])} đoàn công tác với "
            f"{count_vi(trips['members'])} lượt người đi nước ngoài (đến các nước: "
            f"{_countries(trips['countries'])})"
        )
        levels = details.get("outbound_trips", {}).get("by_head_level", [])
        led = sum(row["count"] for row in levels if row["key"] in PROVINCE_LEADER_LEVELS)
        if led:
            text += f", trong đó {count_vi(led)} đoàn do lãnh đạo tỉnh dẫn đầu"
    return text + _versus(report, previous, "outbound_trips", "count", "đoàn") + "."


def _inbound(report, previous, period) -> str:
    visits = report["inbound_visits"]
    if not visits["count"]:
        text = f"- Đoàn vào: {period.phrase}, không có đoàn khách nước ngoài nào đến tỉnh"
    else:
        text = (
            f"- Đoàn vào: {period.phrase}, có {count_vi(visits['count'])} đoàn với "
            f"{count_vi(visits['persons'])} lượt người của {count_vi(visits['country_count'])} "
            "quốc gia đến thăm và làm việc tại tỉnh"
        )
        top = list(visits["countries"].items())[:5]
        if top:
            most = ", ".join(f"{country_name_vi(c)} {count_vi(n)} lượt người" for c, n in top)
            text += f" (nhiều nhất: {most})"
    return text + _versus(report, previous, "inbound_visits", "count", "đoàn") + "."


def _conferences(report, previous, period) -> str:
    conferences = report["conferences"]
    lead = "- Công tác tổ chức và quản lý hội nghị/hội thảo quốc tế"
    if not conferences["count"]:
        text = f"{lead}: {period.phrase}, không có hội nghị, hội thảo quốc tế nào tổ chức tại tỉnh"
    else:
        text = (
            f"{lead}: {period.phrase}, có {count_vi(conferences['count'])} hội nghị, hội thảo "
            "quốc tế được tổ chức tại tỉnh với sự tham gia của "
            f"{count_vi(conferences['participants'])} lượt người"
        )
    return text + _versus(report, previous, "conferences", "count", "hội nghị, hội thảo") + "."


def _agreements(report, previous, period) -> str:
    agreements = report["agreements"]
    lead = (
        "b) Thiết lập các thỏa thuận, cơ chế hợp tác cấp địa phương với đối tác nước ngoài: "
        f"{period.phrase}, "
    )
    if not agreements["signed"]:
        text = f"{lead}các cơ quan, đơn vị trên địa bàn tỉnh chưa ký kết thỏa thuận quốc tế mới"
    else:
        partners = ", ".join(
            f"{country_name_vi(code)} ({count_vi(n)})"
            for code, n in agreements["countries"].items()
        )
        text = (
            f"{lead}các cơ quan, đơn vị trên địa bàn tỉnh đã ký kết "
            f"{count_vi(agreements['signed'])} thỏa thuận quốc tế mới (với đối tác các nước: "
            f"{partners})"
        )
    return text + _versus(report, previous, "agreements", "signed", "thỏa thuận") + "."


def _processing(report, previous) -> str:
    p = report["processing"]
    lead = "c) Công tác tiếp nhận, giải quyết hồ sơ đối ngoại: trong kỳ, "
    if not any(p[key] for key in ("submitted", "approved", "rejected", "returned")):
        text = f"{lead}không có hồ sơ nào được tiếp nhận, giải quyết qua hệ thống"
    else:
        text = (
            f"{lead}tiếp nhận {count_vi(p['submitted'])} hồ sơ; {count_vi(p['approved'])} hồ sơ "
            f"được phê duyệt, {count_vi(p['rejected'])} hồ sơ không được chấp thuận, "
            f"{count_vi(p['returned'])} lượt trả lại để bổ sung"
        )
    median = p["median_working_days_to_decision"]
    if median is not None:
        text += (
            f"; thời gian giải quyết (trung vị, từ khi nộp hồ sơ đến khi có quyết định) là "
            f"{number_vi(median)} ngày làm việc"
        )
    if p["overdue_steps"]:
        text += f"; có {count_vi(p['overdue_steps'])} bước xử lý quá hạn"
    else:
        text += "; không có bước xử lý quá hạn"
    return text + _versus(report, previous, "processing", "submitted", "hồ sơ") + "."


# -- Tables --------------------------------------------------------------------------------


def _table(document, caption: str, header, rows, widths) -> None:
    doc.write(document, caption, bold=True, size=13, space_before=12, space_after=6)
    doc.grid_table(document, header, [[str(value) for value in row] for row in rows], widths)


def _comparison_table(document, report) -> None:
    previous = report.get("same_period_last_year")
    if not previous:
        return
    rows = [
        (row["label"], _cell(row["current"]), _cell(row["previous"]), signed_vi(row["difference"]))
        for row in figures.changes(report, previous)
    ]
    doc.write(document, "2. So sánh với cùng kỳ năm trước", bold=True, space_before=12)
    _table(
        document,
        "Bảng 1. Số liệu chủ yếu so với cùng kỳ năm trước",
        ("Chỉ tiêu", "Kỳ báo cáo", "Cùng kỳ năm trước", "Tăng (+), giảm (-)"),
        rows,
        (7.0, 3.0, 3.0, 3.0),
    )


def _cell(value) -> str:
    return "–" if value is None else number_vi(value)


def _ranked(rows, measure="count"):
    return [(str(i), row["label"], number_vi(row[measure])) for i, row in enumerate(rows, 1)]


# caption, first column, measure column, breakdown section and key, measure
DETAIL_TABLES = (
    ("Đoàn ra theo quốc gia đến", "Quốc gia", "Số đoàn",
     "outbound_trips", "by_country", "count"),
    ("Đoàn ra theo đơn vị", "Đơn vị", "Số đoàn", "outbound_trips", "by_unit", "count"),
    ("Đoàn ra theo cấp trưởng đoàn", "Trưởng đoàn", "Số đoàn",
     "outbound_trips", "by_head_level", "count"),
    ("Đoàn ra theo mục đích", "Mục đích", "Số đoàn", "outbound_trips", "by_purpose", "count"),
    ("Đoàn ra theo nguồn kinh phí", "Nguồn kinh phí", "Số đoàn",
     "outbound_trips", "by_funding_source", "count"),
    ("Số chuyến đi nước ngoài của từng cán bộ", "Họ và tên", "Số chuyến",
     "outbound_trips", "by_person", "count"),
    ("Khách nước ngoài theo quốc tịch", "Quốc gia", "Lượt người",
     "inbound_visits", "by_country", "persons"),
    ("Đoàn vào theo đơn vị đón tiếp", "Đơn vị", "Số đoàn", "inbound_visits", "by_unit", "count"),
    ("Thỏa thuận quốc tế theo quốc gia đối tác", "Quốc gia", "Số thỏa thuận",
     "agreements", "by_country", "count"),
    ("Thỏa thuận quốc tế theo lĩnh vực", "Lĩnh vực", "Số thỏa thuận",
     "agreements", "by_field", "count"),
    ("Bước xử lý quá hạn", "Bước xử lý", "Số bước", "processing", "overdue_by_stage", "count"),
    ("Đoàn ra điều chỉnh, hủy sau khi ban hành quyết định", "Văn bản", "Số đoàn",
     "outbound_trips", "by_document", "count"),
    ("Đoàn vào điều chỉnh, hủy sau khi ban hành văn bản", "Văn bản", "Số đoàn",
     "inbound_visits", "by_document", "count"),
)  # fmt: skip


def _detail_tables(document, report) -> None:
    details = report.get("breakdowns")
    if not details:
        return
    doc.write(document, "3. Số liệu chi tiết", bold=True, space_before=12)
    widths = (1.5, 10.5, 4.0)
    tables = [
        (caption, column, measure_label, details[section][key], measure)
        for caption, column, measure_label, section, key, measure in DETAIL_TABLES
    ]
    number = 2
    for caption, column, measure_label, rows, measure in tables:
        if not rows:
            continue
        _table(
            document,
            f"Bảng {number}. {caption}",
            ("STT", column, measure_label),
            _ranked(rows, measure),
            widths,
        )
        number += 1


# -- Recipients and signature --------------------------------------------------------------


def _closing(document, province, recipient: str) -> None:
    recipients = doc.recipients(
        "Như trên;", "CT, các PCT UBND tỉnh;", f"{doc.focal_name(province)};"
    )
    signer = province.foreign_affairs_leader or province.chairman
    lines = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    if signer is not None:
        try:
            authority, title = doc.signature_block(signer)
        except ValidationError:  # no leader's level on record: the default block
            authority, title = lines
        lines = [authority, title] if authority.startswith("TM.") else [lines[0], authority, title]
    doc.closing(document, recipients, lines, signer.get_full_name() if signer else None)
