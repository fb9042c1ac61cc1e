"""The approved plan (Kế hoạch đoàn ra, đoàn vào năm ...), as a Word file in the Decree
30/2020 layout (``matters.documents``): the heading with its number, the purpose, the
table of items by unit (the items with cadres the Party Standing Committee manages
marked), the organisation of its implementation, the signature of whoever approved it.

``draft_docx`` is the plan the leader signs, with the blank number and date the clerk
fills from the register; ``version_docx`` a registered version, with its number.
"""

from django.utils import translation

from matters import documents as doc
from matters import issuance
from organizations.models import Province

from .models import PLAN_TYPE

WIDTHS = (1.0, 3.2, 4.6, 2.4, 1.8, 1.6, 1.4)
HEADER = ("TT", "Đơn vị", "Nội dung", "Quốc gia", "Thời gian", "Số người", "Kinh phí (triệu đồng)")
KIND_TITLES = {
    "outbound": "I. ĐOÀN RA",
    "inbound": "II. ĐOÀN VÀO",
    "conference": "III. HỘI NGHỊ, HỘI THẢO QUỐC TẾ",
    "agreement": "IV. THỎA THUẬN QUỐC TẾ",
}


def version_docx(version) -> bytes:
    """Return the Word file of ``version`` (a registered plan or supplement)."""
    return plan_docx(
        version.round,
        number=version.plan_number,
        day=version.plan_date,
        items=version.items,
        approver=version.approver,
        supplement=version.is_supplement,
    )


def draft_docx(plan_round, items: list[dict]) -> bytes:
    """Return the draft of the round's plan awaiting signature: no number, no date."""
    return plan_docx(
        plan_round,
        number=None,
        day=None,
        items=items,
        approver=plan_round.approver,
        supplement=plan_round.version > 0,
    )


def plan_docx(plan_round, *, number, day, items: list[dict], approver, supplement) -> bytes:
    """Return the Word file of the round's plan: ``items`` (as ``Version.items`` keeps
    them), ``number`` and ``day`` from the register (None: a draft's blanks)."""
    with translation.override("vi"):
        province = Province.current()
        names = doc.province_names(province.name)
        document = doc.new_document()
        symbol = issuance.symbol(PLAN_TYPE, province.peoples_committee)
        doc.heading(
            document,
            names.upper,
            doc.number_line(number, symbol),
            doc.place_and_date(names, day),
        )
        title = "KẾ HOẠCH" if not supplement else "KẾ HOẠCH BỔ SUNG"
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
    if item.get("replaces_title"):
        mark += f" (thay thế nội dung “{item['replaces_title']}”)"
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
