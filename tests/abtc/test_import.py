"""Past APEC business travel cards from the Excel template: a good file makes complete
requests the register and the statistics count; each bad cell is named by row and column
and nothing is written; a second import changes nothing; each request gets its audit entry."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from abtc import importing
from abtc.models import AbtcRequest, Manager, Status
from audit.models import Entry

pytestmark = pytest.mark.django_db

HEAD = ["Công ty TNHH Hải Phong", "4101234567", "15/03/2015"]
GOOD = [
    [*HEAD, "Trần Văn Phong", "20/05/1978", "Giám đốc", "C1234567", "abtc 0001",
     "JP, KR", "10/08/2023", "", "1520/QĐ-UBND", "25/07/2023"],
    ["DNHP", "4101234567", "", "Lê Thị Mai", "02/02/1985", "Kế toán trưởng", "C7654321",
     "ABTC0002", "SG", datetime.date(2023, 8, 12), "12/08/2028", "1520/QĐ-UBND",
     "25/07/2023"],
    ["Công ty Cổ phần Thủy sản Nam Á", "4109876543", "01/01/2010", "Võ Văn Nam",
     "03/03/1970", "Chủ tịch HĐQT", "B1112223", "ABTC0003", "CN", "01/03/2022", "",
     "300/QĐ-UBND", "15/02/2022"],
]  # fmt: skip


def workbook(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append([str(column.heading) for column in importing.COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(rows):
    return importing.import_workbook(io.BytesIO(workbook(rows)), file_name="the-cu.xlsx")


@pytest.fixture
def businesses(business, other_business):
    return business, other_business


def test_a_good_file_makes_complete_requests_with_their_cards_and_again_changes_nothing(
    businesses,
):
    business, other = businesses
    first = run(GOOD)
    assert (first.requests_created, first.cards_created, first.unchanged) == (2, 3, 0)
    hai_phong = AbtcRequest.objects.get(unit=business)
    assert hai_phong.status == Status.COMPLETED
    assert (hai_phong.decision_number, hai_phong.decision_date) == (
        "1520/QĐ-UBND",
        datetime.date(2023, 7, 25),
    )
    assert hai_phong.reference.startswith("ABTC-2023-DNHP-")
    assert hai_phong.submitted_by.username == "nhap-ho-so-cu"
    assert hai_phong.economies == ["JP", "KR", "SG"]
    phong = Manager.objects.get(card_number="ABTC0001")
    assert phong.approved and phong.passport_number == "C1234567"
    assert (phong.card_expires_on, phong.card_economies) == (
        datetime.date(2028, 8, 10),
        ["JP", "KR"],
    )
    entries = Entry.objects.filter(action="imported", subject_id=str(hai_phong.pk))
    assert [e.payload["cards"] for e in entries] == [["ABTC0001", "ABTC0002"]]

    again = run(GOOD)
    assert (again.requests_created, again.cards_created, again.unchanged) == (0, 0, 3)
    assert AbtcRequest.objects.count() == 2 and Manager.objects.count() == 3
    assert Entry.objects.filter(action="imported").count() == 2


def test_a_card_added_to_the_file_later_joins_the_request_imported_before(businesses):
    run(GOOD[:1])
    later = run(GOOD[:2])
    assert (later.requests_created, later.cards_created, later.unchanged) == (0, 1, 1)
    assert AbtcRequest.objects.get().managers.count() == 2


def test_every_bad_cell_is_named_by_row_and_column_and_nothing_is_written(businesses):
    bad = [
        ["Sở Công Thương", "41012", "", "", "31/02/1980", "Giám đốc", "C12",
         "ABTC0009", "JP, XX", "10/08/2023", "", "1/QĐ-UBND", "25/07/2023"],
        [*GOOD[0][:7], "ABTC0001", "JP", "20/07/2023", "", "1520/QĐ-UBND", "25/07/2023"],
        GOOD[0],
        [*GOOD[1][:12], "26/07/2023"],
    ]  # fmt: skip
    with pytest.raises(Exception) as raised:
        run(bad)
    messages = raised.value.messages
    assert messages == [
        "Dòng 2, cột “Doanh nghiệp (tên hoặc mã đơn vị)”: không có doanh nghiệp “Sở Công "
        "Thương” trong hệ thống (đơn vị loại doanh nghiệp).",
        "Dòng 2, cột “Mã số doanh nghiệp”: mã số doanh nghiệp gồm 10 chữ số (13 với chi nhánh).",
        "Dòng 2, cột “Họ và tên doanh nhân”: không được để trống.",
        "Dòng 2, cột “Ngày sinh (dd/mm/yyyy)”: “31/02/1980” không phải ngày hợp lệ (dd/mm/yyyy).",
        "Dòng 2, cột “Số hộ chiếu”: số hộ chiếu phải có từ 5 đến 20 ký tự.",
        "Dòng 2, cột “Nền kinh tế ghi trên thẻ (mã, cách nhau bởi dấu phẩy)”: “XX” không "
        "thuộc Chương trình thẻ ABTC (mã nền kinh tế, ví dụ JP, KR).",
        "Dòng 3, cột “Ngày cấp thẻ (dd/mm/yyyy)”: ngày cấp thẻ không thể trước ngày quyết định.",
        "Dòng 5, cột “Ngày quyết định (dd/mm/yyyy)”: quyết định này ở dòng 4 có ngày khác.",
    ]
    assert not AbtcRequest.objects.exists() and not Manager.objects.exists()
    assert not Entry.objects.filter(action="imported").exists()


def test_a_card_number_recorded_for_someone_else_rolls_the_file_back(businesses):
    run(GOOD[:1])
    taken = [*GOOD[2][:6], "Z9998887", "ABTC 0001", *GOOD[2][8:]]
    with pytest.raises(Exception) as raised:
        run([taken])
    assert raised.value.messages == [
        "Dòng 2, cột “Số thẻ ABTC”: số thẻ này đã có trong sổ cho doanh nhân khác."
    ]
    assert AbtcRequest.objects.count() == 1 and Manager.objects.count() == 1


def test_the_command_writes_the_template_and_imports_it(businesses, tmp_path, capsys):
    template = tmp_path / "mau.xlsx"
    call_command("import_abtc_cards", template=str(template))
    sheet = load_workbook(template).active
    assert [c.value for c in sheet[1]][:2] == [
        "Doanh nghiệp (tên hoặc mã đơn vị)",
        "Mã số doanh nghiệp",
    ]
    call_command("import_abtc_cards", str(template))
    assert "1 hồ sơ mới, 1 thẻ mới" in capsys.readouterr().out
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match="Không đọc được tệp Excel thẻ ABTC"):
        call_command("import_abtc_cards", str(path))


def test_the_focal_agency_imports_on_the_register_s_page_and_a_business_may_not(
    client, businesses, province, hoa, an
):
    url = "/the-abtc/so-the/nhap/"
    client.force_login(an)
    assert client.get(url).status_code == 403
    client.force_login(hoa)
    form = client.get(url).content.decode().split('data-testid="import-form"')[1]
    assert "<p>" not in form.split("</form>")[0]
    assert 'class="dn-field dn-field--clearablefile' in form
    upload = SimpleUploadedFile("the-cu.xlsx", workbook(GOOD[:1]), content_type="application/zip")
    page = client.post(url, {"file": upload}).content.decode()
    assert "1 dòng: 1 hồ sơ mới, 1 thẻ mới, 0 thẻ đã có trong sổ." in page
    entry = Entry.objects.get(action="imported")
    assert (entry.actor, entry.payload["file"]) == (hoa, "the-cu.xlsx")
    refused = client.post(url, {"file": SimpleUploadedFile("x.xlsx", b"%PDF-1.4 x")})
    assert refused.status_code == 400
