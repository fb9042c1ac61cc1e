"""The report to the ministry as a document (issue #22): its parts I–V in the Word file,
the figures other offices give marked by their source, the draft written by the focal
agency's specialist, submitted, approved, signed and registered, its figures frozen."""

import datetime
import io
import json

import pytest
from django.urls import reverse
from docx import Document

from audit.models import Action, Entry
from reports.models import ExternalFigure, ReportDraft

from ..issuance import signed_pdf
from .helpers import make_trip

pytestmark = pytest.mark.django_db

D = datetime.date
PERIOD = {"ky": "tuy-chon", "tu": "01/01/2022", "den": "31/08/2023"}
TEXTS = {
    "context": "Tình hình thế giới và khu vực diễn biến phức tạp, khó lường.",
    "economic": "Tỉnh đã tổ chức hiệu quả các đoàn xúc tiến đầu tư tại Đức, Hàn Quốc.",
    "culture": "Tỉnh đã ban hành Kế hoạch thực hiện Chiến lược ngoại giao văn hóa đến năm 2030.",
    "border": "Toàn tỉnh có 3.292 tàu cá khai thác vùng khơi.",
    "assessment": "Một số sở, ngành chưa thực sự chủ động trong hoạt động đối ngoại.",
    "directions": "Tăng cường kết nối, đẩy mạnh hợp tác quốc tế.",
    "recommendations": "Kính đề nghị Bộ Ngoại giao hỗ trợ tỉnh quảng bá tiềm năng đầu tư.",
}
REQUEST = (
    "Công văn số 4314/BNG-CNV ngày 30/8/2023 của Bộ Ngoại giao về việc chuẩn bị nội dung "
    "phục vụ Hội nghị Ngoại vụ toàn quốc lần thứ 21"
)
SUBJECT = "từ Hội nghị Ngoại vụ toàn quốc lần thứ 20 và định hướng công tác đối ngoại"
HEADINGS = [
    "I. BỐI CẢNH CHUNG",
    "II. KẾT QUẢ TRIỂN KHAI CÔNG TÁC ĐỐI NGOẠI ĐỊA PHƯƠNG",
    "1. Chính trị đối ngoại",
    "2. Kinh tế đối ngoại",
    "3. Văn hóa, thông tin đối ngoại",
    "4. Công tác lãnh sự, bảo hộ công dân và công tác đối với người Việt Nam ở nước ngoài",
    "5. Công tác biên giới lãnh thổ",
    "III. ĐÁNH GIÁ CHUNG",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRONG THỜI GIAN TỚI",
    "V. KIẾN NGHỊ, ĐỀ XUẤT",
]
FDI = {
    "indicator": "fdi_capital",
    "date_from": "01/01/2022",
    "date_to": "31/12/2022",
    "value": "41,2",
    "source_agency": "Sở Tài chính",
    "source_document": "Công văn số 12/STC-KTĐN ngày 05/9/2023",
}


def _draft_data(**texts):
    return {
        "date_from": "01/01/2022",
        "date_to": "31/08/2023",
        "subject": SUBJECT,
        "request": REQUEST,
        **texts,
    }


def _errors(response) -> str:
    content = response.content.decode()
    return content[content.find('role="alert"') :][:600]


def _paragraphs(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return [p.text for p in Document(io.BytesIO(response.content)).paragraphs if p.text.strip()]


def _create(client, hoa, **texts) -> ReportDraft:
    client.force_login(hoa)
    response = client.post(reverse("reports:drafts"), _draft_data(**texts))
    assert response.status_code == 302, _errors(response)
    return ReportDraft.objects.get()


@pytest.fixture
def trip(province, unit_a, lan):
    return make_trip(unit_a, lan, countries=["FR"], start_date=D(2023, 4, 3))


def test_the_word_report_has_the_parts_i_to_v_with_the_systems_figures_and_the_text(
    client, province, hoa, trip
):
    draft = _create(client, hoa, **TEXTS)
    client.post(reverse("reports:external_figures"), FDI)

    text = _paragraphs(client.get(reverse("reports:draft_docx", args=[draft.pk])))

    headings = [line for line in text if line in HEADINGS]
    assert headings == HEADINGS
    assert SUBJECT in text  # the title's subject, under "BÁO CÁO"
    opening = next(line for line in text if line.startswith("Thực hiện"))
    assert opening.startswith(f"Thực hiện {REQUEST}, Ủy ban nhân dân tỉnh")
    body = "\n".join(text)
    assert (
        "- Đoàn ra: Từ ngày 01 tháng 01 năm 2022 đến ngày 31 tháng 8 năm 2023, có 01 đoàn" in body
    )
    assert "không có trường hợp người nước ngoài gặp nạn" in body
    for key, value in TEXTS.items():
        assert value in body, key
    # Each part's text comes after its heading, and before the next part's.
    assert text.index(TEXTS["assessment"]) > text.index("III. ĐÁNH GIÁ CHUNG")
    assert text.index(TEXTS["culture"]) < text.index(HEADINGS[5])
    assert "[Còn thiếu" not in body
    assert "PHỤ LỤC SỐ LIỆU" in body


def test_the_figures_of_other_offices_are_kept_with_their_source_and_marked_in_the_report(
    client, province, hoa, pho, trip
):
    client.force_login(hoa)
    response = client.post(reverse("reports:external_figures"), FDI)
    assert response.status_code == 302
    figure = ExternalFigure.objects.get()
    assert (str(figure.value), figure.entered_by, figure.source_agency) == (
        "41.20",
        hoa,
        "Sở Tài chính",
    )
    # Entered again for the same indicator and period: replaced, the old value audited.
    client.post(reverse("reports:external_figures"), {**FDI, "value": "1.153,5"})
    figure = ExternalFigure.objects.get()
    assert str(figure.value) == "1153.50"
    entry = Entry.objects.filter(action=Action.UPDATED).latest("seq")
    assert entry.payload["before"] == "41.20"
    # A bad number is refused with a Vietnamese message, nothing changed.
    response = client.post(reverse("reports:external_figures"), {**FDI, "value": "bốn mươi"})
    assert response.status_code == 400
    assert "Hãy nhập một số không âm" in response.content.decode()
    assert str(ExternalFigure.objects.get().value) == "1153.50"
    page = client.get(reverse("reports:external_figures")).content.decode()
    assert "1.153,5 triệu USD" in page and "Nguyễn Thị Hoa" in page

    data = json.loads(
        client.get(
            reverse("reports:json"), {"ky": "tuy-chon", "tu": "01/01/2022", "den": "31/08/2023"}
        ).content  # fmt: skip
    )
    assert data["economic"] == [
        {
            "indicator": "fdi_capital",
            "label": "Vốn đầu tư FDI đăng ký cấp mới",
            "section": "economic",
            "value": 1153.5,
            "unit": "triệu USD",
            "count": False,
            "from": "2022-01-01",
            "to": "2022-12-31",
            "source": "Sở Tài chính",
            "document": "Công văn số 12/STC-KTĐN ngày 05/9/2023",
            "note": "",
        }
    ]
    assert "Nguyễn Thị Hoa" not in json.dumps(data, ensure_ascii=False)  # nobody's name

    draft = _create(client, hoa, **TEXTS)
    body = "\n".join(_paragraphs(client.get(reverse("reports:draft_docx", args=[draft.pk]))))
    assert (
        "- Vốn đầu tư FDI đăng ký cấp mới (năm 2022): 1.153,5 triệu USD (nguồn: Sở Tài chính, "
        "Công văn số 12/STC-KTĐN ngày 05/9/2023)." in body
    )
    # Only the focal agency's specialist enters figures.
    client.force_login(pho)
    assert client.post(reverse("reports:external_figures"), FDI).status_code == 403


def test_a_part_without_data_or_text_is_flagged_and_the_draft_cannot_be_submitted(
    client, province, hoa, trip
):
    draft = _create(client, hoa, context=TEXTS["context"])

    page = client.get(draft.get_absolute_url())
    flags = {row["key"]: row["complete"] for row in page.context["sections"]}
    assert flags["political"] and flags["consular"] and flags["context"]
    assert not flags["culture"] and not flags["border"] and not flags["recommendations"]
    body = "\n".join(_paragraphs(client.get(reverse("reports:draft_docx", args=[draft.pk]))))
    assert "[Còn thiếu: chưa có số liệu hoặc nội dung về công tác biên giới lãnh thổ]" in body

    response = client.post(reverse("reports:draft_submit", args=[draft.pk]))
    assert response.status_code == 400
    assert "Báo cáo chưa đủ nội dung, chưa thể trình" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.frozen is None


def test_the_draft_is_approved_signed_registered_and_its_figures_stay_frozen(
    client, province, unit_a, lan, hoa, pho, van, trip
):
    draft = _create(client, hoa, **TEXTS)
    # The leader does not see a draft still being written.
    client.force_login(pho)
    assert client.get(draft.get_absolute_url()).status_code == 404

    client.force_login(hoa)
    assert client.post(reverse("reports:draft_submit", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "awaiting_approval"
    assert draft.frozen["outbound_trips"]["count"] == 1
    # Once submitted, the specialist may no longer change the text.
    response = client.post(draft.get_absolute_url(), {"context": "Sửa sau khi trình"})
    assert response.status_code == 400

    client.force_login(pho)
    response = client.post(
        reverse("reports:draft_decide", args=[draft.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    client.force_login(van)
    response = client.post(
        reverse("reports:draft_sign", args=[draft.pk]),
        {"signed_file": signed_pdf("bao-cao.pdf"), "signed_on": "2026-12-01"},
    )
    assert response.status_code == 302, _errors(response)
    response = client.post(
        reverse("reports:draft_register", args=[draft.pk]),
        {"sequence": "1889", "issued_on": "2026-12-01"},
    )
    assert response.status_code == 302, _errors(response)

    draft.refresh_from_db()
    assert (draft.status, draft.decision_number) == ("issued", "1889/BC-UBND")
    actions = list(
        Entry.objects.filter(subject_id=str(draft.pk), subject_type__model="reportdraft")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        Action.CREATED,
        Action.SUBMITTED,
        Action.SUBMISSION_FILED,
        Action.APPROVED,
        Action.DOCUMENT_SIGNED,
        Action.DECISION_ISSUED,
    ]

    # A trip recorded later in the period changes the live figures, not the issued report.
    make_trip(unit_a, lan, countries=["JP"], start_date=D(2023, 5, 3))
    client.force_login(hoa)
    live = json.loads(client.get(reverse("reports:json"), PERIOD).content)
    assert live["outbound_trips"]["count"] == 2
    text = _paragraphs(client.get(reverse("reports:draft_docx", args=[draft.pk])))
    document = Document(
        io.BytesIO(client.get(reverse("reports:draft_docx", args=[draft.pk])).content)
    )
    assert "Số: 1889/BC-UBND" in document.tables[0].rows[0].cells[0].text
    assert any("có 01 đoàn công tác" in line for line in text)
    assert not any("có 02 đoàn công tác" in line for line in text)


def test_the_leader_returns_the_report_with_a_reason_and_its_figures_are_thawed(
    client, province, hoa, pho, trip
):
    draft = _create(client, hoa, **TEXTS)
    client.post(reverse("reports:draft_submit", args=[draft.pk]))
    client.force_login(pho)
    url = reverse("reports:draft_decide", args=[draft.pk])
    response = client.post(url, {"decision": "return"})
    assert response.status_code == 400
    assert "Hãy ghi rõ nội dung cần chỉnh sửa" in response.content.decode()

    assert client.post(url, {"decision": "return", "comment": "Bổ sung FDI"}).status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.frozen) == ("returned", None)
    client.force_login(hoa)
    assert (
        client.post(draft.get_absolute_url(), {**TEXTS, "border": "Đã bổ sung"}).status_code == 302
    )
