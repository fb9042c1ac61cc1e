"""Issuing a document as the People's Committee does (ADR 0012), through the HTTP client.

lan (unit A staff) files a trip, minh endorses, hoa reviews, dung vets, pho (the
Vice-Chairman for foreign affairs) approves the submission; van (the committee's clerk)
uploads the signed PDF and registers it; long (unit B) sees nothing of it; chu (the
Chairman, who did not approve it) cannot sign it in pho's place.
"""

import datetime
import io

import docx
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from audit.models import Entry
from matters import issuance
from matters.models import Issuance
from notifications.models import Notification
from permits.models import Status
from workflows import selectors
from workflows.flows import ChangeFlow, OutboundTripFlow

from ..issuance import pdf_bytes, register, run_step, sign, signed_pdf
from ..workflows.test_outbound_flow import approved_trip, login

pytestmark = pytest.mark.django_db

F = OutboundTripFlow


@pytest.fixture
def cast(province, lan, long, minh, hoa, dung, chu, pho, kiem, van):
    return province


@pytest.fixture
def trip(client, cast, lan, minh, hoa, dung, pho):
    return approved_trip(client, cast, lan, minh, hoa, dung, pho)


def page(client, user, trip) -> str:
    login(client, user)
    return client.get(reverse("outbound_trip", args=[trip.pk])).content.decode()


def test_the_approved_decision_is_a_draft_with_its_submission(client, trip, lan, hoa, pho, long):
    assert trip.status == Status.APPROVED
    assert trip.decision_number == "" and trip.decision_date is None
    document = issuance.pending(trip)
    assert document.submission_number == "01/TTr-SNV"
    assert document.approved_at is not None and not document.is_signed
    assert "Hồ sơ DR-" in document.summary or trip.reference in document.summary

    login(client, hoa)
    response = client.get(reverse("issuance_submission", args=[document.pk]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "TỜ TRÌNH" in text and "Số: 01/TTr-SNV" not in text  # the number is in a table
    assert trip.title in text and "Đề xuất" in text
    login(client, pho)
    draft = client.get(reverse("issuance_draft", args=[document.pk]))
    assert draft.status_code == 200 and draft.content.startswith(b"PK")
    # The unit reads its draft, not the submission (it summarises the police's reasons).
    login(client, lan)
    assert client.get(reverse("issuance_submission", args=[document.pk])).status_code == 404
    assert client.get(reverse("issuance_draft", args=[document.pk])).status_code == 200
    # The unit of another sees neither the page nor the files.
    login(client, long)
    assert client.get(reverse("issuance_submission", args=[document.pk])).status_code == 404
    assert client.get(reverse("issuance_draft", args=[document.pk])).status_code == 404
    assert client.get(reverse("outbound_trip", args=[trip.pk])).status_code == 404


def test_draft_signed_registered_issued_and_the_unit_told(client, trip, lan, minh, van, long):
    # A file that is not a PDF is refused, whatever its name says; nothing is stored.
    fake = SimpleUploadedFile("quyet-dinh.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = sign(client, van, trip, F, upload=fake)
    assert response.status_code == 200
    assert "không phải tệp PDF hợp lệ" in response.content.decode()
    truncated = SimpleUploadedFile("cat-cut.pdf", pdf_bytes()[:-40], "application/pdf")
    assert sign(client, van, trip, F, upload=truncated).status_code == 200
    assert not issuance.pending(trip).is_signed

    original = pdf_bytes("Ban quet co chu ky")
    response = sign(client, van, trip, F, upload=signed_pdf("scan.pdf", original))
    assert response.status_code == 302, response.content.decode()[:2000]
    document = issuance.pending(trip)
    assert document.is_signed and document.signer.username == "pho"  # on pho's behalf
    trip.refresh_from_db()
    assert trip.status == Status.APPROVED  # signed, not yet issued

    # The register: a number is required, and one already given this year is refused.
    other = Issuance.objects.create(
        matter_type=document.matter_type,
        matter_id=trip.pk + 1000,
        doc_type="CV",
        issuer=cast_committee(),
        year=2026,
        sequence=1889,
        number="1889/UBND-NC",
    )
    response = register(client, van, trip, F)
    assert response.status_code == 200 and 'name="sequence"' in response.content.decode()
    assert issuance.pending(trip).sequence is None
    response = register(client, van, trip, F, sequence=1889)
    assert response.status_code == 200
    assert "Số 1889 đã được cấp cho văn bản khác trong sổ năm 2026" in response.content.decode()
    response = register(client, van, trip, F, sequence=1890)
    assert response.status_code == 302, response.content.decode()[:2000]

    trip.refresh_from_db()
    assert trip.status == Status.ISSUED
    assert trip.decision_number == "1890/QĐ-UBND"
    assert trip.decision_date == datetime.date(2026, 12, 1)
    told = set(
        Notification.objects.filter(event="document_issued").values_list(
            "recipient__username", flat=True
        )
    )
    assert {"lan", "minh"} <= told and "long" not in told
    actions = list(
        Entry.objects.filter(subject_id=str(trip.pk), subject_label__startswith=trip.reference)
        .exclude(action="claimed")
        .order_by("seq")
        .values_list("action", "role")
    )
    assert actions[-3:] == [
        ("approved", "leader"),
        ("document_signed", "clerk"),
        ("decision_issued", "clerk"),
    ]
    # The signed PDF is the document of record, byte for byte; the unit downloads it.
    login(client, lan)
    response = client.get(reverse("issuance_signed", args=[document.pk]))
    assert response.status_code == 200 and response.content == original
    assert "1890-Q" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert "1890/QĐ-UBND" in page(client, lan, trip)
    login(client, long)
    assert client.get(reverse("issuance_signed", args=[document.pk])).status_code == 404
    assert other.pk  # the other document keeps its number


def cast_committee():
    from organizations.models import Province

    return Province.current().peoples_committee


def test_the_leader_who_approved_signs_another_leader_cannot(client, trip, chu, pho, van):
    task = selectors.open_tasks_of(trip, F.sign).get()
    login(client, chu)
    assert client.post(task.reverse("assign")).status_code == 403
    response = sign(client, pho, trip, F)
    assert response.status_code == 302
    assert issuance.pending(trip).signer == pho
    assert Entry.objects.filter(action="document_signed", role="leader").exists()
    # Only the clerk registers.
    task = selectors.open_tasks_of(trip, F.register).get()
    login(client, pho)
    assert client.post(task.reverse("assign")).status_code == 403


def test_the_system_numbers_when_the_province_chooses_one_register_for_all_types(
    client, settings, cast, lan, minh, hoa, dung, pho, van
):
    settings.DOCUMENT_REGISTER = {"QĐ": {"auto": True}, "CV": {"auto": True}}
    first = approved_trip(client, cast, lan, minh, hoa, dung, pho)
    second = approved_trip(client, cast, lan, minh, hoa, dung, pho)
    for trip in (first, second):
        assert sign(client, van, trip, F).status_code == 302
        response = register(client, van, trip, F)  # no number typed: the form has none
        assert response.status_code == 302, response.content.decode()[:2000]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.decision_number, second.decision_number) == ("1/QĐ-UBND", "2/QĐ-UBND")
    # The register is one sequence: a number typed afterwards continues after it.
    settings.DOCUMENT_REGISTER = {}
    third = approved_trip(client, cast, lan, minh, hoa, dung, pho)
    assert sign(client, van, third, F).status_code == 302
    assert register(client, van, third, F, sequence=2).status_code == 200  # taken
    assert register(client, van, third, F, sequence=3).status_code == 302


def test_no_decision_is_registered_after_the_trip_has_ended(client, trip, van):
    assert sign(client, van, trip, F).status_code == 302
    after = datetime.datetime(2026, 12, 14, 3, 0, tzinfo=datetime.UTC)  # ended 12/12
    with time_machine.travel(after):
        response = register(client, van, trip, F, sequence=5, issued_on=after.date())
    assert response.status_code == 200
    assert "Không thể ban hành văn bản sau ngày kết thúc" in response.content.decode()
    trip.refresh_from_db()
    assert trip.status == Status.APPROVED


def test_a_signing_date_before_the_approval_is_refused(client, trip, van):
    response = sign(client, van, trip, F, signed_on=datetime.date(2026, 11, 20))
    assert response.status_code == 200
    assert "Ngày ký không được trước ngày phê duyệt" in response.content.decode()


def issued(client, trip, van):
    assert sign(client, van, trip, F).status_code == 302
    assert register(client, van, trip, F, sequence=1889).status_code == 302
    trip.refresh_from_db()
    return trip


def ask_change(client, lan, trip, **data):
    login(client, lan)
    url = reverse("issuance_change", args=["permits", "outboundtrip", trip.pk])
    return client.post(url, {"reason": "Thay đổi lịch của đối tác", **data})


def test_an_amendment_moves_the_dates_by_a_decision_that_cites_the_first(
    client, trip, lan, long, hoa, pho, van
):
    trip = issued(client, trip, van)
    assert 'data-testid="request-change"' in page(client, lan, trip)
    login(client, long)
    url = reverse("issuance_change", args=["permits", "outboundtrip", trip.pk])
    assert client.get(url).status_code == 404
    refused = ask_change(client, lan, trip, purpose="amendment")
    assert refused.status_code == 200  # nothing to change
    response = ask_change(
        client, lan, trip, purpose="amendment", start_date="2026-12-09", end_date="2026-12-15"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    login(client, hoa)  # the request waits in the focal agency's queue
    assert "Thẩm định đề nghị điều chỉnh, hủy" in client.get(reverse("my_tasks")).content.decode()

    change_step(client, hoa, trip, ChangeFlow.review, "accept")
    change_step(client, pho, trip, ChangeFlow.approve, "accept")
    change = issuance.pending(trip)
    assert change.submission_number == "02/TTr-SNV" and change.amends.number == "1889/QĐ-UBND"
    assert run_step(client, van, trip, ChangeFlow.sign, sign_data()).status_code == 302
    response = run_step(
        client, van, trip, ChangeFlow.register, {"issued_on": "2026-12-01", "sequence": "1895"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    trip.refresh_from_db()
    assert (trip.start_date, trip.end_date) == (
        datetime.date(2026, 12, 9),
        datetime.date(2026, 12, 15),
    )
    assert trip.status == Status.ISSUED
    assert trip.decision_number == "1889/QĐ-UBND"  # the first decision stays the decision
    assert issuance.of_record(trip).number == "1895/QĐ-UBND"
    # The trip's own flow now waits for the new return date.
    timer = selectors.process_of(trip).task_set.get(flow_task=F.wait_for_return, status="SCHEDULED")
    assert timer.scheduled.date() == datetime.date(2026, 12, 15)
    assert issuance.counts(type(trip)) == {"amendment": 1}


def change_step(client, user, trip, node, decision, comment=""):
    response = run_step(client, user, trip, node, {"decision": decision, "comment": comment})
    assert response.status_code == 302, response.content.decode()[:3000]
    trip.refresh_from_db()


def sign_data():
    return {"signed_file": signed_pdf(), "signed_on": "2026-12-01"}


def test_a_cancelled_trip_ends_without_a_report_and_is_not_counted(
    client, trip, lan, hoa, pho, van
):
    trip = issued(client, trip, van)
    assert ask_change(client, lan, trip, purpose="cancellation").status_code == 302
    change_step(client, hoa, trip, ChangeFlow.review, "accept")
    change_step(client, pho, trip, ChangeFlow.approve, "accept")
    assert run_step(client, van, trip, ChangeFlow.sign, sign_data()).status_code == 302
    response = run_step(
        client, van, trip, ChangeFlow.register, {"issued_on": "2026-12-01", "sequence": "1900"}
    )
    assert response.status_code == 302
    trip.refresh_from_db()
    assert trip.status == Status.CANCELLED
    assert not trip.is_open
    with time_machine.travel(datetime.datetime(2026, 12, 13, 1, 0, tzinfo=datetime.UTC)):
        call_command("workflow_timers")
    trip.refresh_from_db()
    assert trip.status == Status.CANCELLED
    assert selectors.process_of(trip).status == "DONE"
    assert not selectors.open_tasks_of(trip, F.report).exists()
    assert issuance.counts(type(trip)) == {"cancellation": 1}


def test_the_focal_agency_may_refuse_a_change(client, trip, lan, hoa, van):
    trip = issued(client, trip, van)
    assert ask_change(client, lan, trip, purpose="cancellation").status_code == 302
    change_step(client, hoa, trip, ChangeFlow.review, "refuse", "Không có căn cứ")
    trip.refresh_from_db()
    assert trip.status == Status.ISSUED and issuance.pending(trip) is None
    assert selectors.process_of(trip, flow_class=ChangeFlow).status == "DONE"


def test_the_report_counts_amended_trips_and_leaves_out_cancelled_ones(
    client, trip, lan, hoa, pho, van
):
    from reports import figures

    trip = issued(client, trip, van)
    period = (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))
    assert figures.compute(*period)["outbound_trips"]["count"] == 1
    assert ask_change(client, lan, trip, purpose="cancellation").status_code == 302
    change_step(client, hoa, trip, ChangeFlow.review, "accept")
    change_step(client, pho, trip, ChangeFlow.approve, "accept")
    assert run_step(client, van, trip, ChangeFlow.sign, sign_data()).status_code == 302
    data = {"issued_on": "2026-12-01", "sequence": "1901"}
    assert run_step(client, van, trip, ChangeFlow.register, data).status_code == 302

    assert figures.compute(*period)["outbound_trips"]["count"] == 0
    rows = figures.breakdowns(*period)["outbound_trips"]["by_document"]
    assert [(row["key"], row["count"]) for row in rows] == [("cancelled", 1)]


def test_an_added_member_is_vetted_then_the_amending_decision_cites_the_first(
    client, trip, lan, hoa, dung, pho, van, unit_a
):
    """lan asks to add Mai (from the registry) and drop a member; hoa accepts; dung (the
    police) vets Mai before pho decides; the draft decision cites 1889/QĐ-UBND."""
    from ..people.helpers import person

    trip = issued(client, trip, van)
    mai = person("Lê Thị Mai", born=datetime.date(1985, 4, 2), unit=unit_a, position="Chuyên viên")
    leaving = trip.members.order_by("order").last()
    assert trip.members.count() >= 2
    response = ask_change(
        client, lan, trip, purpose="amendment", add_people=[mai.pk],
        remove_members=[leaving.pk], end_date="2026-12-16",
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    change_step(client, hoa, trip, ChangeFlow.review, "accept")
    # Not to the leader yet: the police vet the person added first.
    assert not selectors.open_tasks_of(trip, ChangeFlow.approve).exists()
    refused = run_step(client, dung, trip, ChangeFlow.security_check, {})
    assert refused.status_code == 200  # a verdict for Mai is required
    data = {f"verdict_{mai.pk}": "cleared", f"note_{mai.pk}": ""}
    assert run_step(client, dung, trip, ChangeFlow.security_check, data).status_code == 302
    change_step(client, pho, trip, ChangeFlow.approve, "accept")
    change = issuance.pending(trip)
    assert change.doc_type == "QĐ" and change.changes["add_people"][0]["verdict"] == "cleared"

    login(client, lan)
    response = client.get(reverse("issuance_draft", args=[change.pk]))
    assert response.status_code == 200
    draft = docx.Document(io.BytesIO(response.content))
    heading = draft.tables[0].rows[0].cells[0].text
    assert "Số:       /QĐ-UBND" in heading
    text = "\n".join(p.text for p in draft.paragraphs)
    cited = "Quyết định số 1889/QĐ-UBND ngày 01/12/2026 của Chủ tịch Ủy ban nhân dân tỉnh"
    assert f"Về việc điều chỉnh {cited}" in text
    assert f"Căn cứ {cited};" in text
    assert f"Tờ trình số {change.submission_number}" in text
    assert "Thời gian: từ ngày" in text and "đến ngày 16/12/2026." in text
    assert f"Thành viên thôi tham gia đoàn: {leaving.full_name}." in text
    assert "Bổ sung thành viên đoàn: Lê Thị Mai." in text
    assert "giữ nguyên hiệu lực thi hành" in text
    assert text.rstrip().endswith("chịu trách nhiệm thi hành Quyết định này./.")
    closing = draft.tables[-1].rows[0].cells
    assert "- Như Điều 3;" in closing[0].text and "Lưu: VT, NC." in closing[0].text
    assert [p.text for p in closing[1].paragraphs if p.text][:2] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]

    assert run_step(client, van, trip, ChangeFlow.sign, sign_data()).status_code == 302
    data = {"issued_on": "2026-12-01", "sequence": "1896"}
    assert run_step(client, van, trip, ChangeFlow.register, data).status_code == 302
    added = trip.members.get(person=mai)
    assert added.security_verdict == "cleared" and added.full_name == "Lê Thị Mai"
    assert not trip.members.filter(pk=leaving.pk).exists()


def test_a_police_objection_to_an_added_member_ends_the_request(
    client, trip, lan, hoa, dung, van, unit_a
):
    from ..people.helpers import person

    trip = issued(client, trip, van)
    mai = person("Lê Thị Mai", unit=unit_a)
    assert (
        ask_change(client, lan, trip, purpose="amendment", add_people=[mai.pk]).status_code == 302
    )
    change_step(client, hoa, trip, ChangeFlow.review, "accept")
    data = {f"verdict_{mai.pk}": "objected", f"note_{mai.pk}": ""}
    refused = run_step(client, dung, trip, ChangeFlow.security_check, data)
    assert "Hãy ghi lý do không đồng ý" in refused.content.decode()
    data[f"note_{mai.pk}"] = "Chưa đủ điều kiện"
    assert run_step(client, dung, trip, ChangeFlow.security_check, data).status_code == 302
    assert issuance.pending(trip) is None
    assert selectors.process_of(trip, flow_class=ChangeFlow).status == "DONE"
    assert not trip.members.filter(person=mai).exists()
