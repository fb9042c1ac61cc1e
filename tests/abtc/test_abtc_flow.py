"""The ABTC flow end to end, as each role, through the HTTP client."""

import datetime
import io
import zipfile

import pytest
import time_machine
from django.utils import timezone

from abtc import services
from abtc.models import AbtcRequest, Manager, Status
from notifications import Event
from notifications.models import Notification
from people import personal_data

from ..issuance import issue
from .helpers import (
    F,
    actions,
    answer,
    approve,
    decide,
    login,
    open_task,
    register,
    request_data,
    step,
    submit,
    task_names,
    to_consultation,
    to_decision,
)

pytestmark = pytest.mark.django_db


def test_the_whole_flow_as_each_role(
    client, cast, an, binh, hoa, tuan, dung, thue, bao, pho, police, tax_office, social_insurance
):
    # The business files; passports are stored encrypted and shown masked.
    abtc_request = submit(client, an)
    assert abtc_request.status == Status.SUBMITTED
    assert abtc_request.reference == "ABTC-2026-DNHP-001"
    phong, mai = abtc_request.managers.order_by("pk")
    assert "C1234567" not in phong.passport_encrypted
    assert phong.passport_number == "C1234567"
    page = login(client, an).get(abtc_request.get_absolute_url()).content.decode()
    assert personal_data.mask("C1234567") in page and "C1234567" not in page

    # The legal representative signs; the focal agency returns it for a missing paper.
    decide(client, binh, abtc_request, F.endorse, "endorse")
    decide(client, hoa, abtc_request, F.review, "return", "Bổ sung xác nhận của cơ quan BHXH.")
    assert abtc_request.status == Status.RETURNED

    # The business revises (the managers kept) and it goes straight back to the reviewer.
    login(client, an)
    revise = step(
        client,
        an,
        abtc_request,
        F.revise,
        **{
            **request_data(managers=[]),
            "purpose": "Đàm phán hợp đồng; đã bổ sung xác nhận BHXH",
            "comment": "Đã bổ sung.",
        },
    )
    assert revise.status == Status.IN_REVIEW
    assert abtc_request.managers.count() == 2

    # The reviewer finds the tax office and social insurance ticked, the police always.
    decide(client, hoa, abtc_request, F.review, "accept")
    login(client, hoa)
    task = open_task(abtc_request, F.select_agencies)
    client.post(task.reverse("assign"))
    task.refresh_from_db()
    page = client.get(task.reverse("execute")).content.decode()
    for agency in (tax_office, social_insurance):
        assert f'value="{agency.pk}" id="id_agencies_' in page and "checked" in page
    step(
        client,
        hoa,
        abtc_request,
        F.select_agencies,
        agencies=[tax_office.pk, social_insurance.pk],
    )
    assert abtc_request.status == Status.CONSULTING
    assert set(abtc_request.opinions.values_list("agency__code", flat=True)) == {
        "CA",
        "CT",
        "BHXH",
    }

    # In parallel: social insurance first, the police, then the tax office, late: past the
    # 20 days of Art. 12(5), Quyết định 09/2023/QĐ-TTg.
    answer(client, bao, abtc_request, social_insurance)
    answer(client, dung, abtc_request, police, verdict="agree_with_conditions", text="Đã xác minh.")
    assert abtc_request.status == Status.CONSULTING
    with time_machine.travel(timezone.now() + datetime.timedelta(days=21), tick=True):
        answer(client, thue, abtc_request, tax_office)
    late = abtc_request.opinions.get(agency=tax_office)
    assert late.is_late
    assert abtc_request.status == Status.SYNTHESIS

    step(client, tuan, abtc_request, F.synthesize, summary="Các cơ quan đồng ý.")
    assert abtc_request.status == Status.AWAITING_APPROVAL

    # The leader allows one manager and refuses the other, with the reason.
    approve(client, pho, abtc_request, [phong], comment="Bà Mai chưa đủ 12 tháng làm việc.")
    abtc_request.refresh_from_db()
    assert abtc_request.status == Status.APPROVED
    assert abtc_request.decision_number == ""  # a draft until signed and registered (ADR 0012)
    assert [m.approved for m in abtc_request.managers.order_by("pk")] == [True, False]

    # The leader signs; the committee's clerk registers the decision: number and date.
    issue(client, abtc_request, F, clerk=cast.clerk, signer=pho, sequence=1889)
    assert abtc_request.status == Status.ISSUED
    assert abtc_request.decision_number == "1889/QĐ-UBND"
    assert task_names(abtc_request)[-1].name == "allowed"

    # The numbered decision as a Word file, listing only the manager allowed.
    response = login(client, an).get(f"/the-abtc/ho-so/{abtc_request.pk}/quyet-dinh/")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert "1889/QĐ-UBND" in xml and "Hoàng Văn Phong" in xml and "Vũ Thị Mai" not in xml
    assert "09/2023/QĐ-TTg" in xml

    # The business may not register a card; the reviewer does, for the allowed manager.
    assert register(client, an, phong, "APEC-VN-0001").status_code == 403
    assert register(client, hoa, mai, "APEC-VN-0002").status_code == 404
    response = register(client, hoa, phong, "apec-vn 0001")
    assert response.status_code == 302, response.content.decode().split("card-form")[-1][:1500]
    phong.refresh_from_db()
    abtc_request.refresh_from_db()
    assert phong.card_number == "APEC-VN0001"
    assert phong.card_expires_on == datetime.date(2031, 12, 1)
    assert abtc_request.status == Status.COMPLETED

    assert actions(abtc_request) == [
        "submitted",
        "endorsed",
        "returned",
        "resubmitted",
        "forwarded",
        "forwarded",
        "opinion_given",
        "opinion_given",
        "opinion_given",
        "forwarded",
        "submission_filed",
        "approved",
        "document_signed",
        "decision_issued",
        "file_downloaded",
        "updated",
    ]


def test_expiry_reminder_once_per_card(client, cast, an, hoa, phong_card):
    manager = phong_card
    Manager.objects.filter(pk=manager.pk).update(card_expires_on=datetime.date(2027, 2, 1))
    assert services.remind_expiring(datetime.date(2026, 10, 1)) == 0  # 123 days before
    assert services.remind_expiring(datetime.date(2026, 11, 3)) == 1  # 90 days before
    assert services.remind_expiring(datetime.date(2026, 11, 4)) == 0  # once only
    told = Notification.objects.filter(event=Event.CARD_EXPIRING)
    assert set(told.values_list("recipient__username", flat=True)) == {"an", "hoa"}
    # The Celery beat task runs the same sweep.
    from abtc.tasks import remind_expiring

    assert remind_expiring.delay().get() == 0


@pytest.fixture
def phong_card(client, cast, an, binh, hoa, tuan, dung, thue, pho, police, tax_office):
    abtc_request = submit(client, an)
    to_decision(
        client,
        abtc_request,
        binh=binh,
        hoa=hoa,
        tuan=tuan,
        dung=dung,
        police=police,
        thue=thue,
        tax_office=tax_office,
    )
    approve(client, pho, abtc_request, list(abtc_request.managers.all()))
    issue(client, abtc_request, F, clerk=cast.clerk)
    phong, mai = abtc_request.managers.order_by("pk")
    assert register(client, hoa, phong, "APEC-1").status_code == 302
    assert register(client, hoa, mai, "APEC-2").status_code == 302
    return phong


def test_a_department_cannot_file_and_a_minor_is_refused(client, cast, an, lan):
    login(client, lan)
    from ..start_forms import post_start

    response = post_start(client, F.instance.reverse("submit:execute"), request_data())
    assert response.status_code == 200
    assert "Chỉ doanh nghiệp" in response.content.decode()
    login(client, an)
    minor = [("Hoàng Nhỏ", "2010-01-01", "Trợ lý", "", "C0000001")]
    response = post_start(
        client, F.instance.reverse("submit:execute"), request_data(managers=minor)
    )
    assert response.status_code == 200
    assert "18 tuổi" in response.content.decode()
    assert not AbtcRequest.objects.exists()


def test_leader_must_give_a_reason_for_a_refused_manager(
    client, cast, an, binh, hoa, tuan, dung, thue, pho, police, tax_office
):
    abtc_request = submit(client, an)
    to_decision(
        client,
        abtc_request,
        binh=binh,
        hoa=hoa,
        tuan=tuan,
        dung=dung,
        police=police,
        thue=thue,
        tax_office=tax_office,
    )
    phong = abtc_request.managers.order_by("pk").first()
    login(client, pho)
    from .helpers import complete

    response = complete(
        client, pho, abtc_request, F.approve, decision="approve", managers=[str(phong.pk)]
    )
    assert response.status_code == 200
    assert "lý do" in response.content.decode()
    abtc_request.refresh_from_db()
    assert abtc_request.status == Status.AWAITING_APPROVAL
    assert abtc_request.managers.filter(approved__isnull=False).count() == 0


def test_police_cannot_be_cancelled_and_the_consultation_waits(
    client, cast, an, binh, hoa, dung, police, tax_office
):
    abtc_request = submit(client, an)
    to_consultation(client, abtc_request, binh=binh, hoa=hoa, agencies=[tax_office])
    login(client, hoa)
    police_opinion = abtc_request.opinions.get(agency=police)
    tax = abtc_request.opinions.get(agency=tax_office)
    url = f"/the-abtc/ho-so/{abtc_request.pk}/y-kien/{police_opinion.pk}/huy/"
    client.post(url, {"comment": "Không chờ."})
    police_opinion.refresh_from_db()
    assert police_opinion.cancelled_at is None
    client.post(f"/the-abtc/ho-so/{abtc_request.pk}/y-kien/{tax.pk}/huy/", {"comment": "Trễ."})
    tax.refresh_from_db()
    assert tax.cancelled_at is not None
    abtc_request.refresh_from_db()
    assert abtc_request.status == Status.CONSULTING
    answer(client, dung, abtc_request, police)
    assert abtc_request.status == Status.SYNTHESIS


def test_the_police_reveal_a_passport_while_their_opinion_is_awaited_audited(
    client, cast, an, binh, hoa, dung, thue, police, tax_office
):
    from audit.models import Entry

    abtc_request = submit(client, an)
    phong = abtc_request.managers.order_by("pk").first()
    url = f"/the-abtc/ho-so/{abtc_request.pk}/doanh-nhan/{phong.pk}/xem/"
    decide(client, binh, abtc_request, F.endorse, "endorse")
    # The reviewer at the review sees the button and may reveal.
    page = login(client, hoa).get(abtc_request.get_absolute_url()).content.decode()
    assert 'data-testid="reveal-1"' in page
    assert "C1234567" in client.post(url).content.decode()
    decide(client, hoa, abtc_request, F.review, "accept")
    step(client, hoa, abtc_request, F.select_agencies, agencies=[tax_office.pk])
    # Past the review, the reviewer may not; the business, the tax office never.
    assert login(client, hoa).post(url).status_code == 403
    assert login(client, an).post(url).status_code == 403
    assert login(client, thue).post(url).status_code == 403
    assert login(client, an).get(abtc_request.get_absolute_url()).status_code == 200
    response = login(client, dung).post(url)
    assert response.status_code == 200 and "C1234567" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    viewed = Entry.objects.filter(action="personal_data_viewed", subject_id=str(abtc_request.pk))
    assert list(viewed.values_list("actor__username", "role")) == [
        ("hoa", "department_reviewer"),
        ("dung", "security_officer"),
    ]
    assert "C1234567" not in str(list(viewed.values_list("payload", flat=True)))
