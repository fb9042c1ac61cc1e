"""What issue #22 still found against the seed report, on the demo period: the recipients
(Nơi nhận) complete as the seed lists them, the workbook carrying the other offices'
figures with their source and the parts I–V with what they lack, and the demo's draft
giving the report the seed's title, opening and text."""

import io
import json

import openpyxl
import pytest
from docx import Document

from organizations.models import Province, User
from reports import demo, services
from reports.models import ReportDraft

from .test_demo_figures import FROM, TO, loaded  # noqa: F401 - the demo, loaded
from .test_ministry_and_internal import PROCESSING_WORDS, _docx_text, _xlsx_text

pytestmark = pytest.mark.django_db


def _recipients(content: bytes) -> list[str]:
    """Return the lines of the Word report's Nơi nhận, in order."""
    document = Document(io.BytesIO(content))
    for table in document.tables:
        for row in table.rows:
            text = row.cells[0].text
            if text.startswith("Nơi nhận:"):
                return [line for line in text.splitlines()[1:] if line.strip()]
    raise AssertionError("Nơi nhận not found")


def test_the_recipients_are_complete_as_in_the_seed(loaded):  # noqa: F811
    lines = _recipients(services.render(FROM, TO, "docx"))

    # The seed: Như trên; Cục Ngoại vụ, BNG; CT, các PCT UBND tỉnh; Sở Ngoại vụ; the offices
    # that gave figures (then Sở Kế hoạch và Đầu tư); Công an tỉnh; CVP UBND tỉnh; Lưu.
    assert lines[:4] == [
        "- Như trên;",
        "- Cục Ngoại vụ, BNG;",
        "- CT, các PCT UBND tỉnh;",
        "- Sở Ngoại vụ;",
    ]
    # Each office whose figures the report quotes, once, then the police.
    assert lines[4:7] == ["- Sở Tài chính;", "- Sở Công Thương;", "- Công an tỉnh;"]
    assert lines[7] == "- CVP UBND tỉnh;"
    assert lines[8].startswith("- Lưu: VT, ") and len(lines) == 9


def test_the_copies_to_the_ministry_are_a_setting(loaded, settings):  # noqa: F811
    settings.FOREIGN_AFFAIRS_REPORT_COPIES = ["Cục Lãnh sự, BNG", "Vụ Tổng hợp kinh tế, BNG"]
    lines = _recipients(services.render(FROM, TO, "docx"))
    assert lines[1:3] == ["- Cục Lãnh sự, BNG;", "- Vụ Tổng hợp kinh tế, BNG;"]


def _sheet(content: bytes, name: str) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert name in book.sheetnames, book.sheetnames
    return [row for row in book[name].iter_rows(values_only=True) if any(row)]


def test_the_workbook_has_the_other_offices_figures_with_their_source(loaded):  # noqa: F811
    rows = _sheet(services.render(FROM, TO, "xlsx"), "Số liệu cơ quan khác")

    assert rows[0] == ("Chỉ tiêu", "Kỳ số liệu", "Số liệu", "Đơn vị tính", "Cơ quan cung cấp",
                       "Văn bản")  # fmt: skip
    assert (
        "Vốn đầu tư FDI đăng ký cấp mới",
        "từ 01/01/2022 đến 31/08/2023",
        41.2,
        "triệu USD",
        "Sở Tài chính",
        "Văn bản số 1520/STC-ĐTNN ngày 05/9/2023",
    ) in rows
    assert ("Kim ngạch xuất khẩu", "năm 2022", 1550, "triệu USD", "Sở Công Thương") in [
        row[:5] for row in rows
    ]
    assert len(rows) == 1 + 6


def test_the_workbook_says_which_parts_are_complete(province, hoa):
    services.save_draft(
        actor=hoa, date_from=FROM, date_to=TO, texts={"context": "Bối cảnh chung của kỳ."}
    )
    rows = _sheet(services.render(FROM, TO, "xlsx"), "Các phần báo cáo")

    assert rows[0] == ("Phần", "Tên phần", "Tình trạng", "Nội dung do chuyên viên nhập")
    parts = {row[0]: row for row in rows[1:]}
    assert list(parts) == ["I", "II.1", "II.2", "II.3", "II.4", "II.5", "III", "IV", "V"]
    assert parts["I"][2:] == ("Đủ nội dung", "Bối cảnh chung của kỳ.")
    assert parts["II.1"][2] == "Đủ nội dung"  # the records' figures
    assert parts["V"][2] == "Còn thiếu: chưa nhập kiến nghị, đề xuất"


def test_the_demo_draft_gives_the_seed_title_opening_and_text(loaded):  # noqa: F811
    draft = ReportDraft.objects.get(date_from=FROM, date_to=TO)
    assert draft.status == "draft"
    report = json.loads(services.render(FROM, TO, "json"))
    assert all(row["complete"] for row in report["sections"]), report["sections"]

    paragraphs = [
        p.text for p in Document(io.BytesIO(services.render(FROM, TO, "docx"))).paragraphs
    ]
    body = "\n".join(paragraphs)
    assert "từ Hội nghị Ngoại vụ toàn quốc lần thứ 20 và định hướng công tác đối ngoại" in body
    assert (
        "Thực hiện Công văn số 4314/BNG-CNV ngày 30/8/2023 của Bộ Ngoại giao về việc chuẩn bị "
        "nội dung phục vụ Hội nghị Ngoại vụ toàn quốc lần thứ 21, Ủy ban nhân dân tỉnh"
    ) in body
    assert "[Còn thiếu" not in body
    assert "tình hình thế giới và khu vực diễn biến phức tạp, khó lường" in body


def test_loading_the_demo_again_keeps_its_draft(loaded):  # noqa: F811
    out = io.StringIO()
    demo.load(out)
    assert ReportDraft.objects.count() == 1
    assert "Dự thảo báo cáo kỳ 01/01/2022–31/08/2023: 0 tạo mới." in out.getvalue()


def test_with_the_demos_draft_and_figures_the_report_still_names_nobody(loaded):  # noqa: F811
    signer = Province.current().foreign_affairs_leader.get_full_name()
    names = {user.get_full_name() for user in User.objects.all()} - {signer, ""}
    assert len(names) > 10
    data = services.render(FROM, TO, "json").decode()
    word = _docx_text(services.render(FROM, TO, "docx"))
    _sheets, excel = _xlsx_text(services.render(FROM, TO, "xlsx"))
    for text in (data, word, excel):
        assert not [name for name in names if name in text]
        assert not [term for term in PROCESSING_WORDS if term in text]
    assert signer not in data and signer not in excel  # the Word file's signature only
