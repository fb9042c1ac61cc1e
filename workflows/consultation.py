"""Parallel consultation (lấy ý kiến): one task per consulted agency, joined when all are in.

viewflow's open-source ``Split`` creates one task per outgoing branch, fixed in the
flow's code. ``EachSplit`` creates one task of its ``Next`` step per item that
``items(activation)`` returns, with the item in ``task.data``; the tasks share the
split's token prefix, so viewflow's ``Join`` waits for all of them (a cancelled task
counts as finished). ``OpinionView`` is the step each of those tasks runs: open to the
agency the task's opinion names, as a security officer or as a consulted agency.
"""

from django.db import transaction
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.nodes.split import SplitActivation
from viewflow.workflow.status import STATUS

from organizations.models import Role, Unit
from organizations.selectors import acting_grants, users_with_role

from .steps import RoleView


class EachSplitActivation(SplitActivation):
    @Activation.status.super()
    def activate(self):
        """Plan one task of each outgoing step per item of ``items(activation)``."""
        items = list(self.flow_task._items(self))
        for node, _cond, _data_source in self.flow_task._branches:
            self.next_tasks.extend((node, dict(item)) for item in items)
        if not self.next_tasks:
            raise FlowRuntimeError(f"No items for {self.flow_task.name}")


class EachSplit(flow.Split):
    """A parallel split into one task per item; ``items(activation)`` returns dicts."""

    activation_class = EachSplitActivation

    def __init__(self, items, **kwargs):
        super().__init__(**kwargs)
        self._items = items


def opinion_id(task) -> int:
    return int(task.data["opinion"])


def opinion_of(task):
    from agreements.models import Opinion

    return Opinion.objects.select_related("agency").get(pk=opinion_id(task))


class OpinionView(RoleView):
    """An agency's opinion task: open to that agency only, in the role it answers in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._role = Role.CONSULTED_AGENCY
        self.Permission(self._task_permission)

    @staticmethod
    def _task_permission(activation):
        return opinion_of(activation.task).role.permission

    def calc_owner_permission_obj(self, activation):
        return opinion_of(activation.task).agency

    def role_for(self, task) -> Role:
        # Read from the task itself: the permission it was created with.
        return Role(task.owner_permission.rsplit(".act_as_", 1)[1])

    def unit_for_task(self, task):
        return Unit.objects.get(pk=task.owner_permission_obj_pk)

    def can_assign(self, user, task):
        """Return True if ``user`` acts, today, in the role and agency the task names.

        A page listing many opinion tasks sets ``user.acting_grants_today`` once.
        """
        if task.owner_id or user is None or not user.is_authenticated:
            return False
        grants = getattr(user, "acting_grants_today", None)
        if grants is None:
            grants = set(acting_grants(user))
        return (self.role_for(task), int(task.owner_permission_obj_pk)) in grants

    def task_candidates(self, task):
        """Return who may take the task: the role holders in the agency asked."""
        opinion = opinion_of(task)
        return list(users_with_role(opinion.role, opinion.agency))


def cancel_task(process, opinion, *, node, join):
    """Cancel the open task of ``opinion`` and let ``join`` go on if it was the last one.

    Call it holding the process lock, inside a transaction.
    """
    assert transaction.get_connection().in_atomic_block
    for task in process.task_set.filter(flow_task=node, status__in=(STATUS.NEW, STATUS.ASSIGNED)):
        if opinion_id(task) == opinion.pk:
            node.activation_class(task).cancel()
    waiting = process.task_set.filter(flow_task=join, status=STATUS.STARTED).first()
    if waiting is not None:
        activation = join.activation_class(waiting)
        # viewflow's own loop: activate, complete if every branch is in, create the next.
        activation._activate_next({activation})


def cancel_opinion(opinion, *, actor, comment):
    """The reviewer stops waiting for ``opinion``: record it, cancel its task, go on."""
    from agreements import services
    from agreements.models import Opinion

    from .flows import AgreementFlow
    from .selectors import process_of

    process = process_of(opinion.agreement)
    with AgreementFlow.lock(process.pk), transaction.atomic():
        opinion = Opinion.objects.select_related("agreement", "agency").get(pk=opinion.pk)
        services.cancel_opinion(opinion, actor=actor, comment=comment)
        cancel_task(
            process, opinion, node=AgreementFlow.give_opinion, join=AgreementFlow.join_opinions
        )
