"""The approval letter for an international agreement (công văn chấp thuận ký kết thỏa
thuận quốc tế), as a Word file.

The Chairman's approval (Law 70/2020 Art. 19; Decree 64/2021 Art. 5 for an agreement
signed by a department) reaches the proposing unit as a công văn of the People's
Committee, built with ``matters.documents`` in the Decree 30/2020 layout: issuer, number
and summary (V/v ...) on the left, motto and place-date on the right, "Kính gửi", the
body ending "./.", the recipients beside the block "TM. ỦY BAN NHÂN DÂN". A draft (no
number, no date) is what the leader signs; the clerk's register gives it both.
"""

from django.utils import translation

from matters import documents as doc
from organizations.models import Province

# Within 15 days of signing: report to the Prime Minister, copy to MOFA (Law 70/2020 Art. 19).
REPORT_DAYS = 15


def approval_letter_docx(
    agreement, *, number=doc.RECORDED, date=doc.RECORDED, signer=doc.RECORDED, submission=None
) -> bytes:
    """Return the Word file of the letter allowing ``agreement``'s unit to sign it.

    By default it carries the number, date and approver recorded on the agreement;
    ``number`` and ``date`` None make a draft with blanks. ``submission`` is the focal
    agency's tờ trình, cited in the first paragraph.
    """
    number, date = doc.letter_number_and_date(agreement, number, date)
    signer = agreement.approver if signer is doc.RECORDED else signer
    with translation.override("vi"):
        province = Province.current()
        what = agreement.get_kind_display().lower()
        document, _names = doc.committee_letter(
            province,
            number=number,
            day=date,
            summary=f"V/v chấp thuận ký kết {what} với {agreement.partner}",
            to=agreement.unit.name,
            paragraphs=_paragraphs(agreement, province, submission),
            recipients=_recipients(province),
            signer=signer,
        )
        return doc.as_bytes(document)


def _paragraphs(agreement, province, submission) -> list[str]:
    unit = agreement.unit.name
    proposal = doc.proposal(province, submission)
    country = str(agreement.partner_country.name)
    what = agreement.get_kind_display().lower()
    signing = _signing(agreement)
    term = f", thời hạn {agreement.term}" if agreement.term else ""
    focal = doc.focal_name(province)
    consent = ""
    if agreement.pm_consent:
        consent = (
            " theo ý kiến đồng ý của Thủ tướng Chính phủ tại "
            f"{agreement.pm_consent.strip().rstrip('.')}"
        )
    paragraphs = [
        f"Xét đề nghị của {unit}; {proposal[:1].lower()}{proposal[1:]}, "
        "Ủy ban nhân dân tỉnh có ý kiến như sau:",
        f"1. Chấp thuận{consent} để {unit} ký kết {what} “{agreement.title}” với "
        f"{agreement.partner} ({country}){term}; {signing}.",
        f"2. Nội dung chính: {agreement.content.strip().rstrip('.')}.",
        f"3. {unit} tiếp thu ý kiến của các cơ quan liên quan, hoàn chỉnh văn bản thỏa thuận "
        f"trước khi ký; trong thời hạn {REPORT_DAYS} ngày kể từ ngày ký, gửi bản sao thỏa "
        f"thuận và báo cáo kết quả về Ủy ban nhân dân tỉnh (qua {focal}) để báo cáo Thủ "
        "tướng Chính phủ, Bộ Ngoại giao.",
    ]
    return paragraphs


def _signing(agreement) -> str:
    level = agreement.SignerLevel
    if agreement.signer_level == level.DEPARTMENT:
        return f"nhân danh {agreement.unit.name}, người ký: {agreement.proposed_signer}"
    if agreement.signer_level == level.COMMUNE:
        return f"nhân danh Ủy ban nhân dân xã, người ký: {agreement.proposed_signer}"
    return f"nhân danh Ủy ban nhân dân tỉnh, người ký: {agreement.proposed_signer}"


def _recipients(province) -> list[str]:
    return doc.recipients(
        province,
        "Như trên;",
        "Bộ Ngoại giao;",
        f"{doc.focal_name(province)};",
        agencies=[province.security_agency],
    )
