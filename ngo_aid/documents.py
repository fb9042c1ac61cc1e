"""The decision approving a foreign NGO aid (quyết định phê duyệt khoản viện trợ), as a
Word file in the Decree 30/2020 layout (``matters.documents``).

The Chairman of the People's Committee approves the programme, project or non-project
aid (Nghị định 80/2020/NĐ-CP and Nghị định 313/2025/NĐ-CP, which replaced it).
"""

from django.utils import translation

from matters import documents as doc
from organizations.models import Province

from .formatting import amount_vi

LEGAL_BASES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Nghị định số 313/2025/NĐ-CP ngày 08 tháng 12 năm 2025 của Chính phủ quy định về "
    "quản lý và sử dụng viện trợ không hoàn lại không thuộc hỗ trợ phát triển chính thức của "
    "các cơ quan, tổ chức, cá nhân nước ngoài dành cho Việt Nam;",
]


def decision_docx(
    project, *, number=doc.RECORDED, date=doc.RECORDED, signer=doc.RECORDED, submission=None
) -> bytes:
    """Return the Word file of the decision approving ``project``'s aid.

    By default it carries the number, date and approver recorded on the project; ``number``
    and ``date`` None make a draft with blanks. ``submission`` is the appraising agency's
    tờ trình.
    """
    number, day = doc.letter_number_and_date(project, number, date)
    signer = project.approver if signer is doc.RECORDED else signer
    with translation.override("vi"):
        province = Province.current()
        document, _names = doc.chairman_decision(
            province,
            number=number,
            day=day,
            about=f"Phê duyệt khoản viện trợ phi chính phủ nước ngoài: {project.title}",
            bases=_bases(project),
            submission=submission,
        )
        doc.article(document, 1, _approval(project))
        for line in _terms(project):
            doc.body(document, line)
        doc.article(document, 2, _duties(project))
        doc.sign_chairman_decision(
            document,
            in_force_article=3,
            executors=(
                f"Chánh Văn phòng UBND tỉnh, Thủ trưởng {doc.focal_name(province)}, Giám đốc "
                f"Công an tỉnh, Thủ trưởng {project.unit.name} và các cơ quan liên quan chịu "
                "trách nhiệm thi hành Quyết định này."
            ),
            recipients=doc.recipients(province, "Như Điều 3;", agencies=[province.security_agency]),
            signer=signer,
        )
        return doc.as_bytes(document)


def _bases(project) -> list[str]:
    appraisal = "ý kiến thẩm định và báo cáo tổng hợp ý kiến các cơ quan liên quan"
    return [
        *LEGAL_BASES,
        f"Xét đề nghị của {project.unit.name} và {appraisal};",
    ]


def _approval(project) -> str:
    return (
        f"Phê duyệt khoản viện trợ phi chính phủ nước ngoài ({project.get_form_display().lower()}) "
        f"“{project.title}” do {project.donor.name} ({project.donor.country.name}) tài trợ, "
        "với các nội dung chính sau:"
    )


def _terms(project) -> list[str]:
    start, end = doc.short_date(project.start_date), doc.short_date(project.end_date)
    value = f"{amount_vi(project.amount)} {project.currency}"
    if project.currency != "USD":
        value += f" (tương đương {amount_vi(project.amount_usd)} USD)"
    lines = [
        f"- Chủ khoản viện trợ: {project.unit.name}.",
        f"- Mục tiêu: {project.objectives or '—'}",
        f"- Địa bàn thực hiện: {project.location or '—'}.",
        f"- Đối tượng thụ hưởng: {project.beneficiaries or '—'}",
        f"- Thời gian thực hiện: từ ngày {start} đến ngày {end}.",
        f"- Giá trị khoản viện trợ: {value}.",
    ]
    if project.counterpart_vnd:
        lines.append(f"- Vốn đối ứng: {amount_vi(project.counterpart_vnd)} đồng.")
    return lines


def _duties(project) -> str:
    months = project.report_every_months
    return (
        f"{project.unit.name} tiếp nhận, quản lý và sử dụng khoản viện trợ đúng mục đích, "
        f"hiệu quả; báo cáo tình hình thực hiện định kỳ {months:02d} tháng và khi kết thúc về "
        "Ủy ban nhân dân tỉnh. Trường hợp khoản viện trợ không được triển khai trong thời hạn "
        "quy định, Quyết định này hết hiệu lực."
    )
