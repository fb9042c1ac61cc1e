"""The human step every flow uses: open to a role in a unit, deputies included, race-safe.

viewflow checks a task's permission with ``user.has_perm`` (guardian grants held by the
user themself) and answers a second completion of a finished task with a bare 403. We
need two things more: a deputy acts in the principal's roles during the deputy period,
and twenty people pressing "complete" at once get one success and nineteen clear
"already done by …" answers (409), never a 500.
"""

from functools import update_wrapper

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from viewflow.fsm import TransitionNotAllowed
from viewflow.workflow import flow
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.flow.views import AssignTaskView, UnassignTaskView
from viewflow.workflow.status import STATUS

import audit
from matters import files
from matters.steps import seat
from organizations.models import Role
from organizations.selectors import acts_for, has_role, role_grants, users_with_role


def may_see(user, process) -> bool:
    """Return True if ``user`` may see the matter ``process`` runs (its visibility rule)."""
    if process.artifact_content_type_id is None:
        return True  # no matter behind it (the test flows): nothing to hide
    model = process.artifact_content_type.model_class()
    return model.objects.visible_to(user).filter(pk=process.artifact_object_id).exists()


def can_see(user, task) -> bool:
    """Return True if ``user`` may see the matter ``task`` belongs to (its visibility rule)."""
    return may_see(user, task.process)


def holds(user, task) -> bool:
    """Return True if ``task`` is ``user``'s, or their principal's in a deputy period today."""
    if user is None or not user.is_authenticated or task.owner_id is None:
        return False
    return task.owner_id == user.pk or acts_for(user, task.owner_id)


def _with_process(flow_task):
    """The step's task read with its process, in one query."""
    return flow_task.flow_class.task_class.objects.select_related("process")


def wrap_step_view(flow_task, origin_view):
    """Like viewflow's ``wrap_view``, but a finished or busy task answers 409, not 403/500."""

    def view(request, process_pk, task_pk, **kwargs):
        def call_with_activation():
            task = get_object_or_404(_with_process(flow_task), pk=task_pk)
            if task.process_id != process_pk or task.flow_task != flow_task:
                raise Http404
            # Who completed a step is itself part of the matter: outsiders get a 404 first.
            # Whoever holds the task (or held it, a role or a deputy period ago) knows it.
            if not holds(request.user, task) and not can_see(request.user, task):
                raise Http404
            if task.status in (STATUS.DONE, STATUS.CANCELED):
                return already_done_response(request, task)
            if not flow_task.can_execute(request.user, task=task):
                raise PermissionDenied
            request.activation = flow_task.activation_class(task)
            if task.status == STATUS.ASSIGNED:
                request.activation.start(request)
            return origin_view(request, process_pk=process_pk, task_pk=task_pk, **kwargs)

        return under_process_lock(request, flow_task, process_pk, call_with_activation)

    update_wrapper(view, origin_view)
    return view


def under_process_lock(request, flow_task, process_pk, call):
    """Return ``call()``; for a POST, under the process lock, in one transaction whose
    audit entries are appended at its end and whose stored files go if it rolls back.
    A busy lock answers 409; a transition viewflow refuses is a 403.
    """
    try:
        if request.method == "POST":
            # The lock's own transaction is the step's: no savepoint inside it.
            with (
                flow_task.flow_class.lock(process_pk),
                transaction.atomic(savepoint=False),
                audit.batched(),
                files.removed_on_rollback(),
            ):
                return call()
        return call()
    except FlowLockFailed:
        return busy_response(request)
    except TransitionNotAllowed as error:
        raise PermissionDenied(",".join(error.args)) from error


def wrap_claim_view(flow_task, origin_view):
    """Like viewflow's ``wrap_task_view`` for the claim, but a task already taken (or
    done) answers 409 with who took it and when: losing a race to a colleague is not a
    denial, and is not recorded as one.

    The POST runs under the process lock, so of simultaneous claims one takes the task
    and the others, once they get the lock, find it taken (or the lock busy): 409 too.
    Someone who may not take the step at all (not its role) still gets 403, taken or not.
    """

    def view(request, process_pk, task_pk, **kwargs):
        def call_with_activation():
            user = request.user
            task = get_object_or_404(_with_process(flow_task), pk=task_pk)
            if task.process_id != process_pk or task.flow_task != flow_task:
                raise Http404
            if not holds(user, task) and not can_see(user, task):
                raise Http404
            if not holds(user, task) and not flow_task.may_take(user, task):
                raise PermissionDenied
            if task.status in (STATUS.DONE, STATUS.CANCELED):
                return already_done_response(request, task)
            if task.owner_id is not None:
                return already_taken_response(request, task)
            request.activation = flow_task.activation_class(task)
            return origin_view(request, process_pk=process_pk, task_pk=task_pk, **kwargs)

        return under_process_lock(request, flow_task, process_pk, call_with_activation)

    update_wrapper(view, origin_view)
    return view


class ClaimTaskView(AssignTaskView):
    """Take a task from the queue (nhận xử lý), record it, and open it straight away."""

    confirm_title = gettext_lazy("Nhận xử lý")
    confirm_text = gettext_lazy("Nhận việc này để xử lý")

    def form_valid(self, form):
        activation = self.request.activation
        activation.assign(self.request.user)
        node, task = activation.flow_task, activation.task
        audit.record(
            audit.Action.CLAIMED,
            actor=self.request.user,
            subject=activation.process.artifact,
            process=activation.process.pk,
            task=task.pk,
            unit=node.unit_for_task(task),
            role=node.role_for(task).value,
        )
        return HttpResponseRedirect(activation.task.reverse("execute"))


class ReleaseTaskView(UnassignTaskView):
    """Put a claimed task back in its queue (trả lại hàng chờ), recorded."""

    confirm_title = gettext_lazy("Trả lại hàng chờ")
    confirm_text = gettext_lazy("Trả việc này về hàng chờ của đơn vị")
    success_url = reverse_lazy("my_tasks")

    def form_valid(self, form):
        activation = self.request.activation
        node, task = activation.flow_task, activation.task
        response = super().form_valid(form)
        audit.record(
            audit.Action.RELEASED,
            actor=self.request.user,
            subject=activation.process.artifact,
            process=activation.process.pk,
            task=task.pk,
            unit=node.unit_for_task(task),
            role=node.role_for(task).value,
        )
        return response


class StepIndexView(generic.RedirectView):
    """Send a person to what they may do with a task: do it, claim it, or see its matter."""

    def get_redirect_url(self, *args, **kwargs):
        activation = self.request.activation
        task, node, user = activation.task, activation.flow_task, self.request.user
        if not can_see(user, task):
            raise Http404
        if task.status in (STATUS.ASSIGNED, STATUS.STARTED) and node.can_execute(user, task):
            return task.reverse("execute")
        if task.status == STATUS.NEW and node.can_assign(user, task):
            return task.reverse("assign")
        return activation.process.artifact.get_absolute_url()


class RoleView(flow.View):
    """A human step for whoever acts as ``role`` in the unit ``unit_of(process)`` returns."""

    assign_view_class = ClaimTaskView
    unassign_view_class = ReleaseTaskView
    index_view_class = StepIndexView
    _role = None
    _unit_of = None
    _refuses = None

    def Role(self, role: Role, unit_of):  # noqa: N802 - viewflow's builder style
        """Open this step to ``role`` in the unit ``unit_of(process)`` names."""
        self._role, self._unit_of = Role(role), unit_of
        return self.Permission(self._role.permission, obj=unit_of)

    def Also(self, allows):  # noqa: N802 - viewflow's builder style
        """Let anyone for whom ``allows(matter, user)`` is True take and do it too."""
        self._allows = allows
        return self

    def allowed_besides(self, user, task) -> bool:
        """Return True if ``user`` may act on ``task`` outside its role (``Also``)."""
        allows = getattr(self, "_allows", None)
        return allows is not None and allows(task.process.coerced.matter, user)

    def Refuse(self, refuses):  # noqa: N802 - viewflow's builder style
        """Keep the task from anyone for whom ``refuses(matter, user)`` is True."""
        self._refuses = refuses
        return self

    def unit_for(self, process):
        return self._unit_of(process) if self._unit_of else None

    def role_for(self, task) -> Role:
        """Return the role that acts on ``task`` (the same for every task of a step here)."""
        return self._role

    def unit_for_task(self, task):
        """Return the unit in which ``role_for(task)`` acts on ``task``."""
        return self.unit_for(task.process.coerced)

    def can_assign(self, user, task):
        if task.owner_id:
            return False
        return self.may_take(user, task)

    def may_take(self, user, task) -> bool:
        """Return True if ``user`` acts in the role and unit ``task`` is open to, whoever
        holds it now: who may claim it when it is free. A step may refuse some of them
        (the submitter may not endorse their own matter)."""
        if user is None or not user.is_authenticated:
            return False
        role, unit = self.role_for(task), self.unit_for_task(task)
        if self.allowed_besides(user, task):
            return True
        if role is None or unit is None or not has_role(user, role, unit):
            return False
        return self._refuses is None or not self._refuses(task.process.coerced.matter, user)

    def may_claim(self, user, task) -> bool:
        """Like ``can_assign``, but someone who may not see the matter gets a 404."""
        if self.can_assign(user, task):
            return True
        if not can_see(user, task):
            raise Http404
        return False

    @property
    def assign_path(self):
        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/assign/",
            wrap_claim_view(self, self.assign_view),
            name="assign",
        )

    def can_unassign(self, user, task):
        # Only a step taken from a queue goes back to it, unfinished, by its holder: one
        # the flow routed to a person (the reviewer, the deciding leader) stays theirs.
        if task.status != STATUS.ASSIGNED or getattr(self, "_owner", None) is not None:
            return False
        return super().can_unassign(user, task)

    def can_execute(self, user, task):
        """Return True if ``user`` may complete ``task`` now: authority is read again at
        every completion, not only when the task was claimed.

        The owner must act as the step's role in its unit today (themselves, or as a
        deputy inside the period); a deputy acts on the task of a principal who holds
        the role themselves, inside the deputy period. A role taken away or a deputy
        period ended after the claim leaves the task where it is, and the person out.
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        if task.owner_id is None:
            return False
        role, unit = self.role_for(task), self.unit_for_task(task)
        if role is None or unit is None:
            return False
        if task.owner_id == user.pk:
            return has_role(user, role, unit) or self.allowed_besides(user, task)
        if not acts_for(user, task.owner_id):
            return False
        return (task.owner_id, role, unit.pk) in role_grants([task.owner_id], unit)

    @property
    def view_path(self):
        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/execute/",
            wrap_step_view(self, self.view),
            name="execute",
        )


class DeciderView(RoleView):
    """A human step for whoever decides on the matter: ``decider(matter)`` returns the
    role that decides and the person the step goes to (None: that role's queue in its
    seat on the matter, ``matters.steps.seat``). The task keeps the role it was opened
    for, as a consultation's opinion task does."""

    def Decider(self, decider, *, role: Role = Role.DEPARTMENT_HEAD):  # noqa: N802
        """Open the step to ``decider(matter)``; ``role`` is the one it opens to unless
        the decider names another (the Chairman, for his matters)."""
        self._decider, self._role = decider, Role(role)
        self.Permission(self._task_permission)
        return self.Assign(self._task_owner)

    def _decision(self, activation):
        return self._decider(activation.process.coerced.matter)

    def _task_permission(self, activation):
        return self._decision(activation)[0].permission

    def _task_owner(self, activation):
        return self._decision(activation)[1]

    def calc_owner_permission_obj(self, activation):
        matter = activation.process.coerced.matter
        return seat(matter, self._decision(activation)[0])

    def role_for(self, task) -> Role:
        # Read from the task itself: the permission it was opened with.
        return Role(task.owner_permission.rsplit(".act_as_", 1)[1])

    def unit_for(self, process):
        return seat(process.matter, self._decider(process.matter)[0])

    def unit_for_task(self, task):
        return seat(task.process.coerced.matter, self.role_for(task))

    def task_candidates(self, task):
        """Return who may take the task: the deciding role's holders in its seat."""
        return list(users_with_role(self.role_for(task), self.unit_for_task(task)))

    def can_unassign(self, user, task):
        # Routed to one person or taken from a queue, a decision is not handed back.
        return False


def already_done_response(request, task) -> HttpResponse:
    """Answer a completion of a task somebody has already completed: 409, with who and when."""
    owner = task.owner.get_full_name() if task.owner else _("người khác")
    body = render_to_string(
        "workflows/conflict.html",
        {"owner": owner, "finished": task.finished, "task": task},
        request=request,
    )
    return HttpResponse(body, status=409)


def already_taken_response(request, task) -> HttpResponse:
    """Answer a claim of a task somebody else has already taken: 409, with who and when."""
    owner = task.owner.get_full_name() if task.owner else _("người khác")
    body = render_to_string(
        "workflows/conflict.html",
        {
            "owner": owner,
            "taken": task.assigned or task.created,
            "open_url": task.reverse("execute") if holds(request.user, task) else "",
            "task": task,
        },
        request=request,
    )
    return HttpResponse(body, status=409)


def busy_response(request) -> HttpResponse:
    body = render_to_string("workflows/conflict.html", {"busy": True}, request=request)
    return HttpResponse(body, status=409)


class RoleStart(flow.Start):
    """A start step for whoever acts as ``role`` in some unit (deputies included)."""

    _role = None

    def Role(self, role: Role):  # noqa: N802 - viewflow's builder style
        self._role = Role(role)
        return self.Permission(self._role.permission)

    def can_execute(self, user, task=None):
        return bool(user and user.is_authenticated and has_role(user, self._role))

    @property
    def start_view_path(self):
        return path(f"{self.name}/", wrap_start_view(self, self.start_view), name="execute")


def wrap_start_view(flow_task, origin_view):
    """Like viewflow's ``wrap_start_view``; a POST writes with one flush at its end
    (``audit.batched``) and its stored files go if it rolls back."""

    def view(request, *args, **kwargs):
        request.activation = flow_task.activation_class.create(flow_task, None, None)
        if not flow_task.can_execute(request.user, request.activation.task):
            raise PermissionDenied
        if request.method == "POST":
            with transaction.atomic(), audit.batched(), files.removed_on_rollback():
                request.activation.start(request)
                return origin_view(request, *args, **kwargs)
        request.activation.start(request)
        return origin_view(request, *args, **kwargs)

    update_wrapper(view, origin_view)
    return view
