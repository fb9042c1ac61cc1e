"""Task URLs act only on their own step's task, and routed steps stay with their person.

viewflow looks a task up by its id alone; without ``TaskMatchesUrlMiddleware`` the
visit's unit staff could claim the security check through the report step's URL.
"""

import pytest
from viewflow.workflow.status import STATUS

from audit.models import Entry
from workflows import selectors
from workflows.flows import InboundVisitFlow as F

from ..workflows.inbound_helpers import decide, open_task, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit_at_security(client, province, lan, minh, hoa, dung):
    visit = submit(client, lan)
    decide(client, minh, visit, F.endorse, "endorse")
    return decide(client, hoa, visit, F.review, "forward")


def _url(task, node_name, action, process_pk=None):
    return f"/quy-trinh/doan-vao/{process_pk or task.process_id}/{node_name}/{task.pk}/{action}/"


def test_another_steps_url_cannot_claim_the_security_check(client, visit_at_security, lan):
    task = open_task(visit_at_security, F.security_check)
    client.force_login(lan)
    for action in ("assign", "index", "detail", "execute"):
        assert client.post(_url(task, "report", action)).status_code == 404
    task.refresh_from_db()
    assert task.status == STATUS.NEW and task.owner_id is None
    assert Entry.objects.filter(action="access_denied", actor=lan).count() == 4


def test_a_task_is_not_reachable_through_another_process(client, visit_at_security, lan, dung):
    other = submit(client, lan)
    task = open_task(visit_at_security, F.security_check)
    client.force_login(dung)
    other_process = selectors.process_of(other).pk
    assert client.post(_url(task, "security_check", "assign", other_process)).status_code == 404
    assert client.post(_url(task, "security_check", "assign")).status_code == 302
    task.refresh_from_db()
    assert task.owner == dung


def test_a_claimed_step_goes_back_to_the_queue_and_it_is_recorded(client, visit_at_security, dung):
    task = open_task(visit_at_security, F.security_check)
    client.force_login(dung)
    client.post(_url(task, "security_check", "assign"))
    page = client.get(_url(task, "security_check", "unassign"))
    assert page.status_code == 200 and "Trả lại hàng chờ" in page.content.decode()
    assert client.post(_url(task, "security_check", "unassign")).status_code == 302
    task.refresh_from_db()
    assert task.status == STATUS.NEW and task.owner_id is None
    assert Entry.objects.filter(action="released", actor=dung).exists()


def test_a_step_routed_to_a_person_cannot_be_put_back_in_a_queue(
    client, visit_at_security, dung, pho
):
    from ..workflows.inbound_helpers import vet

    vet(client, dung, visit_at_security)
    task = open_task(visit_at_security, F.approve)
    assert task.owner == pho
    client.force_login(pho)
    assert client.post(_url(task, "approve", "unassign")).status_code == 403
    task.refresh_from_db()
    assert task.owner == pho


def test_nobody_cancels_or_undoes_a_step_through_viewflow(client, visit_at_security, hoa, quan):
    # A superuser who sees the visit (its reviewer) is refused by the flow itself.
    hoa.is_staff = hoa.is_superuser = True
    hoa.save()
    client.force_login(hoa)
    review = selectors.process_of(visit_at_security).task_set.get(flow_task=F.review)
    open_check = open_task(visit_at_security, F.security_check)
    process_cancel = f"/quy-trinh/doan-vao/{review.process_id}/cancel/"
    urls = [
        _url(review, "review", "undo"),
        _url(open_check, "security_check", "cancel"),
        process_cancel,
    ]
    assert [client.post(url).status_code for url in urls] == [403] * 3
    # The administrator, who does not see the visit, is told nothing of it.
    quan.is_staff = quan.is_superuser = True
    quan.save()
    client.force_login(quan)
    assert [client.post(url).status_code for url in urls] == [404] * 3
    open_check.refresh_from_db()
    assert open_check.status == STATUS.NEW


def test_an_anonymous_visitor_learns_nothing_of_a_process(client, visit_at_security):
    """Every URL of a process answers the sign-in page, whether its task exists or not."""
    task = open_task(visit_at_security, F.security_check)
    client.logout()
    missing = task.pk + 1000
    login_pages = set()
    for action in ("", "assign/", "detail/", "execute/"):
        for task_pk in (task.pk, missing):
            url = f"/quy-trinh/doan-vao/{task.process_id}/security_check/{task_pk}/{action}"
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code == 302, (method.__name__, url)
                login_pages.add(response["Location"].split("?")[0])
    assert login_pages == {"/accounts/login/"}
    assert not Entry.objects.filter(action="access_denied").exists()
