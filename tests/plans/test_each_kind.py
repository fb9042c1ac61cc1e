"""Requests of every planned kind against the approved plan, through the HTTP client: an
inbound visit, an international agreement and an international conference start from a
plan item of their unit, prefilled from it; without an item they must give their reason
(lý do phát sinh), and the focal agency's reviewer sees "Ngoài kế hoạch" on the step and
on the matter's page.

The suite's today is 01/12/2026. Unit A's 2026 plan has a visit and an agreement; its 2027
plan a conference (a conference is filed at least 30 days ahead, so in 2027).
"""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from conferences.models import Conference
from permits.models import InboundVisit
from plans.models import PlanItem
from plans.selectors import PlanProvider
from workflows.flows import AgreementFlow, ConferenceFlow, InboundVisitFlow

from ..agreements.helpers import decide, open_task
from ..agreements.helpers import proposal as agreement_data
from ..conferences.helpers import request_data as conference_data
from ..start_forms import post_start
from ..workflows.inbound_helpers import visit_data
from .helpers import approved_plan, login

pytestmark = pytest.mark.django_db

PARTNER = "Chính quyền tỉnh Gyeonggi"


@pytest.fixture
def items(province, lan, minh, hoa, pho, unit_a):
    parts = {"staff": lan, "head": minh, "reviewer": hoa, "leader": pho, "unit": unit_a}
    _2026, (visit, agreement) = approved_plan(
        2026,
        **parts,
        items=[
            {
                "kind": "inbound",
                "title": "Đoàn tỉnh Gyeonggi thăm và làm việc",
                "purpose": "Trao đổi hợp tác thương mại",
                "partner": PARTNER,
                "countries": ["KR"],
                "quarter": "4",
                "funding_source": "unit",
                "estimated_cost": "50000000",
            },
            {
                "kind": "agreement",
                "title": "Bản ghi nhớ hợp tác với tỉnh Gyeonggi",
                "purpose": "Mở rộng hợp tác thương mại, đầu tư",
                "partner": PARTNER,
                "countries": ["KR"],
                "quarter": "4",
                "estimated_cost": "0",
                "funding_source": "",
            },
        ],
    )
    _2027, (conference,) = approved_plan(
        2027,
        **parts,
        items=[
            {
                "kind": "conference",
                "title": "Hội thảo quốc tế về năng lượng tái tạo",
                "purpose": "Thu hút đầu tư điện gió",
                "partner": "Viện Fraunhofer (Đức)",
                "countries": ["DE"],
                "quarter": "1",
                "funding_source": "mixed",
                "estimated_cost": "350000000",
            }
        ],
    )
    return {"inbound": visit, "agreement": agreement, "conference": conference}


KINDS = {
    # kind: (model, flow, the form's data, what the form takes from the item)
    "inbound": (
        InboundVisit,
        InboundVisitFlow,
        lambda: visit_data(),
        {
            "title": "Đoàn tỉnh Gyeonggi thăm và làm việc",
            "organisation": PARTNER,
            "countries": ["KR"],
            "purpose": "Trao đổi hợp tác thương mại",
            "funding_source": "host_unit",  # the unit's own money: the host unit pays
        },
    ),
    "agreement": (
        Agreement,
        AgreementFlow,
        lambda: agreement_data(),
        {
            "title": "Bản ghi nhớ hợp tác với tỉnh Gyeonggi",
            "partner": PARTNER,
            "partner_country": "KR",
            "purpose": "Mở rộng hợp tác thương mại, đầu tư",
        },
    ),
    "conference": (
        Conference,
        ConferenceFlow,
        lambda: conference_data(),
        {
            "title": "Hội thảo quốc tế về năng lượng tái tạo",
            "foreign_partners": "Viện Fraunhofer (Đức)",
            "countries": ["DE"],
            "content": "Thu hút đầu tư điện gió",
            "funding_source": "mixed",
            "funding_amount": 350_000_000,
        },
    ),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_request_of_each_kind_links_to_its_plan_item_or_gives_its_reason(
    client, items, kind, lan, minh, hoa
):
    model, flow, data, prefilled = KINDS[kind]
    item = items[kind]
    start = flow.instance.reverse("submit:execute")

    # Started from the item's page: the form comes filled from the item.
    login(client, lan)
    page = client.get(reverse("plans:item", args=[item.pk]))
    ((_kind, url),) = page.context["start"]
    response = client.get(url, follow=True)
    form, link = response.context["form"], response.context["plan"]
    assert {name: form.initial.get(name) for name in prefilled} == prefilled
    assert link.initial["plan_item"] == item.pk
    # Only the unit's approved items of the kind are offered.
    assert list(link.fields["plan_item"].queryset) == [item]

    planned = post_start(client, start, {**data(), "plan-plan_item": item.pk})
    assert planned.status_code == 302, planned.content.decode()[:3000]
    carried_out = model.objects.latest("pk")
    assert carried_out.plan_item == item and carried_out.unplanned_reason == ""

    # Outside the plan without a reason: refused, nothing stored.
    refused = post_start(client, start, data())
    assert refused.status_code == 200
    assert "lý do phát sinh" in refused.content.decode()
    assert model.objects.count() == 1

    reason = "Đối tác đề nghị đột xuất"
    unplanned = post_start(client, start, {**data(), "plan-unplanned_reason": reason})
    assert unplanned.status_code == 302, unplanned.content.decode()[:3000]
    outside = model.objects.latest("pk")
    assert outside.plan_item is None and outside.unplanned_reason == reason

    # The focal agency's reviewer sees "Ngoài kế hoạch" and the reason on the one only.
    for matter, warned in ((carried_out, False), (outside, True)):
        decide(client, minh, matter, flow.endorse, "endorse")
        login(client, hoa)
        task = open_task(matter, flow.review)
        client.post(task.reverse("assign"))
        step_page = client.get(task.reverse("execute")).content.decode()
        matter_page = client.get(matter.get_absolute_url()).content.decode()
        for html in (step_page, matter_page):
            assert ('data-testid="plan-warning"' in html) is warned
            assert ("Ngoài kế hoạch" in html and reason in html) is warned
            assert ('data-testid="plan-item"' in html) is not warned


@pytest.mark.parametrize(
    ("kind", "funding", "offered"),
    [
        ("outbound", "unit", "unit_funds"),
        ("outbound", "state_budget", "state_budget"),
        ("inbound", "unit", "host_unit"),
        ("conference", "unit", "unit"),
    ],
)
def test_an_items_funding_source_is_offered_in_the_words_of_the_requests_kind(
    kind, funding, offered
):
    item = PlanItem(kind=kind, title="Đoàn", funding_source=funding, countries=["JP"])
    assert PlanProvider().prefill(item)["funding_source"] == offered
