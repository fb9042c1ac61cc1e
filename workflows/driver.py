"""Drive the outbound trip flow from code, exactly as the step views do.

Demo data and benchmarks use it; each call takes the process lock, claims the task
when it waits in a queue, calls the step's one service and completes the task.
"""

from types import SimpleNamespace

from django.db import transaction
from viewflow.workflow.status import STATUS

from permits import services

from .flows import OutboundTripFlow
from .selectors import OPEN, process_of


def start_trip(*, actor, unit, fields, members):
    """Submit a new trip through the flow's start step; return the trip."""
    node = OutboundTripFlow.submit
    activation = node.activation_class.create(node, None, None)
    activation.start(SimpleNamespace(user=actor))
    with transaction.atomic():
        trip = services.submit_trip(unit=unit, actor=actor, fields=fields, members=members)
        activation.process.artifact = trip
        activation.execute()
    return trip


def complete(trip, node, *, actor, perform):
    """Complete the open ``node`` task of ``trip`` as ``actor``; ``perform(trip, task)``."""
    process = process_of(trip)
    task = process.task_set.get(flow_task=node, status__in=OPEN)
    with OutboundTripFlow.lock(process.pk), transaction.atomic():
        activation = node.activation_class(task)
        if task.status == STATUS.NEW:
            activation.assign(actor)
        activation.start(SimpleNamespace(user=actor))
        perform(activation.process.trip, task)
        activation.execute()
    trip.refresh_from_db()
    return trip
