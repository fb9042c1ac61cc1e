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
    "Căn cứ Luật Tổ chức chính quyền địa phương;",
    "Căn cứ Nghị định số 313/2025/NĐ-CP ngày 08 tháng 12 năm 2025 của Chính phủ quy định về "
    "quản lý và sử dụng viện trợ không hoàn lại không thuộc hỗ trợ phát triển chính thức của "
    "các cơ quan, tổ chức, cá nhân nước ngoài dành cho Việt Nam;",
]


def decision_docx(project) -> bytes:
    """Return the Word file of the decision approving ``project``'s aid."""
    with translation.override("vi"):
        province = Province.current()
        names = doc.province_names(province.name)
        document = doc.new_document()
        doc.heading(
            document,
            names.upper,
            project.decision_number,
            f"{names.place}, {doc.long_date_vi(project.decision_date)}",
        )
        doc.centered(document, "QUYẾT ĐỊNH", bold=True, space_before=18)
        doc.centered(
            document,
            f"Phê duyệt khoản viện trợ phi chính phủ nước ngoài: {project.title}",
            bold=True,
        )
        doc.rule(document, cell_cm=16.0, line_cm=4.0)
        doc.centered(document, f"CHỦ TỊCH ỦY BAN NHÂN DÂN {names.upper}", bold=True, space_after=6)
        for basis in _bases(project):
            doc.body(document, basis, italic=True)
        doc.centered(document, "QUYẾT ĐỊNH:", bold=True, space_before=6, space_after=6)
        doc.article(document, 1, _approval(project))
        for line in _terms(project):
            doc.body(document, line)
        doc.article(document, 2, _duties(project))
        doc.article(document, 3, "Quyết định này có hiệu lực kể từ ngày ký.")
        approver = project.approver
        doc.closing(
            document,
            doc.recipients(
                f"{project.unit.name};",
                f"{doc.focal_name(province)};",
                agencies=[province.security_agency],
            ),
            doc.signature_block(approver),
            approver.get_full_name(),
        )
        return doc.as_bytes(document)


def _bases(project) -> list[str]:
    appraisal = "ý kiến thẩm định và báo cáo tổng hợp ý kiến các cơ quan liên quan"
    return [
        *LEGAL_BASES,
        f"Xét đề nghị của {project.unit.name} (hồ sơ {project.reference}) và {appraisal}.",
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
