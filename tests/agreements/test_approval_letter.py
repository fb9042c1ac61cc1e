"""The Chairman's approval of an agreement is issued as a letter of the People's Committee
(ADR 0012): a draft without number or date, signed, registered in the one register of
the year, and only then may the agreement be signed with the partner.
"""

import datetime

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Status
from matters import issuance
from tests.conftest import SUITE_DAY

from ..issuance import issue, run_step
from ..matters.test_documents import body_lines, read, signature
from .helpers import F, login, make_approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(cast, lan, minh, hoa, tuan, dung, chu, van, unit_a):
    return make_approved((lan, minh, hoa, tuan, dung, chu, van), unit_a, title="Ghi nhớ Gyeonggi")


def test_the_approval_letter_is_a_draft_then_a_numbered_letter_before_the_signing(
    client, approved, lan, long, hoa, van
):
    agreement = approved
    assert agreement.status == Status.APPROVED and agreement.decision_number == ""
    document = issuance.pending(agreement)
    assert document.doc_type == "CV" and document.submission_number.endswith("/TTr-SNV")

    login(client, lan)
    response = client.get(reverse("issuance_draft", args=[document.pk]))
    assert response.status_code == 200
    draft = read(response.content)
    heading = draft.tables[0].rows[0].cells[0].text
    assert "Số:       /UBND-NC" in heading
    assert "V/v chấp thuận ký kết bản ghi nhớ (mou) với Đối tác" in heading
    assert "ngày      tháng      năm 2026" in draft.tables[0].rows[0].cells[1].text
    lines = body_lines(draft)
    assert "Kính gửi: Sở Công Thương." in lines
    assert any(f"Tờ trình số {document.submission_number}" in line for line in lines)
    assert any("“Ghi nhớ Gyeonggi” với Đối tác (Hàn Quốc)" in line for line in lines)
    assert lines[-1].endswith("Bộ Ngoại giao./.")
    assert signature(draft) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Anh Tuấn"]
    recipients = draft.tables[-1].rows[0].cells[0].text
    assert "- Như trên;" in recipients and "- Bộ Ngoại giao;" in recipients
    assert recipients.rstrip().endswith("- Lưu: VT, NC.")
    # Another unit sees neither the agreement nor its draft.
    login(client, long)
    assert client.get(reverse("issuance_draft", args=[document.pk])).status_code == 404

    # The Chairman approved two days ago; the letter is signed and registered today.
    approved_at = datetime.datetime(2026, 11, 29, 9, tzinfo=datetime.UTC)
    type(agreement).objects.filter(pk=agreement.pk).update(decided_at=approved_at)
    issuance.of(agreement).update(approved_at=approved_at)
    # No letter to download before it is issued.
    login(client, hoa)
    assert client.get(reverse("agreement_letter", args=[agreement.pk])).status_code == 404

    agreement = issue(client, agreement, F, clerk=van, sequence=1901, issued_on=SUITE_DAY)
    assert agreement.status == Status.ISSUED
    assert agreement.decision_number == "1901/UBND-NC"
    assert agreement.decision_date == SUITE_DAY

    login(client, lan)
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert 'data-testid="letter-download"' in page and "1901/UBND-NC" in page
    response = client.get(reverse("agreement_letter", args=[agreement.pk]))
    letter = read(b"".join(response.streaming_content))
    assert "Số: 1901/UBND-NC" in letter.tables[0].rows[0].cells[0].text
    assert signature(letter) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Anh Tuấn"]

    # Approved on the 29th, the letter issued on the 1st: no signing on the 30th.
    before = SUITE_DAY - datetime.timedelta(days=1)
    data = {"signed_on": before.isoformat(), "signed_place": "Suwon", "signed_by": "Chủ tịch"}
    refused = run_step(client, hoa, agreement, F.record_signing, data)
    assert refused.status_code == 200
    assert "trước ngày ban hành văn bản chấp thuận" in refused.content.decode()
    data["signed_on"] = SUITE_DAY.isoformat()
    assert run_step(client, hoa, agreement, F.record_signing, data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Status.SIGNED


def test_an_agreement_has_no_change_flow(approved):
    assert not issuance.amendable(approved)
    assert services.letter_draft(approved, issuance.pending(approved)).startswith(b"PK")
