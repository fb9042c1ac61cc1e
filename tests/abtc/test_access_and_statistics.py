"""Who sees which ABTC request and card; the statistics, their Excel export and the
annual report's section."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from abtc.models import AbtcRequest, Manager, Status
from reports import figures

from .helpers import login, submit, to_consultation

pytestmark = pytest.mark.django_db


def make_allowed(unit, submitter, decided, economies, people, reference):
    """An allowed request decided on ``decided``; ``people`` are (name, allowed, card)."""
    abtc_request = AbtcRequest.objects.create(
        reference=reference,
        unit=unit,
        submitted_by=submitter,
        status=Status.COMPLETED,
        enterprise_code="4100000000",
        established_on=datetime.date(2010, 1, 1),
        address="Quy Nhơn",
        legal_representative="Giám đốc",
        business_lines="Thủy sản",
        apec_partners="Hợp đồng",
        economies=economies,
        decision_number=f"{reference}/QĐ-UBND",
        decision_date=decided,
    )
    for i, (name, allowed, card) in enumerate(people):
        manager = Manager(
            request=abtc_request,
            full_name=name,
            date_of_birth=datetime.date(1980, 1, 1),
            position="Giám đốc",
            approved=allowed,
            card_number=card,
            card_economies=economies[:1] if card else [],
        )
        manager.passport_number = f"B{reference}{i:04d}"
        manager.save()
    return abtc_request


def test_another_business_and_outsiders_see_nothing(
    client, cast, an, binh, cuong, hoa, dung, thue, lan, police, tax_office, social_insurance, bao
):
    abtc_request = submit(client, an)
    page = abtc_request.get_absolute_url()
    for outsider in (cuong, lan, dung, thue):
        login(client, outsider)
        assert client.get(page).status_code == 404, outsider.username
        assert abtc_request.reference not in client.get("/the-abtc/").content.decode()
        assert client.get(f"/the-abtc/ho-so/{abtc_request.pk}/quyet-dinh/").status_code == 404
    # Once consulted, the police and the tax office see it; social insurance, not asked, not.
    to_consultation(client, abtc_request, binh=binh, hoa=hoa, agencies=[tax_office])
    for agency_user in (dung, thue):
        assert login(client, agency_user).get(page).status_code == 200
    assert login(client, bao).get(page).status_code == 404
    # Another business still sees nothing: not the request, not in a search, not a card.
    login(client, cuong)
    assert client.get(page).status_code == 404
    assert abtc_request.reference not in client.get("/the-abtc/?q=Phong").content.decode()
    assert client.get("/the-abtc/thong-ke/").context["figures"]["managers"] == 0


def test_the_register_and_statistics_show_only_ones_own(
    client, cast, an, cuong, hoa, kiem, business, other_business
):
    make_allowed(
        business,
        an,
        datetime.date(2025, 5, 1),
        ["JP", "KR"],
        [("Hoàng Văn Phong", True, "APEC-1"), ("Vũ Thị Mai", False, "")],
        "A1",
    )
    make_allowed(
        business,
        an,
        datetime.date(2026, 3, 1),
        ["JP"],
        [("Đặng Quốc Huy", True, "")],
        "A2",
    )
    make_allowed(
        other_business,
        cuong,
        datetime.date(2026, 4, 1),
        ["US", "CN"],
        [("Lý Thu Hà", True, "APEC-9"), ("Mạc Văn Tú", True, "")],
        "B1",
    )

    # The focal agency sees every business.
    stats = login(client, hoa).get("/the-abtc/thong-ke/").context["figures"]
    assert (stats["requests"], stats["managers"], stats["cards"]) == (3, 4, 2)
    assert stats["by_year"] == [
        {"year": 2026, "requests": 2, "managers": 3},
        {"year": 2025, "requests": 1, "managers": 1},
    ]
    # A registered card counts its own economies (JP for Phong, US for Hà); the others
    # the economies asked for.
    assert {row["code"]: row["managers"] for row in stats["by_economy"]} == {
        "JP": 2,
        "US": 2,
        "CN": 1,
    }
    assert {row["name"]: (row["requests"], row["managers"]) for row in stats["by_business"]} == {
        "Công ty TNHH Hải Phong": (2, 2),
        "Công ty Cổ phần Thủy sản Nam Á": (1, 2),
    }
    year = login(client, kiem).get("/the-abtc/thong-ke/?year=2025").context["figures"]
    assert (year["requests"], year["managers"]) == (1, 1)

    # The business sees its own only: figures, register, Excel.
    login(client, an)
    own = client.get("/the-abtc/thong-ke/").context["figures"]
    assert (own["requests"], own["managers"]) == (2, 2)
    register = client.get("/the-abtc/so-the/").content.decode()
    assert "APEC-1" in register and "APEC-9" not in register
    response = client.get("/the-abtc/thong-ke/excel/")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Theo năm",
        "Theo nền kinh tế",
        "Theo doanh nghiệp",
        "Sổ thẻ ABTC",
    ]
    cards = list(workbook["Sổ thẻ ABTC"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in cards] == ["APEC-1"]
    business_rows = list(workbook["Theo doanh nghiệp"].iter_rows(min_row=2, values_only=True))
    assert business_rows == [("Công ty TNHH Hải Phong", 2, 2)]


def test_the_annual_report_counts_allowed_managers_by_economy(
    cast, an, cuong, business, other_business
):
    make_allowed(
        business,
        an,
        datetime.date(2026, 3, 1),
        ["JP", "KR"],
        [("A", True, ""), ("B", False, "")],
        "A1",
    )
    make_allowed(
        other_business, cuong, datetime.date(2025, 12, 31), ["US"], [("C", True, "")], "B1"
    )
    report = figures.compute(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert report["abtc"] == {"approved": 1, "managers": 1, "economies": {"JP": 1, "KR": 1}}
