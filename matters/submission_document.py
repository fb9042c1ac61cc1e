"""The focal agency's submission (tờ trình) to the provincial People's Committee, in the
Decree 30/2020/NĐ-CP layout (Phụ lục I, mẫu 1.5 "Tờ trình"), from the parts of
``matters.documents``: the agency's heading under the committee's name, the title, the
summary of the review and the proposal, the recipients and the agency head's block.
Legal text in Vietnamese, not marked for translation (ADR 0003).
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from organizations.models import Province

from . import documents as doc

JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
WHAT = {"QĐ": "quyết định", "CV": "văn bản"}
CHANGE_VERB = {"amendment": "điều chỉnh", "cancellation": "hủy bỏ"}


def submission_docx(matter, issuance) -> bytes:
    """Return the .docx of ``issuance``'s submission on ``matter``."""
    province = Province.current()
    names = doc.province_names(province.name)
    focal = doc.focal_name(province)
    code = province.focal_agency.code if province.focal_agency else "VP"
    document = doc.new_document()
    doc.heading(
        document,
        focal.upper(),
        issuance.submission_number,
        doc.place_and_date(names, issuance.submission_date),
        parent=f"UBND {names.upper}",
    )

    what = WHAT.get(issuance.doc_type, "văn bản")
    doc.centered(document, "TỜ TRÌNH", bold=True, space_before=12)
    purpose = {
        "amendment": f"Về việc ban hành {what} điều chỉnh",
        "cancellation": f"Về việc ban hành {what} hủy bỏ",
    }.get(issuance.purpose, f"Về việc ban hành {what}")
    doc.centered(document, f"{purpose}: {matter.title}", bold=True)
    doc.centered(
        document, f"Kính gửi: Ủy ban nhân dân {names.full}", space_before=12, space_after=12
    )
    paragraphs = [
        f"Căn cứ hồ sơ đề nghị số {matter.reference} của {matter.unit.name};",
        f"Sau khi thẩm định, {focal} kính trình Ủy ban nhân dân {names.full} như sau:",
        f"1. Tóm tắt nội dung: {issuance.summary}",
    ]
    if issuance.amends_id:
        paragraphs.append(
            f"2. Văn bản đề nghị {CHANGE_VERB.get(issuance.purpose, 'điều chỉnh')}: số "
            f"{issuance.amends.number} ngày {doc.short_date(issuance.amends.issued_on)}."
        )
    paragraphs.append(f"{len(paragraphs) - 1}. Đề xuất: {issuance.proposal}")
    for text in paragraphs:
        doc.write(document, text, align=JUSTIFY, first_line_cm=1.0, space_after=6)
    doc.write(
        document,
        f"(Gửi kèm dự thảo {what} và hồ sơ liên quan)./.",
        italic=True,
        align=JUSTIFY,
        first_line_cm=1.0,
        space_after=6,
    )
    recipients = ["Như trên;", f"Lưu: VT, {code}."]
    doc.closing(document, recipients, doc.focal_head_block(province), None)
    return doc.as_bytes(document)
