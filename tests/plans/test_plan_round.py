"""The annual plan through the HTTP client, as each role drives it.

hoa (focal agency) opens the 2027 round; lan (unit A) and long (unit B) register their
items and submit; minh and hung (the heads) endorse; hoa returns unit B's plan, long
corrects and resubmits, hung endorses again; hoa submits the compiled plan and pho
(Vice-Chairman) approves it; pho uploads it signed and van (the committee's clerk) enters
it in the committee's one register: Kế hoạch số 1890/KH-UBND.
"""

import datetime
import io

import docx
import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from matters import issuance
from matters.documents import date_phrase
from matters.models import Issuance
from notifications.models import Notification
from organizations.models import Province
from permits.models import OutboundTrip
from plans import services
from plans.models import PlanItem, Round, UnitPlan

from ..issuance import pdf_bytes, signed_pdf
from .helpers import act, actions, add_item, login, unit_head

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(province, lan, long, minh, hoa, tuan, pho, chu, kiem, vo, van, unit_b):
    return {"hung": unit_head(unit_b)}


def sign(client, user, plan_round, upload=None):
    login(client, user)
    data = {"signed_file": upload or signed_pdf("ke-hoach-da-ky.pdf"), "signed_on": "2026-12-01"}
    client.post(reverse("plans:round_action", args=[plan_round.pk, "sign"]), data)
    plan_round.refresh_from_db()


def register(client, clerk, plan_round, sequence):
    login(client, clerk)
    data = {"sequence": str(sequence), "issued_on": "2026-12-01"}
    response = client.post(reverse("plans:round_action", args=[plan_round.pk, "register"]), data)
    plan_round.refresh_from_db()
    return response


def text_of(content: bytes) -> str:
    """Return the text of a Word file, its tables' cells (the heading) included."""
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([*cells, *(p.text for p in document.paragraphs)])


def flashed(client, plan_round) -> str:
    return client.get(reverse("plans:round", args=[plan_round.pk])).content.decode()


def open_round(client, hoa, **overrides):
    login(client, hoa)
    data = {"year": "2027", "deadline": "2026-12-20", "budget_estimate": "1000000000"}
    data.update(overrides)
    response = client.post(reverse("plans:open"), data)
    return response


def test_the_plan_runs_from_the_round_to_the_registered_plan(
    client, cast, lan, long, minh, hoa, pho, van, unit_a, unit_b
):
    hung = cast["hung"]
    assert open_round(client, hoa).status_code == 302
    plan_round = Round.objects.get(year=2027)
    assert Notification.objects.filter(recipient=lan, event="task_queued").count() == 1
    assert Notification.objects.filter(recipient=hung).count() == 1

    first = add_item(client, lan, plan_round, unit_a)
    add_item(client, lan, plan_round, unit_a, kind="inbound", title="Đoàn tỉnh Gyeonggi", days="3")
    theirs = add_item(
        client,
        long,
        plan_round,
        unit_b,
        title="Đoàn trao đổi học thuật tại Hàn Quốc",
        month="5",
        estimated_cost="700000000",
    )
    plan_a = UnitPlan.objects.get(round=plan_round, unit=unit_a)
    plan_b = UnitPlan.objects.get(round=plan_round, unit=unit_b)

    act(client, lan, "plans:unit_plan_action", plan_a, "submit")
    act(client, minh, "plans:unit_plan_action", plan_a, "endorse")
    act(client, long, "plans:unit_plan_action", plan_b, "submit")
    act(client, hung, "plans:unit_plan_action", plan_b, "endorse")
    assert (plan_a.status, plan_b.status) == ("endorsed", "endorsed")

    # The focal agency compiles: three items, a duplicate flagged, the budget exceeded.
    login(client, hoa)
    page = client.get(reverse("plans:compiled", args=[plan_round.pk]))
    assert len(page.context["rows"]) == 3
    flags = {item.pk: f for item, f in page.context["rows"]}
    assert "Có thể trùng" in flags[first.pk][0] and "Có thể trùng" in flags[theirs.pk][0]
    assert any("vượt dự toán" in flag for flag in page.context["overall"])
    only_b = client.get(reverse("plans:compiled", args=[plan_round.pk]), {"unit": unit_b.pk})
    assert [item.pk for item, _f in only_b.context["rows"]] == [theirs.pk]
    by_cost = client.get(reverse("plans:compiled", args=[plan_round.pk]), {"sort": "cost"})
    assert by_cost.context["rows"][0][0].pk == theirs.pk
    export = client.get(reverse("plans:compiled", args=[plan_round.pk]), {"format": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.values)
    assert len(rows) == 4 and rows[0][0] == "Đơn vị"

    # Returned to unit B, corrected, resubmitted, endorsed again.
    act(client, hoa, "plans:unit_plan_action", plan_b, "return", "Giảm kinh phí dự kiến")
    assert plan_b.status == "returned"
    assert Notification.objects.filter(recipient=long, event="returned").exists()
    login(client, long)
    edit = client.post(
        reverse("plans:item_edit", args=[theirs.pk]),
        {**_data(theirs), "estimated_cost": "300000000"},
    )
    assert edit.status_code == 302
    act(client, long, "plans:unit_plan_action", plan_b, "submit")
    act(client, hung, "plans:unit_plan_action", plan_b, "endorse")
    assert actions(plan_b) == [
        "created",
        "submitted",
        "endorsed",
        "returned",
        "updated",
        "resubmitted",
        "endorsed",
    ]

    act(client, hoa, "plans:round_action", plan_round, "submit")
    assert plan_round.status == "submitted"
    act(client, pho, "plans:round_action", plan_round, "approve")

    # Approved, the plan waits for its signature and its number: nothing is in force yet.
    assert (plan_round.status, plan_round.plan_number) == ("signing", "")
    assert not PlanItem.objects.filter(approved=True).exists()
    assert not plan_round.versions.exists()
    assert Notification.objects.filter(recipient=van, event="task_queued").exists()
    login(client, pho)
    page = flashed(client, plan_round)
    assert 'data-testid="sign-plan-form"' in page and "register-plan-form" not in page
    draft = client.get(reverse("plans:draft", args=[plan_round.pk]))
    text = text_of(draft.content)
    assert "Số:       /KH-UBND" in text and date_phrase(None) in text  # the blanks
    assert "Đoàn trao đổi học thuật tại Hàn Quốc" in text and "TM. ỦY BAN NHÂN DÂN" in text
    login(client, lan)
    assert client.get(reverse("plans:draft", args=[plan_round.pk])).status_code == 403
    register(client, van, plan_round, 1890)  # not yet signed
    assert "chưa có bản đã ký" in flashed(client, plan_round)
    assert plan_round.status == "signing"
    signed = pdf_bytes("Ke hoach da ky")
    sign(client, pho, plan_round, signed_pdf("scan.pdf", signed))
    login(client, pho)
    assert "register-plan-form" not in flashed(client, plan_round)  # the clerk's part

    # The clerk enters it in the register: the number is the committee's, and the items
    # come into force with the version that keeps it.
    assert register(client, van, plan_round, 1890).status_code == 302
    assert (plan_round.status, plan_round.plan_number) == ("approved", "1890/KH-UBND")
    assert plan_round.plan_date == datetime.date(2026, 12, 1)
    assert PlanItem.objects.filter(approved=True).count() == 3
    version = plan_round.versions.get()
    assert (version.plan_number, version.approver, len(version.items)) == ("1890/KH-UBND", pho, 3)
    assert version.issuance == issuance.of_record(plan_round)
    assert actions(plan_round) == [
        "created",
        "forwarded",
        "approved",
        "file_downloaded",  # pho's draft
        "document_signed",
        "decision_issued",
    ]
    assert Notification.objects.filter(recipient=lan, event="document_issued").exists()
    login(client, lan)
    document = client.get(reverse("plans:document", args=[version.pk]))
    assert document["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Số: 1890/KH-UBND" in text_of(document.content)
    pdf = client.get(reverse("issuance_signed", args=[version.issuance_id]))
    assert pdf.content == signed and pdf["Content-Type"] == "application/pdf"


def _data(item) -> dict:
    return {
        "kind": item.kind,
        "title": item.title,
        "purpose": item.purpose,
        "countries": [c.code for c in item.countries],
        "partner": item.partner,
        "quarter": item.quarter or "",
        "month": item.month or "",
        "head_name": item.head_name,
        "head_level": item.head_level,
        "size": item.size,
        "days": item.days,
        "funding_source": item.funding_source,
        "estimated_cost": item.estimated_cost,
        "justification": item.justification,
    }


def test_a_unit_sees_only_its_own_items_until_the_plan_is_issued(
    client, cast, lan, long, minh, hoa, pho, van, unit_a, unit_b
):
    hung = cast["hung"]
    open_round(client, hoa)
    plan_round = Round.objects.get(year=2027)
    mine = add_item(client, lan, plan_round, unit_a)
    theirs = add_item(client, long, plan_round, unit_b, title="Đoàn trao đổi học thuật")
    compiled = reverse("plans:compiled", args=[plan_round.pk])

    login(client, lan)
    assert [item.pk for item, _f in client.get(compiled).context["rows"]] == [mine.pk]
    assert client.get(reverse("plans:item", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("plans:item_edit", args=[theirs.pk])).status_code == 404
    round_page = client.get(reverse("plans:round", args=[plan_round.pk]))
    assert theirs.title not in round_page.content.decode()
    # Nor may a unit act on another unit's plan.
    plan_b = UnitPlan.objects.get(round=plan_round, unit=unit_b)
    submit_b = reverse("plans:unit_plan_action", args=[plan_b.pk, "submit"])
    assert client.post(submit_b).status_code == 404

    for staff, head, unit in ((lan, minh, unit_a), (long, hung, unit_b)):
        unit_plan = UnitPlan.objects.get(round=plan_round, unit=unit)
        act(client, staff, "plans:unit_plan_action", unit_plan, "submit")
        act(client, head, "plans:unit_plan_action", unit_plan, "endorse")
    login(client, lan)
    assert len(client.get(compiled).context["rows"]) == 1  # submitted, not yet approved
    act(client, hoa, "plans:round_action", plan_round, "submit")
    login(client, pho)
    assert len(client.get(compiled).context["rows"]) == 2  # the leader reads what is submitted
    act(client, pho, "plans:round_action", plan_round, "approve")
    login(client, lan)
    assert len(client.get(compiled).context["rows"]) == 1  # approved, not yet issued
    sign(client, van, plan_round)
    register(client, van, plan_round, 1890)

    login(client, lan)
    assert len(client.get(compiled).context["rows"]) == 2
    assert client.get(reverse("plans:item", args=[theirs.pk])).status_code == 200


def test_who_may_not_do_what(client, cast, lan, long, minh, hoa, pho, vo, unit_a):
    # Unit staff cannot open a round; a person without a role sees nothing.
    assert open_round(client, lan).status_code == 403
    assert not Round.objects.exists()
    login(client, vo)
    assert client.get(reverse("plans:index")).status_code == 403
    open_round(client, hoa)
    plan_round = Round.objects.get()
    login(client, vo)
    assert client.get(reverse("plans:round", args=[plan_round.pk])).status_code == 403
    # The head cannot endorse an empty plan; staff cannot submit one.
    unit_plan = services.unit_plan_for(plan_round, unit_a)
    login(client, lan)
    client.post(reverse("plans:unit_plan_action", args=[unit_plan.pk, "submit"]))
    unit_plan.refresh_from_db()
    assert unit_plan.status == "draft"
    add_item(client, lan, plan_round, unit_a)
    act(client, lan, "plans:unit_plan_action", unit_plan, "submit")
    # lan is no head; the leader cannot approve what was not submitted.
    login(client, lan)
    assert (
        client.post(reverse("plans:unit_plan_action", args=[unit_plan.pk, "endorse"])).status_code
        == 403
    )
    act(client, pho, "plans:round_action", plan_round, "approve")
    assert plan_round.status == "open"
    # Unit staff neither sign nor register a plan (the leader and the clerk do).
    login(client, lan)
    for action in ("sign", "register"):
        url = reverse("plans:round_action", args=[plan_round.pk, action])
        assert client.post(url).status_code == 403
    # An item without countries or period is refused with Vietnamese messages.
    login(client, long)
    response = client.post(
        reverse("plans:item_new", args=[plan_round.pk]),
        {"kind": "outbound", "title": "Đoàn", "head_level": "other", "estimated_cost": "-1"},
    )
    assert response.status_code == 400
    assert "Hãy chọn ít nhất một quốc gia." in response.content.decode()


def test_the_units_that_have_not_sent_are_reminded_once_before_the_deadline(
    cast, lan, long, minh, hoa, unit_a, unit_b
):
    plan_round = services.open_round(year=2027, deadline=datetime.date(2026, 12, 8), actor=hoa)
    unit_plan = services.unit_plan_for(plan_round, unit_a)
    services.save_item(
        unit_plan,
        actor=lan,
        fields={
            "kind": "agreement",
            "title": "Biên bản ghi nhớ với tỉnh Gyeonggi",
            "quarter": 3,
            "estimated_cost": 0,
        },
    )
    services.submit_unit_plan(unit_plan, actor=lan)
    services.endorse_unit_plan(unit_plan, actor=minh)

    assert services.remind_deadline(today=datetime.date(2026, 12, 3)) == 0  # two days left
    reminded = services.remind_deadline(today=datetime.date(2026, 12, 7))
    assert services.remind_deadline(today=datetime.date(2026, 12, 7)) == reminded
    assert Notification.objects.filter(recipient=long, event="deadline_near").count() == 1
    assert not Notification.objects.filter(recipient=lan, event="deadline_near").exists()


def test_the_plan_takes_its_number_from_the_committees_one_register(
    cast, lan, minh, hoa, pho, van, unit_a, settings
):
    from .helpers import submitted_plan

    plan_round, _items = submitted_plan(
        2027, staff=lan, head=minh, reviewer=hoa, unit=unit_a, items=[{}]
    )
    # A decision of the committee was entered as 1890 this year.
    committee = Province.current().peoples_committee
    issuance.take_typed_sequence(committee, 2026, 1890)
    Issuance.objects.create(
        matter_type=ContentType.objects.get_for_model(OutboundTrip),
        matter_id=1,
        doc_type="QĐ",
        issuer=committee,
        year=2026,
        sequence=1890,
        number="1890/QĐ-UBND",
    )
    today = datetime.date(2026, 12, 1)
    services.approve_plan(plan_round, actor=pho)
    with pytest.raises(ValidationError, match="chưa có bản đã ký"):
        services.register_plan(plan_round, actor=van, issued_on=today, sequence=1891)
    services.sign_plan(plan_round, actor=van, upload=signed_pdf(), signed_on=today)
    with pytest.raises(ValidationError, match="Số 1890 đã được cấp cho văn bản khác"):
        services.register_plan(plan_round, actor=van, issued_on=today, sequence=1890)
    plan_round.refresh_from_db()
    assert plan_round.status == "signing" and not plan_round.versions.exists()
    assert not PlanItem.objects.filter(approved=True).exists()
    # Where the province lets the system number plans, it takes the register's next.
    rules = settings.DOCUMENT_REGISTER
    settings.DOCUMENT_REGISTER = {**rules, "KH": {**rules["KH"], "auto": True}}
    version = services.register_plan(plan_round, actor=van, issued_on=today)
    assert (version.plan_number, version.number) == ("1891/KH-UBND", 1)
    assert PlanItem.objects.filter(approved=True).count() == 1


def test_a_supplement_goes_through_the_same_approval_and_keeps_the_history(
    client, cast, lan, minh, hoa, pho, van, unit_a
):
    from .helpers import approved_plan

    plan_round, (first,) = approved_plan(
        2027, staff=lan, head=minh, reviewer=hoa, leader=pho, unit=unit_a, items=[{}]
    )
    act(client, hoa, "plans:round_action", plan_round, "supplement")  # no deadline: refused
    assert plan_round.status == "approved"
    login(client, hoa)
    client.post(
        reverse("plans:round_action", args=[plan_round.pk, "supplement"]),
        {"deadline": "2026-12-15", "comment": "Bổ sung giữa năm"},
    )
    plan_round.refresh_from_db()
    assert plan_round.status == "open" and plan_round.is_supplement
    # Every unit is told of the supplement, as it was told of the round.
    queued = Notification.objects.filter(recipient=lan, event="task_queued")
    assert queued.filter(subject_id=str(plan_round.pk)).count() == 2
    # The approved item stays as approved: it cannot be edited or deleted.
    login(client, lan)
    assert client.get(reverse("plans:item_edit", args=[first.pk])).status_code == 403
    added = add_item(
        client, lan, plan_round, unit_a, title="Đoàn dự hội chợ tại Đức", countries=["DE"]
    )
    assert added.added_in == 2 and not added.approved
    unit_plan = added.unit_plan
    act(client, lan, "plans:unit_plan_action", unit_plan, "submit")
    act(client, minh, "plans:unit_plan_action", unit_plan, "endorse")
    act(client, hoa, "plans:round_action", plan_round, "submit")
    act(client, pho, "plans:round_action", plan_round, "return", "Làm rõ kinh phí")
    assert plan_round.status == "open"
    act(client, hoa, "plans:round_action", plan_round, "submit")
    act(client, pho, "plans:round_action", plan_round, "approve")
    # The supplement waits for its signature and number as the plan did; the plan stays.
    assert plan_round.status == "signing" and plan_round.plan_number == "1889/KH-UBND"
    added.refresh_from_db()
    assert not added.approved and plan_round.versions.count() == 1
    login(client, pho)
    draft = client.get(reverse("plans:draft", args=[plan_round.pk]))
    assert "KẾ HOẠCH BỔ SUNG" in text_of(draft.content)
    sign(client, van, plan_round)
    register(client, van, plan_round, 1895)

    first_version, second = plan_round.versions.order_by("number")
    assert (first_version.plan_number, second.plan_number) == ("1889/KH-UBND", "1895/KH-UBND")
    assert first_version.issuance != second.issuance and second.issuance.number == "1895/KH-UBND"
    assert [item["title"] for item in first_version.items] == [first.title]
    assert len(second.items) == 2 and second.is_supplement
    assert [a for a in actions(plan_round) if a != "file_downloaded"][-7:] == [
        "created",
        "forwarded",
        "returned",
        "forwarded",
        "approved",
        "document_signed",
        "decision_issued",
    ]
    assert Notification.objects.filter(recipient=lan, event="document_issued").count() == 2


def test_whether_a_plan_is_in_force_is_cached_and_a_change_by_another_process_is_seen(cast, hoa):
    from organizations.settings_cache import unit_of_work
    from plans.selectors import PlanProvider

    provider = PlanProvider()
    year = datetime.date.today().year + 3
    plan_round = Round.objects.create(
        year=year, deadline=datetime.date(year - 1, 11, 30), opened_by=hoa, opened_at=timezone.now()
    )
    with unit_of_work():
        assert provider.in_force(year) is False
    # Another process registers the plan: a plain UPDATE, no ORM signal in this one.
    Round.objects.filter(pk=plan_round.pk).update(version=1)
    with unit_of_work():
        assert provider.in_force(year) is True
