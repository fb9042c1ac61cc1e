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
from matters import issuance
from matters.documents import TEXT_WIDTH_CM, join_vi, long_date_vi, province_names
from organizations.models import Province, StaffProfile

from . import figures, structure
from .formatting import (
    count_vi,
    countries_in_vi_order,
    country_name_vi,
    decimal_vi,
    number_vi,
    period_phrase_vi,
    signed_vi,
)
from .models import Section

DEFAULT_RECIPIENT = "Bộ Ngoại giao"
# Copied to the ministry's department that follows local foreign affairs, as the seed is.
DEFAULT_COPIES = ("Cục Ngoại vụ, BNG",)
PROVINCE_LEADER_LEVELS = {
    StaffProfile.LeaderLevel.CHAIRMAN,
    StaffProfile.LeaderLevel.VICE_CHAIRMAN,
    StaffProfile.LeaderLevel.PROVINCE_LEADER,
}


def report_docx(report: dict, *, today: datetime.date | None = None, blank: bool = False) -> bytes:
    """Return the Word file of ``report`` (``structure.assemble``'s or ``figures.full_report``'s
    dictionary): the parts I–V, then the annex of tables.

    An issued report (``report["draft"]["number"]``) carries its number and date; a draft
    to sign (``blank``) leaves them blank for the clerk; otherwise the date is today's.
    """
    with translation.override("vi"):
        province = Province.current()
        names = province_names(province.name)
        period = _period(report)
        draft = report.get("draft") or {}
        number = draft.get("number") or None
        if number:
            day = datetime.date.fromisoformat(draft["issued_on"])
        else:
            day = None if blank else (today or timezone.localdate())
        symbol = _symbol(province)
        document = doc.new_document()
        doc.heading(
            document, names.upper, doc.number_line(number, symbol), doc.place_and_date(names, day)
        )
        _title(document, period, draft.get("subject", ""))
        recipient = _recipient()
        doc.centered(document, f"Kính gửi: {recipient}", space_before=6, space_after=12)
        doc.body(document, opening(report, names.full, recipient, period))
        for paragraph in narrative(report):
            if paragraph.bold:
                doc.part_heading(document, paragraph.text)
            else:
                doc.body(document, paragraph.text, italic=paragraph.italic)
        doc.body(
            document,
            f"Trên đây là kết quả triển khai công tác đối ngoại địa phương {period.lower_phrase}; "
            f"Ủy ban nhân dân {names.full} kính báo cáo {recipient} xem xét, tổng hợp./.",
            space_before=6,
        )
        _closing(document, province, report)
        doc.annex_page(
            document,
            "PHỤ LỤC SỐ LIỆU",
            f"(Kèm theo Báo cáo {doc.number_and_date(number, symbol, day)} "
            f"của Ủy ban nhân dân {names.full})",
        )
        number = _comparison_table(document, report)
        number = _entered_table(document, report, number)
        _detail_tables(document, report, number)
        return doc.as_bytes(document)


def _recipient() -> str:
    return getattr(settings, "FOREIGN_AFFAIRS_REPORT_RECIPIENT", DEFAULT_RECIPIENT)


def opening_text(report: dict) -> str:
    """Return the report's opening as its Word file writes it (for the draft's page)."""
    names = province_names(Province.current().name)
    return opening(report, names.full, _recipient(), _period(report))


def _symbol(province) -> str:
    committee = province.peoples_committee
    return issuance.symbol("BC", committee) if committee is not None else "BC-UBND"


def opening(report: dict, province_full: str, recipient: str, period) -> str:
    """Return the opening: the request it answers ("Thực hiện Công văn số …"), if any."""
    request = ((report.get("draft") or {}).get("request") or "").strip().rstrip(",.")
    what = f"kết quả triển khai công tác đối ngoại địa phương {period.lower_phrase}"
    if request:
        return (
            f"Thực hiện {request}, Ủy ban nhân dân {province_full} kính báo cáo {recipient} "
            f"{what} như sau:"
        )
    return f"Ủy ban nhân dân {province_full} báo cáo {what} như sau:"


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


def _title(document, period: _Period, subject: str = "") -> None:
    """The title with the report's subject: the specialist's ("từ Hội nghị Ngoại vụ toàn
    quốc lần thứ 20 và định hướng ..."), else the period."""
    doc.centered(document, "BÁO CÁO", bold=True, space_before=18)
    doc.centered(document, "Kết quả triển khai công tác đối ngoại địa phương", bold=True)
    doc.centered(document, subject.strip() or period.lower_phrase, bold=True)
    doc.rule(document, cell_cm=TEXT_WIDTH_CM, line_cm=4.0)


# -- The text ------------------------------------------------------------------------------


class Paragraph:
    def __init__(self, text: str, bold: bool = False, italic: bool = False):
        self.text, self.bold, self.italic = text, bold, italic

    def __repr__(self):
        return self.text


def _label(report) -> str:
    """Return what the figures are compared with: "cùng kỳ năm trước" or the preceding period."""
    return (report.get("comparison") or {}).get(
        "label", figures.COMPARISON_LABELS[figures.SAME_DATES_LAST_YEAR]
    )


def comparison_sentence(report) -> str:
    """Return the sentence that says which period the figures are compared with."""
    info = report.get("comparison")
    if not info:
        return ""
    start = long_date_vi(datetime.date.fromisoformat(info["from"]))
    end = long_date_vi(datetime.date.fromisoformat(info["to"]))
    if info["rule"] == figures.SAME_DATES_LAST_YEAR:
        return f"Số liệu được so sánh với cùng kỳ năm trước (từ {start} đến {end})."
    return (
        "Kỳ báo cáo dài hơn một năm nên số liệu được so sánh với kỳ liền trước có cùng độ "
        f"dài (từ {start} đến {end}), không trùng với kỳ báo cáo."
    )


def narrative(report: dict) -> list[Paragraph]:
    """Return the paragraphs of the report's parts I–V, as the seed report words them.

    Each area of part II gives the system's sentences, then the other offices' figures
    (with their source), then the specialist's text; a part that lacks something says so
    in a marked line ("[Còn thiếu: …]") the writer sees before submitting. Nothing
    internal: the processing figures are in the internal management report.
    """
    period = _period(report)
    previous = report.get("same_period_last_year")
    details = report.get("breakdowns") or {}
    texts = structure.texts_of(report)
    missing = {row["key"]: row["missing"] for row in structure.sections(report)}
    from_records = {
        Section.POLITICAL: [
            Paragraph(
                "a) Đối với công tác tổ chức và quản lý đoàn ra/đoàn vào, hội nghị/hội thảo "
                "quốc tế:",
                bold=True,
            ),
            Paragraph(_outbound(report, previous, details, period)),
            Paragraph(_inbound(report, previous, period)),
            Paragraph(_conferences(report, previous, period)),
            Paragraph(_agreements(report, previous, period)),
        ],
        Section.ECONOMIC: [Paragraph(_ngo_aid(report, previous, period))],
        Section.CONSULAR: consular_paragraphs(report, previous, period),
    }
    paragraphs = []
    for key, _number, heading in structure.PARTS:
        if key == Section.POLITICAL:
            paragraphs.append(Paragraph(structure.RESULTS_HEADING, bold=True))
        paragraphs.append(Paragraph(heading, bold=True))
        rows = [Paragraph(entered_sentence(row)) for row in structure.entered(report, key)]
        if key == Section.ECONOMIC:  # the other offices' figures lead, as in the seed
            paragraphs += rows + from_records[key]
        else:
            paragraphs += from_records.get(key, []) + rows
        paragraphs += [Paragraph(line) for line in _lines(texts.get(key, ""))]
        if missing.get(key):
            paragraphs.append(Paragraph(f"[Còn thiếu: {missing[key]}]", italic=True))
    return paragraphs


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def figure_value_vi(row: dict) -> str:
    """Return an entered figure's value with its unit: "05 dự án", "41,2 triệu USD"."""
    value = count_vi(row["value"]) if row["count"] else decimal_vi(row["value"])
    return f"{value} {row['unit']}"


def source_vi(row: dict) -> str:
    return ", ".join(part for part in (row["source"], row["document"]) if part)


def entered_sentence(row: dict) -> str:
    """Return an other office's figure as a sentence marked by its source:
    "- Dự án FDI cấp mới (năm 2022): 05 dự án (nguồn: Sở Tài chính, Công văn số …)."."""
    start, end = (datetime.date.fromisoformat(row[key]) for key in ("from", "to"))
    text = f"- {row['label']} ({period_phrase_vi(start, end)}): {figure_value_vi(row)}"
    if row["note"]:
        text += f"; {row['note'].rstrip('.')}"
    return f"{text} (nguồn: {source_vi(row)})."


def _versus(report, previous, section: str, key: str, noun: str) -> str:
    """Return "; so với cùng kỳ năm trước (04 đoàn), tăng 02 đoàn" or ""."""
    if not previous:
        return ""
    now, before = report[section][key], previous[section][key]
    label = _label(report)
    if not before:
        return f"; {label} không có {noun} nào" if now else ""
    base = f"so với {label} ({count_vi(before)} {noun})"
    if now == before:
        return f"; {base}, không thay đổi"
    change = "tăng" if now > before else "giảm"
    return f"; {base}, {change} {count_vi(abs(now - before))} {noun}"


def _countries(codes) -> str:
    """Return the countries' Vietnamese names, in the order of those names."""
    return join_vi([country_name_vi(code) for code in countries_in_vi_order(codes)])


def _with(count, noun: str) -> str:
    """Return " với 12 lượt người", or nothing when there is none to tell."""
    return f" với {count_vi(count)} {noun}" if count else ""


def _outbound(report, previous, details, period) -> str:
    trips = report["outbound_trips"]
    if not trips["count"]:
        text = f"- Đoàn ra: {period.phrase}, không có đoàn công tác nào đi nước ngoài"
    else:
        text = (
            f"- Đoàn ra: {period.phrase}, có {count_vi(trips['count'])} đoàn công tác"
            f"{_with(trips['members'], 'lượt người')} đi nước ngoài"
        )
        if trips["countries"]:
            text += f" (đến các nước: {_countries(trips['countries'])})"
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
            f"- Đoàn vào: {period.phrase}, có {count_vi(visits['count'])} đoàn"
            f"{_with(visits['persons'], 'lượt người')}"
            + (
                f" của {count_vi(visits['country_count'])} quốc gia"
                if visits["country_count"]
                else ""
            )
            + " đến thăm và làm việc tại tỉnh"
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
            "quốc tế được tổ chức tại tỉnh"
        )
        if conferences["participants"]:
            text += f" với sự tham gia của {count_vi(conferences['participants'])} lượt người"
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


def _ngo_aid(report, previous, period) -> str:
    """Return the foreign NGO aid's paragraph, in the seed's words (section 2 c)."""
    aid = report["ngo_aid"]
    lead = (
        "- Về công tác vận động và quản lý viện trợ phi chính phủ nước ngoài (PCPNN): "
        f"{period.lower_phrase}, "
    )
    if not aid.get("projects"):
        text = f"{lead}tỉnh chưa vận động được chương trình, dự án, phi dự án mới"
    else:
        text = (
            f"{lead}tỉnh đã vận động được {count_vi(aid['projects'])} chương trình, dự án, "
            f"phi dự án mới, với tổng giá trị cam kết {number_vi(aid['value_usd'])} USD"
        )
        donors = _countries(aid["by_donor_country"])
        if donors:
            text += f" (nhà tài trợ đến từ: {donors})"
        if aid["disbursed_usd"]:
            text += f"; giá trị giải ngân trong kỳ {number_vi(aid['disbursed_usd'])} USD"
    text += _versus(report, previous, "ngo_aid", "projects", "chương trình, dự án") + "."
    if aid["meetings"]:
        text += (
            f" Tỉnh đã chỉ đạo tổ chức {count_vi(aid['meetings'])} cuộc gặp với các tổ chức "
            "phi chính phủ nước ngoài (hội nghị gặp mặt đại diện các tổ chức PCPNN đăng ký "
            "hoạt động trên địa bàn tỉnh)."
        )
    return text


def consular_paragraphs(report, previous, period) -> list[Paragraph]:
    """Return the consular section's paragraphs, as the seed's section đ) words them.

    "Tỉnh đã chỉ đạo Sở Ngoại vụ phối hợp với cơ quan chức năng giải quyết kịp thời cho
    19 trường hợp người nước ngoài gặp nạn, bị thương hoặc chết trên địa bàn tỉnh (quốc
    tịch Anh, Trung Quốc, ...)", under part II.4.
    """
    consular = report.get("consular")
    if consular is None:
        return []
    return [
        Paragraph(_foreigners(report, previous, period)),
        Paragraph(_citizens(report, previous, period)),
    ]


def _foreigners(report, previous, period) -> str:
    consular = report["consular"]
    lead = "- Công tác lãnh sự đối với người nước ngoài trên địa bàn"
    count = consular["foreigners_in_distress"]
    if not count:
        text = (
            f"{lead}: {period.phrase}, không có trường hợp người nước ngoài gặp nạn trên địa "
            "bàn tỉnh"
        )
    else:
        focal = doc.focal_name(Province.current())
        text = (
            f"{lead}: {period.phrase}, tỉnh đã chỉ đạo {focal} phối hợp với cơ quan chức năng "
            f"giải quyết kịp thời cho {count_vi(count)} trường hợp người nước ngoài gặp nạn, "
            "bị thương hoặc chết trên địa bàn tỉnh"
        )
        if consular["by_nationality"]:
            text += f" (quốc tịch {_countries(consular['by_nationality'])})"
    noun = "trường hợp"
    return text + _versus(report, previous, "consular", "foreigners_in_distress", noun) + "."


def _citizens(report, previous, period) -> str:
    consular = report["consular"]
    lead = (
        "- Công tác bảo hộ công dân ở nước ngoài, bảo hộ ngư dân bị nước ngoài bắt giữ, "
        f"xét xử: {period.phrase}"
    )
    parts = []
    if consular["fishing_vessels"]:
        parts.append(
            f"{count_vi(consular['fishing_vessels'])} tàu cá"
            f"{_with(consular['fishermen_detained'], 'ngư dân')} bị nước ngoài bắt giữ"
        )
    if consular["citizen_cases"]:
        parts.append(
            f"{count_vi(consular['citizen_cases'])} vụ việc"
            f"{_with(consular['citizens_detained_abroad'], 'công dân')} gặp nạn, bị bắt giữ "
            "ở nước ngoài"
        )
    if not parts:
        return f"{lead}, không có trường hợp ngư dân, công dân của tỉnh bị nước ngoài bắt giữ."
    return (
        f"{lead}, có {'; '.join(parts)}; tỉnh đã chỉ đạo các cơ quan liên quan phối hợp với "
        "Bộ Ngoại giao thực hiện công tác bảo hộ công dân kịp thời, đúng quy định"
        + _versus(report, previous, "consular", "fishermen_detained", "ngư dân")
        + "."
    )


# -- Tables --------------------------------------------------------------------------------


def _table(document, caption: str, header, rows, widths) -> None:
    doc.write(document, caption, bold=True, size=13, space_before=12, space_after=6)
    doc.grid_table(document, header, [[str(value) for value in row] for row in rows], widths)


def _comparison_table(document, report) -> int:
    """Write Table 1 (the headline figures beside the comparison period's); return the
    next table's number."""
    previous = report.get("same_period_last_year")
    if not previous:
        return 1
    rows = [
        (row["label"], _cell(row["current"]), _cell(row["previous"]), signed_vi(row["difference"]))
        for row in figures.changes(report, previous)
    ]
    label = _label(report)
    doc.write(document, f"1. So sánh với {label}", bold=True, space_before=12)
    if sentence := comparison_sentence(report):
        doc.body(document, sentence)
    _table(
        document,
        f"Bảng 1. Số liệu chủ yếu so với {label}",
        ("Chỉ tiêu", "Kỳ báo cáo", label[0].upper() + label[1:], "Tăng (+), giảm (-)"),
        rows,
        (7.0, 3.0, 3.0, 3.0),
    )
    return 2


def _entered_table(document, report, number: int) -> int:
    """Write the table of the other offices' figures, each with its source; return the
    next table's number."""
    rows = report.get("economic", []) + report.get("other_offices", [])
    if not rows:
        return number
    doc.write(document, "2. Số liệu do các cơ quan khác cung cấp", bold=True, space_before=12)
    _table(
        document,
        f"Bảng {number}. Số liệu của các cơ quan khác",
        ("Chỉ tiêu", "Kỳ số liệu", "Số liệu", "Nguồn"),
        [
            (
                row["label"],
                period_phrase_vi(*(datetime.date.fromisoformat(row[k]) for k in ("from", "to"))),
                figure_value_vi(row),
                source_vi(row),
            )
            for row in rows
        ],
        (4.5, 3.5, 3.0, 5.0),
    )
    return number + 1


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
    ("Khách nước ngoài theo quốc tịch", "Quốc gia", "Lượt người",
     "inbound_visits", "by_country", "persons"),
    ("Đoàn vào theo đơn vị đón tiếp", "Đơn vị", "Số đoàn", "inbound_visits", "by_unit", "count"),
    ("Thỏa thuận quốc tế theo quốc gia đối tác", "Quốc gia", "Số thỏa thuận",
     "agreements", "by_country", "count"),
    ("Thỏa thuận quốc tế theo lĩnh vực", "Lĩnh vực", "Số thỏa thuận",
     "agreements", "by_field", "count"),
    ("Người nước ngoài gặp nạn theo quốc tịch", "Quốc tịch", "Số trường hợp",
     "consular", "by_nationality", "count"),
    ("Đoàn ra điều chỉnh, hủy sau khi ban hành quyết định", "Văn bản", "Số đoàn",
     "outbound_trips", "by_document", "count"),
    ("Đoàn vào điều chỉnh, hủy sau khi ban hành văn bản", "Văn bản", "Số đoàn",
     "inbound_visits", "by_document", "count"),
)  # fmt: skip


def _detail_rows(report, section: str, key: str) -> list[dict]:
    """Return a detail table's rows: a breakdown, or the consular section's nationalities."""
    if section == "consular":
        counts = (report.get("consular") or {}).get(key) or {}
        return [{"label": country_name_vi(code), "count": n} for code, n in counts.items()]
    return report["breakdowns"].get(section, {}).get(key, [])


def _detail_tables(document, report, number: int) -> None:
    details = report.get("breakdowns")
    if not details:
        return
    doc.write(document, "3. Số liệu chi tiết", bold=True, space_before=12)
    widths = (1.5, 10.5, 4.0)
    tables = [
        (caption, column, measure_label, _detail_rows(report, section, key), measure)
        for caption, column, measure_label, section, key, measure in DETAIL_TABLES
    ]
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


def recipients(province, report: dict) -> list[str]:
    """Return the report's Nơi nhận as the seed lists it: the addressee ("Như trên"), the
    ministry's departments that follow the province's foreign affairs (a setting), the
    Chairman and Vice-Chairmen, the focal agency, each office whose figures the report
    quotes (once, in the order they appear), the police, the committee office's chief,
    and the archive line."""
    copies = getattr(settings, "FOREIGN_AFFAIRS_REPORT_COPIES", DEFAULT_COPIES)
    focal = doc.focal_name(province)
    police = province.security_agency.name if province.security_agency else ""
    agencies = []
    for row in report.get("economic", []) + report.get("other_offices", []):
        name = (row.get("source") or "").strip()
        if name and name not in (focal, police) and name not in agencies:
            agencies.append(name)
    agencies += [police] if police else []
    return doc.recipients(
        province,
        "Như trên;",
        *(f"{copy};" for copy in copies),
        "CT, các PCT UBND tỉnh;",
        f"{focal};",
        *(f"{name};" for name in agencies),
        "CVP UBND tỉnh;",
    )


def _closing(document, province, report: dict) -> None:
    """The report is the People's Committee's: "TM. ỦY BAN NHÂN DÂN" above the signer's
    block (``matters.documents.signature_block``); a signer who is not a Chairman or
    Vice-Chairman on record leaves the Chairman's block without a name.
    """
    signer = province.foreign_affairs_leader or province.chairman
    try:
        lines = doc.signature_block(signer, issuer=doc.Issuer.COMMITTEE)
    except ValidationError:  # no leader's level on record: the Chairman's block
        lines, signer = doc.signature_block(None, issuer=doc.Issuer.COMMITTEE), None
    doc.closing(document, recipients(province, report), lines, doc.signer_name(signer))
