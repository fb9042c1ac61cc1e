"""The decision amending or cancelling an issued document (ADR 0012), as a Word file.

"Quyết định về việc điều chỉnh (hủy bỏ) Quyết định số … ngày …": the Chairman's decision
frame (``documents.chairman_decision``), citing the document it changes by number and
date, with one article per change (the new dates, the members who leave, the members
added after the security check) and the line that keeps the rest of the first in force.
The same for every kind: it reads only the matter's title, dates and members.
"""

import datetime

from django.utils import translation

from organizations.models import Province

from . import documents as doc
from .issuance import submission_of
from .models import Issuance

Purpose = Issuance.Purpose
LOCAL_GOVERNMENT_LAW = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"


def change_decision_docx(matter, change: Issuance, *, number=None, day=None, signer=None) -> bytes:
    """Return the decision that amends or cancels ``change.amends``, the document of
    ``matter`` it cites; a draft (blank number and day) unless ``number`` and ``day``."""
    first = change.amends
    signer = signer if signer is not None else change.signer or matter.approver
    with translation.override("vi"):
        province = Province.current()
        cited = _cited(first)
        cancelling = change.purpose == Purpose.CANCELLATION
        about = f"Về việc {'hủy bỏ' if cancelling else 'điều chỉnh'} {cited}"
        document, _names = doc.chairman_decision(
            province,
            number=number,
            day=day,
            about=about,
            bases=[
                LOCAL_GOVERNMENT_LAW,
                f"Căn cứ {cited};",
                f"Xét đề nghị của {matter.unit.name};",
            ],
            submission=submission_of(change),
        )
        if cancelling:
            articles = [f"Hủy bỏ {cited} về {_lower(matter.title)}. Lý do: {_reason(change)}."]
        else:
            articles = [f"Điều chỉnh {cited} về {_lower(matter.title)} như sau:"]
        doc.article(document, 1, articles[0])
        if not cancelling:
            for line in _changes(matter, change.changes or {}):
                doc.body(document, line)
            doc.article(document, 2, f"Các nội dung khác tại {cited} giữ nguyên hiệu lực thi hành.")
        executors = (
            f"Chánh Văn phòng UBND tỉnh, Thủ trưởng {doc.focal_name(province)}, Giám đốc Công "
            f"an tỉnh, Thủ trưởng {matter.unit.name} và các cá nhân có liên quan chịu trách "
            "nhiệm thi hành Quyết định này."
        )
        last = 2 if cancelling else 3  # in force from signing, and who executes it
        doc.sign_chairman_decision(
            document,
            in_force_article=last,
            executors=executors,
            recipients=doc.recipients(province, f"Như Điều {last};"),
            signer=signer,
        )
        return doc.as_bytes(document)


def _cited(first: Issuance) -> str:
    """Return "Quyết định số 1889/QĐ-UBND ngày 01/12/2026 của Chủ tịch Ủy ban nhân dân tỉnh"
    (a công văn: "Công văn số … của Ủy ban nhân dân tỉnh")."""
    when = f" ngày {doc.short_date(first.issued_on)}" if first.issued_on else ""
    if first.doc_type == "QĐ":
        return f"Quyết định số {first.number}{when} của Chủ tịch Ủy ban nhân dân tỉnh"
    return f"Công văn số {first.number}{when} của Ủy ban nhân dân tỉnh"


def _changes(matter, changes: dict) -> list[str]:
    """Return one line per change: "a) Thời gian: …", "b) Thành viên thôi tham gia: …"."""
    lines = []
    start, end = changes.get("start_date"), changes.get("end_date")
    if start or end:
        start = _day(start) or matter.start_date
        end = _day(end) or matter.end_date
        lines.append(f"Thời gian: từ ngày {doc.short_date(start)} đến ngày {doc.short_date(end)}.")
    removed = changes.get("remove_members") or []
    if removed:
        names = [m.full_name for m in matter.members.filter(pk__in=removed)]
        lines.append(f"Thành viên thôi tham gia đoàn: {doc.join_vi(names)}.")
    added = changes.get("add_people") or []
    if added:
        lines.append(f"Bổ sung thành viên đoàn: {doc.join_vi([e['name'] for e in added])}.")
    return [f"{chr(ord('a') + i)}) {line}" for i, line in enumerate(lines)]


def _day(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _reason(change: Issuance) -> str:
    return (change.reason or "").strip().rstrip(".") or "theo đề nghị của đơn vị"


def _lower(title: str) -> str:
    return title[:1].lower() + title[1:]
