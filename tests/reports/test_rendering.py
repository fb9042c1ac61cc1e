"""The Word report of the demo period (2022-01-01..2023-08-31) rendered by LibreOffice:
it reads like the seed report (national motto, title, parts I–V, the seed's sentences).
The PNG of its first page is kept in the test artefacts folder (var/test-artefacts, or
TEST_ARTEFACTS_DIR), never in the repository. Skipped without soffice and poppler, as
tests/matters/test_rendering.py is."""

import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from matters.pdf import docx_to_pdf
from reports import services

from ..matters.test_rendering import MOTTO, _one_line, _require_tools
from .test_demo_figures import FROM, TO, loaded  # noqa: F401 - the demo, loaded

pytestmark = pytest.mark.django_db

HEADINGS = [
    MOTTO,
    "BÁO CÁO",
    "Kết quả triển khai công tác đối ngoại địa phương",
    "I. BỐI CẢNH CHUNG",
    "II. KẾT QUẢ TRIỂN KHAI CÔNG TÁC ĐỐI NGOẠI",  # "PHƯƠNG" wraps to the next line
    "III. ĐÁNH GIÁ CHUNG",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRONG THỜI GIAN TỚI",
    "V. KIẾN NGHỊ, ĐỀ XUẤT",
]


def _artefacts() -> Path:
    folder = os.environ.get("TEST_ARTEFACTS_DIR") or Path(settings.BASE_DIR, "var/test-artefacts")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_demo_report_renders_with_the_seed_headings_and_its_first_page_is_kept(loaded):  # noqa: F811
    _require_tools()
    folder = _artefacts()
    pdf = folder / "bao-cao-doi-ngoai-2022-2023.pdf"
    pdf.write_bytes(docx_to_pdf(services.render(FROM, TO, "docx")))

    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", pdf,
         folder / "bao-cao-doi-ngoai-2022-2023-trang-1"],
        check=True,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", "-layout", pdf, "-"], check=True, capture_output=True, text=True
    ).stdout

    assert (folder / "bao-cao-doi-ngoai-2022-2023-trang-1.png").stat().st_size > 10_000
    missing = [line for line in HEADINGS if not _one_line(text, line)]
    assert not missing, missing
    words = " ".join(text.split())
    assert "giải quyết kịp thời cho 19 trường hợp người nước ngoài" in words
    # The other offices' figures, with their source.
    assert "41,2 triệu USD" in words
    # The demo's draft: the seed's subject and request, every part written.
    assert "từ Hội nghị Ngoại vụ toàn quốc lần thứ 20 và định hướng công tác đối ngoại" in words
    assert "Thực hiện Công văn số 4314/BNG-CNV ngày 30/8/2023 của Bộ Ngoại giao" in words
    assert "[Còn thiếu" not in words
    assert "- Cục Ngoại vụ, BNG;" in words and "- CVP UBND tỉnh;" in words
