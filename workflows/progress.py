"""Where a matter stands in its flow, for the status area of every matter page.

Read from the flow's graph and the process's tasks, so every kind gets it: the steps of
the flow's main road (from the start, each gate's default way, to the first end), each
done, current or next; who holds the current step and its due date; and what comes next,
with the dates already known (the day the delegation is back, the report's due date).
A step off the main road (a revision, the Party's opinion) shows while it is current.
"""

import datetime
from dataclasses import dataclass, field
from functools import cache
from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow import flow
from viewflow.workflow.status import STATUS

import workdays
from organizations.models import Unit

from .deadlines import with_deadlines

DONE, CURRENT, NEXT = "done", "current", "next"
# A task someone works on, or a timer counting down (viewflow's SCHEDULED).
WAITING = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED, STATUS.SCHEDULED)
OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
# An edge's kind, in the order the main road prefers it at a fork.
MAIN_ROAD = ("next", "default", "cond_true")
# How many steps "what comes next" names.
AHEAD = 3


@dataclass
class Step:
    """One step of the bar."""

    node: object
    state: str = NEXT
    #: Who holds it now: a person, or the role and unit whose queue it waits in.
    holders: list = field(default_factory=list)
    due_on: datetime.date | None = None
    is_overdue: bool = False
    #: A timer's day, or a step's due date known ahead (counted from the matter's end).
    expected_on: datetime.date | None = None

    @property
    def title(self) -> str:
        return str(self.node.task_title)

    @property
    def is_timer(self) -> bool:
        return isinstance(self.node, flow.Timer)


@dataclass
class Progress:
    steps: list
    finished: bool

    @property
    def current(self) -> list:
        return [step for step in self.steps if step.state == CURRENT]

    @property
    def upcoming(self) -> list:
        return [step for step in self.steps if step.state == NEXT][:AHEAD]

    @property
    def done_count(self) -> int:
        return sum(step.state == DONE for step in self.steps)


def _shown(node) -> bool:
    return isinstance(node, (flow.Start, flow.View, flow.Timer, flow.End))


@cache
def main_road(flow_class) -> tuple:
    """Return the steps of ``flow_class`` from its start to its first end, each gate
    taken its default way (the way a matter goes when nothing is returned or refused)."""
    nodes = list(flow_class.instance.nodes())
    node = next(n for n in nodes if isinstance(n, flow.Start))
    road, seen = [], set()
    while node is not None and node not in seen:
        seen.add(node)
        if _shown(node):
            road.append(node)
        edges = sorted(
            node._outgoing(),
            key=lambda e: MAIN_ROAD.index(e.edge_class) if e.edge_class in MAIN_ROAD else 9,
        )
        node = edges[0].dst if edges else None
    return tuple(road)


def progress(process) -> Progress:
    """Return the bar of ``process``: its steps, done, current or next.

    One query (the process's tasks, with their deadlines and owners); the open tasks
    are kept on the process for ``selectors.open_tasks``, so the page reads them once.
    """
    tasks = list(with_deadlines(process.task_set.select_related("owner")).order_by("created", "pk"))
    process.__dict__.setdefault("_open_tasks", [t for t in tasks if t.status in OPEN])
    done = {t.flow_task for t in tasks if t.status == STATUS.DONE}
    waiting = [t for t in tasks if t.status in WAITING]
    steps = [Step(node) for node in main_road(type(process.flow_class.instance))]
    _place_current(steps, waiting, done, process, _asked_agencies(waiting))
    finished = not waiting
    if finished:
        ends = [t.flow_task for t in tasks if isinstance(t.flow_task, flow.End)]
        steps = [s for s in steps if s.node in done and not isinstance(s.node, flow.End)]
        steps += [Step(end, DONE) for end in ends[-1:]]
    else:
        _expect(steps, process)
    return Progress(steps=steps, finished=finished)


def _asked_agencies(waiting) -> dict:
    """Return the agencies the waiting opinion tasks ask, by pk (one query, or none).

    An opinion task names its agency in its permission's object, not in its step: the
    step's role alone ("Cơ quan được lấy ý kiến") would be the same for every agency."""
    pks = {t.owner_permission_obj_pk for t in waiting if _asks_an_agency(t.flow_task)}
    return Unit.objects.in_bulk([int(pk) for pk in pks if pk]) if pks else {}


def _asks_an_agency(node) -> bool:
    return hasattr(node, "opinion_model")


def _place_current(steps, waiting, done, process, agencies) -> None:
    """Mark the current steps (adding those off the main road after the last one done),
    the ones before them done (dropping those the matter went around), the rest next."""
    by_node = {}
    for task in waiting:
        by_node.setdefault(task.flow_task, []).append(task)
    for node, tasks in by_node.items():
        step = next((s for s in steps if s.node == node), None)
        if step is None:
            last_done = max((i for i, s in enumerate(steps) if s.node in done), default=0)
            step = Step(node)
            steps.insert(last_done + 1, step)
        step.state = CURRENT
        # Parallel tasks may share a holder (one agency answering twice): name it once.
        holders = [_holder(task, process, agencies) for task in tasks]
        step.holders = list(dict.fromkeys(h for h in holders if h))
        dues = [t.due_on for t in tasks if t.due_on]
        step.due_on = min(dues) if dues else None
        step.is_overdue = any(t.is_overdue for t in tasks)
    if not by_node:
        return
    first = min(i for i, s in enumerate(steps) if s.state == CURRENT)
    for step in steps[:first]:
        step.state = DONE if step.node in done else None
    steps[:first] = [s for s in steps[:first] if s.state == DONE]


def _holder(task, process, agencies) -> str:
    """Return who holds ``task``: its owner, or the role and unit whose queue it is in
    (read from the page's ``process``, which shares the page's copy of the matter); an
    opinion task, the agency asked (and who in it took the task)."""
    node = task.flow_task
    agency = None
    if _asks_an_agency(node) and task.owner_permission_obj_pk:
        agency = agencies.get(int(task.owner_permission_obj_pk))
    if task.owner_id:
        name = task.owner.get_full_name() or task.owner.get_username()
        return f"{name}, {agency.name}" if agency else name
    if agency is not None:
        return agency.name
    role = getattr(node, "_role", None)
    if role is None:
        return ""
    unit = node.unit_for(process) if hasattr(node, "unit_for") else None
    if unit is None:
        return str(role.label)
    return _("%(role)s, %(unit)s (chờ nhận xử lý)") % {"role": role.label, "unit": unit.name}


def _expect(steps, process) -> None:
    """Give the next steps the dates known ahead: a timer's day (the delegation back),
    a step counted from the matter's end (the results report's due date)."""
    activation = SimpleNamespace(process=process)
    for step in [s for s in steps if s.state == NEXT][:AHEAD]:
        try:
            if step.is_timer and callable(step.node._delay):
                when = step.node._delay(activation)
                step.expected_on = timezone.localdate(when) - datetime.timedelta(days=1)
            elif getattr(step.node, "counted_from", None) and step.node.deadline_key:
                start = step.node.counted_from(activation)
                step.expected_on = workdays.due_date(step.node.deadline_key, start)
        except (AttributeError, TypeError):  # a matter without the date: nothing to show
            step.expected_on = None
