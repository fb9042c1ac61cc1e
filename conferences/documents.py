"""The letter allowing a conference (công văn cho phép tổ chức hội nghị, hội thảo quốc
tế), as a Word file in the Decree 30/2020 layout (``matters.documents``).

The People's Committee answers the organising unit in writing and copies the agencies
that take part in managing the conference (Quyết định 06/2020/QĐ-TTg, Art. 5).
"""

from django.utils import translation

from matters import documents as doc
from organizations.models import Province


def approval_letter_docx(
    conference, *, number=doc.RECORDED, date=doc.RECORDED, signer=doc.RECORDED, submission=None
) -> bytes:
    """Return the Word file of the letter allowing ``conference``'s unit to organise it.

    The letter is the People's Committee's (signed "TM. ỦY BAN NHÂN DÂN"). By default it
    carries the number, date and approver recorded on the conference; ``number`` and
    ``date`` None make a draft with blanks. ``submission`` is the focal agency's tờ trình.
    """
    number, date = doc.letter_number_and_date(conference, number, date)
    signer = conference.approver if signer is doc.RECORDED else signer
    with translation.override("vi"):
        province = Province.current()
        document, _names = doc.committee_letter(
            province,
            number=number,
            day=date,
            summary=f"V/v tổ chức {conference.get_kind_display().lower()} {conference.title}",
            to=conference.unit.name,
            paragraphs=_paragraphs(conference, province, submission),
            recipients=doc.recipients(
                province,
                "Như trên;",
                f"{doc.focal_name(province)};",
                agencies=[province.security_agency],
            ),
            signer=signer,
        )
        return doc.as_bytes(document)


def _paragraphs(conference, province, submission) -> list[str]:
    focal = doc.focal_name(province)
    start, end = doc.short_date(conference.start_date), doc.short_date(conference.end_date)
    period = start if start == end else f"từ ngày {start} đến ngày {end}"
    countries = doc.join_vi([str(c.name) for c in conference.countries])
    foreign = (
        f", trong đó {conference.participants_foreign} đại biểu nước ngoài ({countries})"
        if conference.participants_foreign
        else ""
    )
    basis = f"Xét đề nghị của {conference.unit.name} và ý kiến của các cơ quan liên quan"
    if conference.pm_answer:
        basis += f"; ý kiến của Thủ tướng Chính phủ tại văn bản {conference.pm_answer}"
    proposal = doc.proposal(province, submission)
    return [
        f"{basis}; {proposal[:1].lower()}{proposal[1:]}, Ủy ban nhân dân tỉnh có ý kiến như sau:",
        f"1. Đồng ý để {conference.unit.name} tổ chức {conference.title} "
        f"({conference.get_format_display().lower()}) {period}"
        + (f" tại {conference.place}" if conference.place else "")
        + f", với khoảng {conference.participants_planned} đại biểu{foreign}.",
        f"2. {conference.unit.name} tổ chức theo đúng nội dung, chương trình đã đăng ký, "
        "phối hợp với Công an tỉnh bảo đảm an ninh, trật tự; "
        f"{doc.report_due_clause('conference.report', conference.end_date, 'khi kết thúc')}, "
        f"báo cáo kết quả về Ủy ban nhân dân tỉnh (qua {focal}).",
    ]
