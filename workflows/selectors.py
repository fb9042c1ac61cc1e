"""Reads for the task pages: inbox, queue, a process's open steps and who may act on them.

viewflow's own inbox and queue check ``user.has_perm`` against the user's own guardian
grants; ours use the same role-in-unit rule as the steps, so deputies see their
principal's work, and every row costs no extra query.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, Subquery
from django.utils.functional import cached_property
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from organizations.models import Role, Unit
from organizations.selectors import acting_grants, principals_of, units_acted_for

from .deadlines import with_deadlines
from .site import flow_classes

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def staff_unit(user):
    """Return the unit ``user`` submits for: their own if staff there, else the first
    unit where they act as unit staff today (a deputy), or None."""
    from organizations.selectors import has_role

    profile = getattr(user, "profile", None)
    if profile and has_role(user, Role.UNIT_STAFF, profile.unit):
        return profile.unit
    return units_acted_for(user, role=Role.UNIT_STAFF).first()


def _flow_names():
    return [f"{flow.__module__.split('.')[0]}/flows.{flow.__name__}" for flow in flow_classes()]


def _with_subjects(tasks, limit: int | None = None):
    """Attach ``task.subject`` (the matter: a trip, a visit, an agreement) and the due date.

    One query per kind of matter on the page, whatever the number of rows.
    """
    tasks = with_deadlines(tasks)
    tasks = list(tasks[:limit] if limit else tasks)
    ids_by_type = defaultdict(set)
    for task in tasks:
        ids_by_type[task.process.artifact_content_type_id].add(task.process.artifact_object_id)
    subjects = {}
    for type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        for subject in model.objects.filter(pk__in=ids).select_related("unit"):
            subjects[(type_id, subject.pk)] = subject
    for task in tasks:
        key = (task.process.artifact_content_type_id, task.process.artifact_object_id)
        task.subject = subjects.get(key)
    return [t for t in tasks if t.subject is not None]


def inbox_tasks(user):
    """Return the open tasks assigned to ``user`` or, in a deputy period, to a principal."""
    return Task.objects.filter(
        Q(owner=user) | Q(owner__in=principals_of(user).values("pk")),
        status__in=(STATUS.ASSIGNED, STATUS.STARTED),
        process__flow_class__in=_flow_names(),
    )


def inbox(user):
    """Return the inbox's tasks, oldest first, each with its matter and due date."""
    return _with_subjects(inbox_tasks(user).select_related("process", "owner").order_by("created"))


def queue(user):
    """Return the queue's tasks, oldest first, each with its matter and due date."""
    return _with_subjects(queue_tasks(user).select_related("process").order_by("created"))


def archive(user, limit: int = 50):
    """Return the last ``limit`` tasks ``user`` completed, newest first, with their matters."""
    tasks = (
        Task.objects.filter(owner=user, status=STATUS.DONE, process__flow_class__in=_flow_names())
        .select_related("process", "owner")
        .order_by("-finished")
    )
    return _with_subjects(tasks, limit)


def queue_tasks(user):
    """Return the unassigned tasks of steps open to a role ``user`` acts in, in that unit."""
    unit_type = ContentType.objects.get_for_model(Unit)
    units_by_role = defaultdict(set)
    for role, unit_id in acting_grants(user):
        units_by_role[role].add(str(unit_id))
    rule = Q(pk__in=[])
    for role, unit_ids in units_by_role.items():
        rule |= Q(
            owner_permission=Role(role).permission,
            owner_permission_content_type=unit_type,
            owner_permission_obj_pk__in=sorted(unit_ids),
        )
    return Task.objects.filter(
        rule, status=STATUS.NEW, owner__isnull=True, process__flow_class__in=_flow_names()
    )


# The flow that amends or cancels a matter's document runs beside the matter's own
# process, on the same artifact (ADR 0012): the matter's process is the other one.
CHANGE_FLOW = "workflows/flows.ChangeFlow"  # as viewflow stores a flow reference


def process_of(subject, *, flow_class=None):
    """Return the flow process of a matter (its artifact), or None for imported records:
    the matter's own, or the latest of ``flow_class`` (the change flow's)."""
    subject_type = ContentType.objects.get_for_model(subject)
    processes = Process.objects.filter(
        artifact_content_type=subject_type, artifact_object_id=subject.pk
    )
    if flow_class is None:
        processes = processes.exclude(flow_class=CHANGE_FLOW)
    else:
        processes = processes.filter(flow_class=flow_class)
    process = processes.order_by("-pk").first()
    return process.coerced if process is not None else None


def open_tasks_of(subject, node):
    """Return the open ``node`` tasks of the matter's process (``process_of``), each with
    its process, in one query: the process is picked by a subquery, not read first."""
    subject_type = ContentType.objects.get_for_model(subject)
    latest = (
        Process.objects.filter(
            artifact_content_type=subject_type,
            artifact_object_id=subject.pk,
            flow_class=node.flow_class,
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    return Task.objects.filter(
        process=Subquery(latest), flow_task=node, status__in=OPEN
    ).select_related("process")


def matter_of(process):
    """Return the process's own copy of its matter (its ``trip``, ``visit`` or ``agreement``)."""
    return process.matter


def process_for_page(subject):
    """Return ``process_of(subject)`` sharing the page's copy of the matter, so that the
    steps and actions shown do not read it again. For reading only: a step must load its
    own copy (``process_of``)."""
    process = process_of(subject)
    name = getattr(process, "matter_attr", None)
    if name and isinstance(getattr(type(process), name, None), cached_property):
        process.__dict__[name] = subject
    return process


def open_tasks(process):
    """Return the open tasks of ``process``, read once per process object (a page asks
    for both its current steps and its actions)."""
    if "_open_tasks" not in process.__dict__:
        tasks = process.task_set.filter(status__in=OPEN).select_related("owner")
        process.__dict__["_open_tasks"] = list(tasks)
    return process.__dict__["_open_tasks"]


def answer_due_on(process):
    """Return the date the focal agency's answer is due: its review step's deadline.

    None while the request has not reached the review (the unit head has not sent it).
    """
    from workdays.models import TaskDeadline

    if process is None:
        return None
    deadline = (
        TaskDeadline.objects.filter(task__process=process, step__endswith=".review")
        .order_by("task_id")
        .first()
    )
    return deadline.due_on if deadline else None


def actions_for(user, process):
    """Return (label, url, method) for what ``user`` may do on ``process`` right now."""
    from django.utils.translation import gettext as _

    actions = []
    for task in open_tasks(process):
        node = task.flow_task
        if not hasattr(node, "can_execute"):
            continue
        title = node.task_title
        if task.owner_id and node.can_execute(user, task):
            actions.append((title, task.reverse("execute"), "get"))
        elif not task.owner_id and node.can_assign(user, task):
            actions.append(
                (_("Nhận xử lý: %(step)s") % {"step": title}, task.reverse("assign"), "post")
            )
    return actions
