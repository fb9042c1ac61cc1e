"""The structure of the report to the ministry (issue #22): its parts I–V, what fills them,
and which of them still lack something, so the writer sees it before submitting.

    I.   Bối cảnh chung                          the specialist's text
    II.  Kết quả triển khai công tác đối ngoại    by area:
         1. Chính trị đối ngoại                  trips, visits, conferences, agreements
         2. Kinh tế đối ngoại                    other offices' figures (FDI, trade, labour),
                                                 foreign NGO aid
         3. Văn hóa, thông tin đối ngoại         other offices' figures, text
         4. Lãnh sự, bảo hộ công dân, NVNONN     the consular register, the police's figures
         5. Biên giới lãnh thổ                   other offices' figures, text
    III. Đánh giá chung                          the specialist's text
    IV.  Phương hướng, nhiệm vụ                   the specialist's text
    V.   Kiến nghị, đề xuất                       the specialist's text

Each area may also carry the specialist's text, written after its figures. The seed
report (``/work/shared/seeds``) numbers the same parts 1–4 with a)–e); the issue asks for
I–V. ``assemble`` returns the report's dictionary with ``draft`` (subject, request,
texts) and ``sections`` (key, number, title, complete, missing): the JSON contract.
"""

import datetime

from . import figures
from .models import ReportDraft, Section

# key, number, the heading as the Word report writes it
PARTS = (
    (Section.CONTEXT, "I", "I. BỐI CẢNH CHUNG"),
    (Section.POLITICAL, "II.1", "1. Chính trị đối ngoại"),
    (Section.ECONOMIC, "II.2", "2. Kinh tế đối ngoại"),
    (Section.CULTURE, "II.3", "3. Văn hóa, thông tin đối ngoại"),
    (
        Section.CONSULAR,
        "II.4",
        "4. Công tác lãnh sự, bảo hộ công dân và công tác đối với người Việt Nam ở nước ngoài",
    ),
    (Section.BORDER, "II.5", "5. Công tác biên giới lãnh thổ"),
    (Section.ASSESSMENT, "III", "III. ĐÁNH GIÁ CHUNG"),
    (Section.DIRECTIONS, "IV", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRONG THỜI GIAN TỚI"),
    (Section.RECOMMENDATIONS, "V", "V. KIẾN NGHỊ, ĐỀ XUẤT"),
)
RESULTS_HEADING = "II. KẾT QUẢ TRIỂN KHAI CÔNG TÁC ĐỐI NGOẠI ĐỊA PHƯƠNG"
HEADINGS = {key: heading for key, _number, heading in PARTS}

# Parts only the specialist writes.
TEXT_ONLY = (Section.CONTEXT, Section.ASSESSMENT, Section.DIRECTIONS, Section.RECOMMENDATIONS)
# Areas the system's own records fill (a zero is a figure: "không có đoàn nào").
FROM_RECORDS = (Section.POLITICAL, Section.CONSULAR)
# What a part lacks when it is empty, as the page and the Word draft say it.
MISSING = {
    Section.CONTEXT: "chưa nhập nội dung bối cảnh chung",
    Section.ECONOMIC: (
        "chưa có số liệu đầu tư nước ngoài, xuất nhập khẩu, lao động của các cơ quan khác "
        "hoặc nội dung do chuyên viên nhập"
    ),
    Section.CULTURE: "chưa có số liệu hoặc nội dung về văn hóa, thông tin đối ngoại",
    Section.BORDER: "chưa có số liệu hoặc nội dung về công tác biên giới lãnh thổ",
    Section.ASSESSMENT: "chưa nhập nội dung đánh giá (kết quả, tồn tại, khó khăn)",
    Section.DIRECTIONS: "chưa nhập phương hướng, nhiệm vụ thời gian tới",
    Section.RECOMMENDATIONS: "chưa nhập kiến nghị, đề xuất",
}


def entered(report: dict, section: str) -> list[dict]:
    """Return the other offices' figures of ``section`` in ``report``."""
    rows = report.get("economic", []) + report.get("other_offices", [])
    return [row for row in rows if row["section"] == section]


def texts_of(report: dict) -> dict:
    return (report.get("draft") or {}).get("texts") or {}


def sections(report: dict) -> list[dict]:
    """Return each part's key, number, title, whether it is complete and what it lacks."""
    texts = texts_of(report)
    rows = []
    for key, number, _heading in PARTS:
        has_text = bool((texts.get(key) or "").strip())
        if key in TEXT_ONLY:
            complete = has_text
        elif key in FROM_RECORDS:
            complete = True
        else:
            complete = has_text or bool(entered(report, key))
        rows.append(
            {
                "key": str(key),
                "number": number,
                "title": str(Section(key).label),
                "complete": complete,
                "missing": "" if complete else MISSING[key],
            }
        )
    return rows


def incomplete(report: dict) -> list[dict]:
    return [row for row in report["sections"] if not row["complete"]]


def draft_part(draft: ReportDraft | None) -> dict:
    """Return the draft's part of the report's dictionary (what the specialist wrote)."""
    if draft is None:
        return {"subject": "", "request": "", "texts": {}, "status": "", "number": ""}
    return {
        "subject": draft.subject,
        "request": draft.request,
        "texts": {key: value for key, value in draft.texts.items() if key in Section.values},
        "status": draft.status,
        "number": draft.decision_number,
        "issued_on": draft.decision_date.isoformat() if draft.decision_date else None,
    }


def assemble(date_from: datetime.date, date_to: datetime.date, draft=None, *, live=False) -> dict:
    """Return the report to the ministry of the period, with the draft's text and the parts.

    A draft that was submitted returns what was frozen then (its figures are not
    recomputed), with its current number and status, unless ``live`` asks for today's.
    """
    if draft is not None and draft.frozen and not live:
        report = dict(draft.frozen)
        report["draft"] = draft_part(draft)
        return report
    report = figures.full_report(date_from, date_to)
    report["draft"] = draft_part(draft)
    report["sections"] = sections(report)
    return report


def for_period(date_from: datetime.date, date_to: datetime.date) -> dict:
    """Return the report of the period as the figures stand today, with the text of the
    period's draft if it has one (the page and its downloads; an issued report's own
    document is ``assemble(..., draft)``, frozen)."""
    draft = ReportDraft.objects.filter(date_from=date_from, date_to=date_to).first()
    return assemble(date_from, date_to, draft, live=True)
