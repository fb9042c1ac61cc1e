"""Drive the agreement flow through the HTTP client, as each role would."""

from agreements import services
from agreements.models import Agreement, Opinion
from audit.models import Entry
from workflows import driver, selectors
from workflows.flows import AgreementFlow

from ..start_forms import post_start

F = AgreementFlow


def login(client, user):
    client.logout()
    client.force_login(user)
    return client


def proposal(**overrides):
    data = {
        "title": "Bản ghi nhớ hợp tác thương mại với tỉnh Gyeonggi",
        "kind": "mou",
        "field": "economy",
        "partner": "Chính quyền tỉnh Gyeonggi",
        "partner_kind": "local_government",
        "partner_country": "KR",
        "purpose": "Mở rộng hợp tác thương mại, đầu tư",
        "content": "Trao đổi đoàn, xúc tiến thương mại",
        "term": "5 năm",
        "proposed_signer": "Chủ tịch UBND tỉnh",
        "signer_level": "peoples_committee",
    }
    data.update(overrides)
    return data


def submit(client, user, **overrides):
    login(client, user)
    response = post_start(client, F.instance.reverse("submit:execute"), proposal(**overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Agreement.objects.latest("pk")


def open_task(agreement, node, opinion=None):
    tasks = selectors.process_of(agreement).task_set.filter(
        flow_task=node, status__in=selectors.OPEN
    )
    if opinion is not None:
        return next(t for t in tasks if t.data.get("opinion") == opinion.pk)
    return tasks.get()


def complete(client, user, agreement, node, opinion=None, **data):
    """Claim the step if it waits in a queue, then complete it; return the response."""
    login(client, user)
    task = open_task(agreement, node, opinion)
    if task.owner_id is None:
        response = client.post(task.reverse("assign"))
        assert response.status_code in (302, 200), response.status_code
        task.refresh_from_db()
    return client.post(task.reverse("execute"), data)


def step(client, user, agreement, node, opinion=None, **data):
    response = complete(client, user, agreement, node, opinion, **data)
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement.refresh_from_db()
    return agreement


def decide(client, user, agreement, node, decision, comment=""):
    return step(client, user, agreement, node, decision=decision, comment=comment)


def opinion_of(agreement, agency) -> Opinion:
    return agreement.opinions.get(agency=agency)


def answer(client, user, agreement, agency, verdict="agree", text=""):
    opinion = opinion_of(agreement, agency)
    return step(client, user, agreement, F.give_opinion, opinion, verdict=verdict, text=text)


def to_consultation(client, agreement, *, minh, hoa, agencies):
    decide(client, minh, agreement, F.endorse, "endorse")
    decide(client, hoa, agreement, F.review, "accept")
    return step(client, hoa, agreement, F.select_agencies, agencies=[a.pk for a in agencies])


def actions(agreement, *, claims=False):
    """Return the agreement's audit actions in order (claims left out)."""
    entries = Entry.objects.filter(
        subject_id=str(agreement.pk), subject_label__startswith=agreement.reference
    )
    if not claims:
        entries = entries.exclude(action="claimed")
    return list(entries.order_by("seq").values_list("action", flat=True))


def task_names(agreement):
    process = selectors.process_of(agreement)
    return list(process.task_set.order_by("pk").values_list("flow_task", flat=True))


def call(service, actor, **kwargs):
    return lambda agreement, task: service(agreement, actor=actor, task=task, **kwargs)


def make_approved(people, unit, *, title="Bản ghi nhớ", country="KR", field="economy"):
    """Drive one proposal of ``unit`` to the Chairman's approval, from code; return it."""
    lan, minh, hoa, tuan, dung, chu, van = people
    agreement = driver.start_agreement(
        actor=lan,
        unit=unit,
        fields={
            "title": title,
            "kind": "mou",
            "field": field,
            "partner": "Đối tác",
            "partner_kind": "organisation",
            "partner_country": country,
            "purpose": "Hợp tác",
            "content": "Nội dung",
            "proposed_signer": "Chủ tịch UBND tỉnh",
        },
    )
    driver.complete(agreement, F.endorse, actor=minh, perform=call(services.endorse, minh))
    driver.complete(agreement, F.review, actor=hoa, perform=call(services.accept, hoa))
    consult = call(services.request_opinions, hoa, agencies=[])
    driver.complete(agreement, F.select_agencies, actor=hoa, perform=consult)
    give = call(services.give_opinion, dung, verdict="agree")
    driver.complete(
        agreement,
        F.give_opinion,
        actor=dung,
        perform=lambda a, task: give(a.opinions.get(), task),
    )
    summary = call(services.synthesize, tuan, summary="Đồng ý")
    driver.complete(agreement, F.synthesize, actor=tuan, perform=summary)
    driver.complete(agreement, F.approve, actor=chu, perform=call(services.approve, chu))
    return agreement
