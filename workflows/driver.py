"""Drive the flows from code, exactly as the step views do.

Demo data and benchmarks use it; each call takes the process lock, claims the task
when it waits in a queue, calls the step's one service and completes the task.
"""

from types import SimpleNamespace

from django.db import transaction
from viewflow.workflow.status import STATUS

from permits import services, visit_services

from .flows import InboundVisitFlow, OutboundTripFlow
from .selectors import OPEN, process_of


def start(node, *, actor, submit):
    """Run the start step ``node`` as ``actor``; ``submit()`` creates and returns the matter."""
    activation = node.activation_class.create(node, None, None)
    activation.start(SimpleNamespace(user=actor))
    with transaction.atomic():
        matter = submit()
        activation.process.artifact = matter
        activation.execute()
    return matter


def start_trip(*, actor, unit, fields, members):
    """Submit a new trip through the flow's start step; return the trip."""
    return start(
        OutboundTripFlow.submit,
        actor=actor,
        submit=lambda: services.submit_trip(unit=unit, actor=actor, fields=fields, members=members),
    )


def start_visit(*, actor, unit, fields, guests):
    """Submit a new inbound visit through the flow's start step; return the visit."""
    return start(
        InboundVisitFlow.submit,
        actor=actor,
        submit=lambda: visit_services.submit_visit(
            unit=unit, actor=actor, fields=fields, guests=guests
        ),
    )


def start_agreement(*, actor, unit, fields):
    """Submit a new agreement proposal through the flow's start step; return it."""
    from agreements import services as agreement_services

    from .flows import AgreementFlow

    return start(
        AgreementFlow.submit,
        actor=actor,
        submit=lambda: agreement_services.submit(unit=unit, actor=actor, fields=fields),
    )


def complete(matter, node, *, actor, perform, data=None):
    """Complete the open ``node`` task of ``matter`` as ``actor``; ``perform(matter, task)``.

    ``data`` picks one task among several of the same step (e.g. ``{"opinion": 7}``).
    """
    process = process_of(matter)
    tasks = process.task_set.filter(flow_task=node, status__in=OPEN)
    if data is None:
        task = tasks.get()
    else:
        task = next(t for t in tasks if all(t.data.get(k) == v for k, v in data.items()))
    with node.flow_class.lock(process.pk), transaction.atomic():
        activation = node.activation_class(task)
        if task.status == STATUS.NEW:
            activation.assign(actor)
        activation.start(SimpleNamespace(user=actor))
        perform(type(matter).objects.get(pk=matter.pk), task)
        activation.execute()
    matter.refresh_from_db()
    return matter
