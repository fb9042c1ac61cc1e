"""The approval letter for an inbound visit (công văn chấp thuận đón đoàn), as a Word file.

Decree 30/2020 layout for a công văn, built with ``matters.documents``: issuer, number
and summary (V/v ...) on the left, motto and place-date on the right, "Kính gửi", the
body, recipients beside the signature block, and the guest list on its own page. The
guest list carries names, nationalities, positions and organisations, never passport
numbers or dates of birth: the letter goes to people who may not see those.
"""

from django.utils import translation

from matters import documents as doc
from organizations.models import Province


def approval_letter_docx(
    visit, *, number=doc.RECORDED, date=doc.RECORDED, signer=doc.RECORDED, submission=None
) -> bytes:
    """Return the Word file of the letter allowing ``visit``'s unit to host the delegation.

    The letter is the People's Committee's (signed "TM. ỦY BAN NHÂN DÂN"). By default it
    carries the number, date and approver recorded on the visit; ``number`` and ``date``
    None make a draft with blanks. ``submission`` is the focal agency's tờ trình.
    """
    number, date = doc.letter_number_and_date(visit, number, date)
    signer = visit.approver if signer is doc.RECORDED else signer
    with translation.override("vi"):
        province = Province.current()
        guests = [g for g in visit.guests.all() if not g.removed]
        document, names = doc.committee_letter(
            province,
            number=number,
            day=date,
            summary=f"V/v cho phép đón tiếp {doc.delegation(visit.title)}",
            to=visit.unit.name,
            paragraphs=_paragraphs(visit, guests, province, submission),
            recipients=_recipients(province),
            signer=signer,
        )
        symbol = doc.letter_symbol(province)
        annex = f"(Kèm theo Công văn {doc.number_and_date(number, symbol, date)}"
        _guest_list(document, guests, f"{annex} của Ủy ban nhân dân {names.full})")
        return doc.as_bytes(document)


def _paragraphs(visit, guests, province, submission) -> list[str]:
    countries = doc.join_vi([str(c.name) for c in visit.countries])
    start, end = doc.short_date(visit.start_date), doc.short_date(visit.end_date)
    period = f"từ ngày {start} đến ngày {end}"
    focal = doc.focal_name(province)
    reception = (
        "Lãnh đạo Ủy ban nhân dân tỉnh tiếp đoàn theo chương trình được bố trí."
        if visit.received_by_provincial_leaders
        else f"{visit.host_leader} chủ trì tiếp đoàn."
    )
    return [
        f"Xét đề nghị của {visit.unit.name}; {_lower_first(doc.proposal(province, submission))}, "
        "Ủy ban nhân dân tỉnh có ý kiến như sau:",
        f"1. Đồng ý để {visit.unit.name} đón tiếp {doc.delegation(visit.title)} "
        f"của {visit.organisation} ({countries}) gồm {len(guests):02d} khách "
        f"(có danh sách kèm theo) đến làm việc {period}"
        + (f" tại {visit.places}" if visit.places else "")
        + ".",
        f"2. Mục đích, nội dung làm việc: {visit.purpose.strip().rstrip('.')}. {reception}",
        f"3. {visit.unit.name} thực hiện đúng chương trình đã đăng ký, phối hợp với Công an "
        "tỉnh bảo đảm an ninh, trật tự; "
        f"{doc.report_due_clause('inbound.report', visit.end_date, 'khi đoàn rời tỉnh')}, "
        f"báo cáo kết quả về Ủy ban nhân dân tỉnh (qua {focal}).",
    ]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _recipients(province) -> list[str]:
    focal = f"{doc.focal_name(province)};"
    return doc.recipients(province, "Như trên;", focal, agencies=[province.security_agency])


def _guest_list(document, guests, annex: str) -> None:
    doc.annex_page(document, "DANH SÁCH KHÁCH", annex)
    rows = [
        (str(i), g.full_name, str(g.nationality.name), g.position, g.organisation)
        for i, g in enumerate(guests, start=1)
    ]
    doc.grid_table(
        document,
        ("STT", "Họ và tên", "Quốc tịch", "Chức vụ", "Cơ quan, tổ chức"),
        rows,
        (1.4, 4.3, 3.0, 3.6, 3.7),
    )
