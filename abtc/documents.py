"""The decision allowing business people to use the APEC business travel card (Quyết
định cho phép doanh nhân sử dụng thẻ ABTC), as a Word file in the Decree 30/2020 layout
(``matters.documents``).

The Chairman of the People's Committee (or the Vice-Chairman for him) allows the
business's managers named in the annex; the business then files for the cards with the
Immigration Department (Quyết định 09/2023/QĐ-TTg, Chapter IV). Legal text: Vietnamese,
not translated.
"""

from django.conf import settings
from django.utils import translation

from matters import documents as doc
from organizations.models import Province

DEFAULT_LEGAL_BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Luật Xuất cảnh, nhập cảnh của công dân Việt Nam ngày 22 tháng 11 năm 2019;",
    "Căn cứ Quyết định số 09/2023/QĐ-TTg ngày 12 tháng 4 năm 2023 của Thủ tướng Chính phủ "
    "quy định trình tự, thủ tục, thẩm quyền cấp và quản lý thẻ đi lại của doanh nhân APEC;",
)


def decision_docx(
    abtc_request, *, number=doc.RECORDED, date=doc.RECORDED, signer=doc.RECORDED, submission=None
) -> bytes:
    """Return the Word file of the decision on ``abtc_request``.

    The Chairman issues it in his own name (a Vice-Chairman signs for him). By default it
    carries the number, date and approver recorded on the request; ``number`` and ``date``
    None make a draft with blanks. ``submission`` is the focal agency's tờ trình.
    """
    number, signed_on = doc.letter_number_and_date(abtc_request, number, date)
    approver = abtc_request.approver if signer is doc.RECORDED else signer
    with translation.override("vi"):
        province = Province.current()
        unit = abtc_request.unit.name
        document, names = doc.chairman_decision(
            province,
            number=number,
            day=signed_on,
            about="Về việc cho phép doanh nhân sử dụng thẻ đi lại của doanh nhân APEC",
            bases=[
                *getattr(settings, "ABTC_DECISION_LEGAL_BASES", DEFAULT_LEGAL_BASES),
                f"Xét đề nghị của {unit} và ý kiến của các cơ quan liên quan;",
            ],
            submission=submission,
        )
        approved = abtc_request.approved_managers
        economies = doc.join_vi(abtc_request.economy_names)
        doc.article(
            document,
            1,
            f"Cho phép {len(approved):02d} doanh nhân của {unit} (mã số doanh nghiệp "
            f"{abtc_request.enterprise_code}) có tên trong danh sách kèm theo được sử dụng thẻ "
            "đi lại của doanh nhân APEC để đi lại thực hiện các hoạt động hợp tác kinh doanh, "
            f"thương mại, đầu tư, dịch vụ tại các nền kinh tế: {economies}.",
        )
        doc.article(
            document,
            2,
            f"{unit} có trách nhiệm quản lý, sử dụng thẻ đúng mục đích; thông báo cho Ủy ban "
            "nhân dân tỉnh và Cục Quản lý xuất nhập cảnh, Bộ Công an khi doanh nhân không còn "
            "làm việc tại doanh nghiệp hoặc vi phạm quy định về sử dụng thẻ.",
        )
        doc.sign_chairman_decision(
            document,
            in_force_article=3,
            executors=(
                f"Chánh Văn phòng UBND tỉnh, Thủ trưởng {doc.focal_name(province)}, Giám đốc "
                f"Công an tỉnh, {unit} và các doanh nhân có tên tại Điều 1 chịu trách nhiệm "
                "thi hành Quyết định này."
            ),
            recipients=doc.recipients(
                province,
                "Như Điều 3;",
                "Cục Quản lý xuất nhập cảnh, Bộ Công an;",
                agencies=[province.security_agency],
            ),
            signer=approver,
        )
        cited = doc.number_and_date(number, doc.register_symbol(province, "QĐ"), signed_on)
        annex = f"(Kèm theo Quyết định {cited} của Chủ tịch Ủy ban nhân dân {names.full})"
        doc.annex_page(document, "DANH SÁCH DOANH NHÂN ĐƯỢC SỬ DỤNG THẺ ABTC", annex)
        rows = [
            (
                str(index),
                manager.full_name,
                doc.short_date(manager.date_of_birth),
                manager.position,
                manager.passport_number,
            )
            for index, manager in enumerate(approved, start=1)
        ]
        doc.grid_table(
            document,
            ("STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Số hộ chiếu"),
            rows,
            (1.2, 4.5, 2.8, 4.5, 3.0),
        )
        return doc.as_bytes(document)
