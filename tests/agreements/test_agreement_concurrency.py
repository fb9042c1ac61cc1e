"""Races on PostgreSQL: the last two opinions at the same instant, one task completed twenty times.

The opinions of justice (thao) and finance (tai) arrive at once after the police's:
exactly one join completes and exactly one synthesis task opens.
"""

import os

import pytest
from django.db import connection
from django.test import Client
from viewflow.workflow.status import STATUS

from agreements import services
from agreements.models import Status
from audit.models import Entry
from workflows import driver, selectors
from workflows.flows import AgreementFlow as F

from ..concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 20


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs the race tests on PostgreSQL")
        pytest.skip("select_for_update races need PostgreSQL")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _proposal(lan, unit):
    return driver.start(
        F.submit,
        actor=lan,
        submit=lambda: services.submit(
            unit=unit,
            actor=lan,
            fields={
                "title": "Bản ghi nhớ thử nghiệm",
                "kind": "mou",
                "field": "economy",
                "partner": "Đối tác",
                "partner_kind": "organisation",
                "partner_country": "JP",
                "purpose": "Hợp tác",
                "content": "Nội dung",
                "proposed_signer": "Chủ tịch UBND tỉnh",
            },
        ),
    )


def _consulting(lan, unit, minh, hoa, agencies):
    agreement = _proposal(lan, unit)
    driver.complete(
        agreement,
        F.endorse,
        actor=minh,
        perform=lambda a, t: services.endorse(a, actor=minh, task=t),
    )
    driver.complete(
        agreement, F.review, actor=hoa, perform=lambda a, t: services.accept(a, actor=hoa, task=t)
    )
    driver.complete(
        agreement,
        F.select_agencies,
        actor=hoa,
        perform=lambda a, t: services.request_opinions(a, actor=hoa, agencies=agencies, task=t),
    )
    return agreement


def _opinion_task(agreement, agency, owner):
    """Return the opinion task of ``agency``, claimed by ``owner``."""
    opinion = agreement.opinions.get(agency=agency)
    process = selectors.process_of(agreement)
    task = next(
        t
        for t in process.task_set.filter(flow_task=F.give_opinion)
        if t.data["opinion"] == opinion.pk
    )
    with F.lock(process.pk):
        F.give_opinion.activation_class(task).assign(owner)
    return task


def test_the_last_two_opinions_at_the_same_instant_make_one_join_and_one_synthesis(
    province, unit_a, lan, minh, hoa, tuan, dung, thao, tai, police, justice, finance
):
    agreement = _consulting(lan, unit_a, minh, hoa, [justice, finance])
    police_task = _opinion_task(agreement, police, dung)
    assert race([(_client(dung), police_task.reverse("execute"), {"verdict": "agree"})]) == [302]
    last_two = [
        (_client(thao), _opinion_task(agreement, justice, thao).reverse("execute")),
        (_client(tai), _opinion_task(agreement, finance, tai).reverse("execute")),
    ]

    codes = race([(client, url, {"verdict": "agree"}) for client, url in last_two])

    assert codes == [302, 302]
    tasks = selectors.process_of(agreement).task_set
    assert [t.status for t in tasks.filter(flow_task=F.join_opinions)] == [STATUS.DONE]
    assert tasks.filter(flow_task=F.synthesize).count() == 1
    agreement.refresh_from_db()
    assert agreement.status == Status.SYNTHESIS
    assert Entry.objects.filter(action="opinion_given").count() == 3


def test_twenty_completions_of_one_opinion_give_one_success(
    province, unit_a, lan, minh, hoa, thao, justice
):
    agreement = _consulting(lan, unit_a, minh, hoa, [justice])
    url = _opinion_task(agreement, justice, thao).reverse("execute")

    codes = race([(_client(thao), url, {"verdict": "agree"}) for _ in range(THREADS)])

    assert sorted(codes) == [302] + [409] * (THREADS - 1)
    assert Entry.objects.filter(action="opinion_given").count() == 1
