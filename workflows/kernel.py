"""What every kind's flow shares: the ``MatterFlow`` base, the seats its steps are open
in, and builders for the steps every kind takes the same way.

Nodes are not inherited from a base Flow: viewflow copies the nodes it finds on a flow
class shallowly and resolves their ``this.`` links in place, so a node declared on a
base would be resolved against the base and its copies would still point at the base's
nodes (and share its Switch cases). Each flow therefore declares its own nodes, built by
the functions below; a flow reads as its business steps, one line each, grouped by role.

A flow's process is one of ``workflows.models``' proxies, whose ``matter`` is the trip,
visit or agreement the process is about: every helper here reads that, not a kind.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from matters import issuance
from matters.steps import is_submitter
from organizations.models import Province, Role
from organizations.selectors import users_with_role

from . import deadlines
from .steps import RoleStart, RoleView

# -- seats: the unit a step is open in, from its process ---------------------------------


def matter_unit(process):
    """Return the unit the matter belongs to (its staff submit, its head endorses)."""
    return process.matter.unit


def focal_agency(process):
    return Province.current().focal_agency


def security_agency(process):
    return Province.current().security_agency


def peoples_committee(process):
    return Province.current().peoples_committee


# -- who a step goes to, and what the gates read -----------------------------------------


def submitter(activation):
    return activation.process.matter.submitted_by


def reviewer(activation):
    return activation.process.matter.reviewer


def status_is(*statuses):
    """Return a gate condition: the matter's status is one of ``statuses``."""
    return lambda activation: activation.process.matter.status in statuses


def end_date(activation):
    """Return the last day of the matter (a trip's return, a visit's departure)."""
    return activation.process.matter.end_date


def the_day_after_end(activation):
    """Return midnight (local time) after the matter's last day."""
    day_after = activation.process.matter.end_date + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))


# -- step builders ------------------------------------------------------------------------


def start(view, title):
    """The unit staff's application, which goes to their unit head first."""
    return (
        RoleStart(view.as_view()).Annotation(title=title).Role(Role.UNIT_STAFF).Next(this.endorse)
    )


def step(
    view,
    title,
    role,
    seat,
    *,
    then,
    assign=None,
    deadline=None,
    counted_from=None,
    refuse=None,
    on_create=None,
    also=None,
):
    """A human step open to ``role`` in the unit ``seat(process)``, then ``then``.

    ``assign(activation)`` routes it to one person instead of the role's queue;
    ``deadline`` is its key in settings.WORKFLOW_DEADLINES, counted from the day the
    task opens or from ``counted_from(activation)``; nobody for whom
    ``refuse(matter, user)`` is True may take it from the queue; ``on_create(activation)``
    runs when the task opens (after its deadline is set); ``also(matter, user)`` lets
    someone outside the role take it too (the deciding leader, beside the clerk).
    """
    node = RoleView(view.as_view()).Annotation(title=title).Role(role, seat)
    # Read by the matter page's progress bar to tell a due date ahead (workflows.progress).
    node.deadline_key, node.counted_from = deadline, counted_from
    if refuse is not None:
        node = node.Refuse(refuse)
    if also is not None:
        node = node.Also(also)
    if assign is not None:
        node = node.Assign(assign)
    callbacks = []
    if deadline is not None:
        callbacks.append(deadlines.on_create(deadline, start=counted_from))
    if on_create is not None:
        callbacks.append(on_create)
    if callbacks:
        node = node.onCreate(_all_of(callbacks))
    return node.Next(then)


def _all_of(callbacks):
    """Return one viewflow ``onCreate`` callback that runs ``callbacks`` in order."""
    if len(callbacks) == 1:
        return callbacks[0]

    def run_all(activation):
        for callback in callbacks:
            callback(activation)

    run_all.__name__ = "_".join(callback.__name__ for callback in callbacks)
    return run_all


def endorse_step(view, title, *, deadline, then):
    """The unit head's endorsement, which the matter's submitter may not take up."""
    return step(
        view, title, Role.UNIT_HEAD, matter_unit, deadline=deadline, refuse=is_submitter, then=then
    )


def staff_step(view, title, *, then, **options):
    """A step back to the submitter, in the matter's unit."""
    return step(view, title, Role.UNIT_STAFF, matter_unit, then=then, assign=submitter, **options)


def reviewer_step(view, title, *, then, **options):
    """A step of the focal agency's reviewer who took the matter."""
    return step(
        view, title, Role.DEPARTMENT_REVIEWER, focal_agency, then=then, assign=reviewer, **options
    )


def leader_step(view, title, *, approver_for, then, deadline):
    """The leadership's decision, routed to ``approver_for(matter)``: the approval of the
    focal agency's submission (tờ trình), numbered as the task opens (ADR 0012)."""
    return step(
        view,
        title,
        Role.LEADER,
        peoples_committee,
        then=then,
        assign=lambda activation: approver_for(activation.process.matter),
        deadline=deadline,
        on_create=issuance.submission_for,
    )


def approved_by(matter, user) -> bool:
    """Return True if ``user`` is the leader who approved ``matter``."""
    return user is not None and user.pk is not None and user.pk == matter.approver_id


def sign_step(*, then, title=None):
    """The signature of the approved document: its signed PDF uploaded by the clerk of
    the people's committee, or by the leader who approved it (ADR 0012)."""
    from .issuance_views import SignView

    return step(
        SignView,
        title or _("Ký văn bản, tải lên bản đã ký"),
        Role.CLERK,
        peoples_committee,
        also=approved_by,
        then=then,
    )


def register_step(*, then, title=None):
    """The registration of the signed document in the people's committee's register by
    its clerk: number and date; the matter is issued and its unit told (ADR 0012)."""
    from .issuance_views import RegisterView

    return step(
        RegisterView,
        title or _("Vào sổ, cấp số văn bản"),
        Role.CLERK,
        peoples_committee,
        then=then,
    )


def gate(*cases, otherwise):
    """A Switch: to the first ``(node, status)`` whose status the matter is in, else
    ``otherwise``."""
    node = flow.Switch()
    for target, status in cases:
        node = node.Case(target, status_is(status))
    return node.Default(otherwise)


def end(title):
    return flow.End().Annotation(title=title)


class MatterFlow:
    """What every kind's flow shares; put it first among the bases, before ``flow.Flow``.

    A plain class, not a Flow: viewflow would set a Flow base up as a flow of its own.
    """

    lock_impl = lock.select_for_update_lock

    def task_candidates(self, task):
        """Return who may take an unassigned step: its role holders in its unit."""
        node = task.flow_task
        unit = node.unit_for(task.process.coerced) if hasattr(node, "unit_for") else None
        if unit is None:
            return []
        refuses = getattr(node, "_refuses", None)
        matter = task.process.coerced.matter
        users = users_with_role(node._role, unit)
        return [user for user in users if refuses is None or not refuses(matter, user)]

    def task_subject(self, task):
        return task.process.coerced.matter

    def has_view_permission(self, user, obj=None):
        # viewflow's own lists show every process to whoever holds the model-level view
        # permission; nobody does. Our pages go through the visibility rule instead.
        return False

    def has_manage_permission(self, user, obj=None):
        # viewflow's cancel, undo and revive pages change a matter's course without its
        # services or audit trail, and superusers would pass them. A matter ends through
        # its own steps (withdrawal, rejection) instead.
        return False
