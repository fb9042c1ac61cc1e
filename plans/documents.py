"""The approved plan (Kế hoạch đoàn ra, đoàn vào năm ...), as a Word file in the Decree
30/2020 layout (``matters.documents``): the heading with its number, the purpose, the
table of items by unit (the items with cadres the Party Standing Committee manages
marked), the organisation of its implementation, the signature of whoever approved it.
"""

from django.utils import translation

from matters import documents as doc
from organizations.models import Province

WIDTHS = (1.0, 3.2, 4.6, 2.4, 1.8, 1.6, 1.4)
HEADER = ("TT", "Đơn vị", "Nội dung", "Quốc gia", "Thời gian", "Số người", "Kinh phí (triệu đồng)")
KIND_TITLES = {
    "outbound": "I. ĐOÀN RA",
    "inbound": "II. ĐOÀN VÀO",
    "conference": "III. HỘI NGHỊ, HỘI THẢO QUỐC TẾ",
    "agreement": "IV. THỎA THUẬN QUỐC TẾ",
}


def plan_docx(plan_round, version) -> bytes:
    """Return the Word file of ``version`` (an approval) of the round's plan."""
    with translation.override("vi"):
        province = Province.current()
        names = doc.province_names(province.name)
        document = doc.new_document()
        doc.heading(
            document,
            names.upper,
            version.plan_number,
            f"{names.place}, {doc.long_date_vi(version.plan_date)}",
        )
        title = "KẾ HOẠCH" if not version.is_supplement else "KẾ HOẠCH BỔ SUNG"
        doc.centered(document, title, bold=True, space_before=12)
        doc.centered(
            document,
            f"Đoàn ra, đoàn vào và hoạt động đối ngoại năm {plan_round.year}",
            bold=True,
            space_after=12,
        )
        focal = doc.focal_name(province)
        doc.body(
            document,
            f"Trên cơ sở đề xuất của các cơ quan, đơn vị và báo cáo tổng hợp của {focal}, "
            f"Ủy ban nhân dân tỉnh ban hành Kế hoạch đoàn ra, đoàn vào năm {plan_round.year} "
            "như sau:",
        )
        items = version.items
        for kind, heading in KIND_TITLES.items():
            rows = [item for item in items if item["kind"] == kind]
            if not rows:
                continue
            doc.body(document, heading, bold=True)
            doc.grid_table(
                document, HEADER, [_row(n, item) for n, item in enumerate(rows, 1)], WIDTHS
            )
        if any(item["party_managed"] for item in items):
            doc.body(
                document,
                "(*) Đoàn có cán bộ thuộc diện Ban Thường vụ Tỉnh ủy quản lý: cơ quan, đơn vị "
                "xin ý kiến Ban Thường vụ Tỉnh ủy trước khi trình UBND tỉnh quyết định cử đoàn.",
                italic=True,
            )
        total = sum(int(item["estimated_cost"].split(".")[0]) for item in items)
        doc.body(document, f"Tổng kinh phí dự kiến: {doc.money_vi(total)} đồng.")
        doc.body(document, "Tổ chức thực hiện:", bold=True)
        doc.body(
            document,
            f"1. Các cơ quan, đơn vị thực hiện theo kế hoạch được duyệt; trường hợp phát sinh "
            f"ngoài kế hoạch phải nêu rõ lý do khi trình UBND tỉnh (qua {focal}).",
        )
        doc.body(
            document,
            doc.ends(f"2. {focal} theo dõi, tổng hợp tình hình thực hiện, báo cáo UBND tỉnh."),
        )
        approver = version.approver
        doc.closing(
            document,
            doc.recipients(province, "Các cơ quan, đơn vị có tên tại Kế hoạch;", f"{focal};"),
            # The plan is the People's Committee's own (signed "TM. ỦY BAN NHÂN DÂN").
            doc.signature_block(approver, issuer=doc.Issuer.COMMITTEE),
            doc.signer_name(approver),
        )
        return doc.as_bytes(document)


def _row(number: int, item: dict) -> list[str]:
    from django_countries import countries

    names = [str(dict(countries).get(code, code)) for code in item["countries"]]
    mark = " (*)" if item["party_managed"] else ""
    cost = int(item["estimated_cost"].split(".")[0]) // 1_000_000
    return [
        str(number),
        item["unit"],
        item["title"] + mark,
        ", ".join(names),
        item["period"],
        str(item["size"] or ""),
        doc.money_vi(cost) if cost else "",
    ]
