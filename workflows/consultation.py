"""Parallel consultation (lấy ý kiến): one task per consulted agency, joined when all are in.

viewflow's open-source ``Split`` creates one task per outgoing branch, fixed in the
flow's code. ``EachSplit`` creates one task of its ``Next`` step per item that
``items(activation)`` returns, with the item in ``task.data``; the tasks share the
split's token prefix, so viewflow's ``Join`` waits for all of them (a cancelled task
counts as finished). ``OpinionView`` is the step each of those tasks runs: open to the
agency the task's opinion names, as a security officer or as a consulted agency.

Nothing here knows a kind: the split reads ``process.matter.opinions``, the opinion step
is told its kind's opinion model, and the pages call the kind's services
(``request_opinions``, ``give_opinion``, ``cancel_opinion``, bound from
``matters.consultation``). A kind that consults declares, in its flow::

    select_agencies = reviewer_step(SelectAgenciesView, title, then=this.consult)
    consult = consultation.consult(then=this.give_opinion)
    give_opinion = consultation.opinion_step(
        GiveOpinionView, title, opinions=Opinion, deadline="<kind>.opinion",
        then=this.join_opinions,
    )
    join_opinions = consultation.join(title, then=this.synthesize)

where its ``SelectAgenciesView`` and ``GiveOpinionView`` subclass the ones below with
its step mixin (services, forms); see ``matters.consultation`` for the rest.
"""

from functools import cached_property

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.nodes.split import SplitActivation
from viewflow.workflow.status import STATUS

from matters import consultation, steps
from matters.forms import CommentForm, SynthesisForm
from matters.views import error_text
from organizations.models import Role, Unit
from organizations.selectors import acting_grants, has_role, users_with_role

from . import deadlines, matter_views
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


def opinion_model(task):
    """Return the opinion model of ``task``'s step (the kind's ``ConsultedOpinion``)."""
    return task.flow_task.opinion_model


def opinion_of(task):
    return opinion_model(task).objects.select_related("agency").get(pk=opinion_id(task))


def opinions_awaited(activation):
    """Return one item per opinion awaited on the process's matter, security first."""
    opinions = consultation.awaited(activation.process.matter)
    return [{"opinion": pk} for pk in opinions.values_list("pk", flat=True)]


def requested_on(activation):
    """Return the day the task's opinion was asked: its due date counts from there."""
    return timezone.localdate(opinion_of(activation.task).requested_at)


class OpinionView(RoleView):
    """An agency's opinion task: open to that agency only, in the role it answers in.

    ``opinions`` is the kind's opinion model (a ``matters.models.ConsultedOpinion``).
    """

    def __init__(self, *args, opinions, **kwargs):
        super().__init__(*args, **kwargs)
        self.opinion_model = opinions
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


def opinion_node(flow_class, model):
    """Return the step of ``flow_class`` whose tasks give opinions of ``model``."""
    return next(
        node
        for node in flow_class.instance.nodes()
        if isinstance(node, OpinionView) and node.opinion_model is model
    )


def cancel_opinion(opinion, *, actor, comment, cancel):
    """The reviewer stops waiting for ``opinion``: record it with ``cancel`` (the kind's
    service), cancel its task, and let the join go on if it was the last one awaited."""
    from .selectors import process_of

    model = type(opinion)
    process = process_of(opinion.matter)
    flow_class = process.flow_class
    node = opinion_node(flow_class, model)
    with flow_class.lock(process.pk), transaction.atomic():
        opinion = model.objects.select_related(model.matter_field(), "agency").get(pk=opinion.pk)
        cancel(opinion, actor=actor, comment=comment)
        cancel_task(process, opinion, node=node, join=node._next)


# -- the consultation's steps, for a flow to declare -----------------------------------


def consult(*, then):
    """The split: one task of ``then`` per opinion the reviewer asked for."""
    return EachSplit(opinions_awaited).Annotation(title=gettext_lazy("Gửi lấy ý kiến")).Next(then)


def opinion_step(view, title, *, opinions, deadline, then):
    """One agency's opinion on the matter; its due date (``deadline``) is the opinion's."""
    return (
        OpinionView(view.as_view(), opinions=opinions)
        .Annotation(title=title)
        .onCreate(deadlines.on_create(deadline, start=requested_on))
        .Next(then)
    )


def join(title, *, then):
    """Wait until every opinion task is done or cancelled, then ``then``."""
    return flow.Join().Annotation(title=title).Next(then)


# -- the consultation's pages: a kind's step views subclass these ----------------------


class SelectAgenciesView(matter_views.StepView):
    """The reviewer chooses the agencies to consult (the security agency always is)."""

    def perform(self, form):
        self.services.request_opinions(
            self.subject,
            actor=self.request.user,
            agencies=list(form.cleaned_data["agencies"]),
            comment=form.cleaned_data["comment"],
            task=self.task,
        )


class GiveOpinionView(matter_views.StepView):
    """A consulted agency's opinion: its own request only.

    ``opinion_file_kind`` is the kind of file an agency's written opinion is stored as.
    """

    opinion_file_kind = None

    @property
    def step_title(self):
        return _("Ý kiến của %(agency)s") % {"agency": self.opinion.agency}

    @property
    def opinion(self):
        return opinion_of(self.task)

    def perform(self, form):
        data = form.cleaned_data
        opinion = self.services.give_opinion(
            self.opinion,
            actor=self.request.user,
            verdict=data["verdict"],
            text=data["text"],
            task=self.task,
        )
        if data.get("opinion_file"):
            self.attach(
                opinion,
                data["opinion_file"],
                kind=self.opinion_file_kind,
                actor=opinion.answered_by,
            )


class SynthesisView(matter_views.StepView):
    """The focal agency head sums the opinions up for leadership (the kind's ``synthesize``)."""

    form_class = SynthesisForm
    template_name = "workflows/synthesis.html"

    def perform(self, form):
        self.services.synthesize(
            self.subject,
            actor=self.request.user,
            summary=form.cleaned_data["summary"],
            comment=form.cleaned_data["comment"],
            task=self.task,
        )


class ConsultationStep:
    """A consulting kind's step mixin (before its ``MatterStep``): the summary shows the
    matter's own files apart from the agencies', and the opinions the person may read.

    ``urls`` are the kind's page URL names (``download``, ``cancel_opinion``), as its
    pages have them.
    """

    urls: dict = {}

    def summary_context(self):
        user, matter = self.request.user, self.subject
        return {
            "urls": self.urls,
            "attachments": matter.attachments.filter(opinion__isnull=True),
            "opinions": consultation.visible_opinions(matter, user),
            "sees_everything": consultation.sees_all_opinions(user, matter),
        }


class ConsultationPages:
    """A consulting kind's pages mixin (before ``FlowPages``): the opinions on the matter's
    page, their files to whoever may read them, and the reviewer's cancelling of one.

    The kind's services bind ``consultation`` (a ``matters.consultation.Consultation``)
    and ``cancel_opinion``; ``urls["cancel_opinion"]`` names the page below.
    """

    def attachments(self, matter):
        return matter.attachments.filter(opinion__isnull=True)

    def may_download(self, user, matter, attachment):
        """An agency's opinion file goes to whoever may see that opinion."""
        if not attachment.opinion_id:
            return True
        opinions = consultation.visible_opinions(matter, user)
        return opinions.filter(pk=attachment.opinion_id).exists()

    def may_cancel_opinions(self, user, matter) -> bool:
        role = self.services.consultation.canceller
        return matter.status == self.services.consultation.consulting and has_role(
            user, role, steps.seat(matter, role)
        )

    def detail_context(self, request, matter):
        user = request.user
        # Read once for every opinion task's "may I take it?" (OpinionView.can_assign).
        user.acting_grants_today = set(acting_grants(user))
        return {
            **super().detail_context(request, matter),
            "opinions": consultation.visible_opinions(matter, user),
            "sees_everything": consultation.sees_all_opinions(user, matter),
            "can_cancel_opinions": self.may_cancel_opinions(user, matter),
        }

    def cancel(self, request, pk, opinion_pk):
        """The reviewer stops waiting for one agency; the join goes on if it was the last.

        Whoever may not cancel gets a 403 (recorded) before the form is read.
        """
        matter = self.get(request, pk)
        role = self.services.consultation.canceller
        if not has_role(request.user, role, steps.seat(matter, role)):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        form = CommentForm(request.POST)
        form.is_valid()
        opinion = get_object_or_404(matter.opinions, pk=opinion_pk)
        try:
            cancel_opinion(
                opinion,
                actor=request.user,
                comment=form.cleaned_data.get("comment", ""),
                cancel=self.services.cancel_opinion,
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Đã hủy lấy ý kiến."))
        return redirect(matter)

    @cached_property
    def cancel_view(self):
        return login_required(require_POST(self.cancel))
