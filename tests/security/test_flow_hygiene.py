"""Flow hygiene, by introspection of every flow the project mounts (issue #9)."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import get_resolver
from viewflow.workflow import flow, lock

from organizations.models import User
from workflows.site import flow_classes
from workflows.steps import RoleStart, RoleView

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _flows_mounted():
    """Load the URLconf: mounting a flow there is what registers it."""
    assert get_resolver().url_patterns
    assert flow_classes(), "no flow is mounted"


HUMAN_STEPS = (flow.View, flow.Start)


def _nodes(flow_class):
    return list(flow_class.instance.nodes())


def test_every_flow_locks_its_process_row():
    for flow_class in flow_classes():
        assert flow_class.lock_impl is lock.select_for_update_lock, flow_class


def test_every_human_step_is_open_to_a_role_in_a_unit_or_to_one_person():
    checked = 0
    for flow_class in flow_classes():
        for node in _nodes(flow_class):
            if not isinstance(node, HUMAN_STEPS) or isinstance(node, flow.StartHandle):
                continue
            assert isinstance(node, RoleView | RoleStart), f"{flow_class.__name__}.{node.name}"
            assert node._role is not None, f"{flow_class.__name__}.{node.name} has no role"
            assert node._owner_permission, f"{flow_class.__name__}.{node.name}"
            checked += 1
    assert checked >= 8  # the outbound trip alone has eight human steps


def test_nobody_may_list_processes_through_viewflow(lan, kiem):
    for flow_class in flow_classes():
        for user in (lan, kiem):
            assert not flow_class.instance.has_view_permission(user)


def test_no_demo_user_holds_a_model_view_permission_on_processes_tasks_or_requests():
    call_command("load_demo", stdout=io.StringIO())
    watched = Permission.objects.filter(
        content_type__app_label__in=["viewflow", "workflows", "permits", "agreements"],
        codename__startswith="view_",
    )
    holders = User.objects.filter(is_superuser=False).filter(
        user_permissions__in=watched
    ) | User.objects.filter(is_superuser=False, groups__permissions__in=watched)
    assert list(holders.distinct()) == []
