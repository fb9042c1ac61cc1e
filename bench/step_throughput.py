"""Step throughput: outbound trips through every human step, ours against plain viewflow.

Ours: ``workflows.driver`` with the full machinery (visibility and role checks, the
audit chain, the notification outbox, the submission numbered as the leader's task
opens, the signed PDF checked and kept, the register). Plain: the same seven steps in a
plain viewflow flow (``bench.plainflow``) on a plain trip row: submit, endorse, review,
security check, approval, then the committee's clerk uploads the signed decision
(``sign``, the PDF stored) and enters its number (``register``, ADR 0012).
Both in one process, then both in two processes at once; in each, ours and plain
alternate in batches of a few trips and each side's time is summed, so the
ratio holds on a shared machine whose load changes during the run.
"""

import datetime
import io
import multiprocessing
import time
from types import SimpleNamespace

from django.db import connections, transaction
from viewflow.workflow.status import STATUS

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)

STEPS_PER_TRIP = 7
WARM_UP_TRIPS = 5
# Ours and plain alternate in batches of this many trips, each side's time summed, so
# that a change of load on the shared machine hits both sides alike. Two processes take
# larger batches: each batch forks its two workers, and the fork should stay small
# beside the batch's work.
BATCH_TRIPS = 10
BATCH_TRIPS_TWO_PROCESSES = 40


def _cast():
    from organizations import demo
    from permits.models import TripPurpose
    from workdays import calendar

    demo.load(io.StringIO())
    calendar.seed_year(datetime.date.today().year)
    TripPurpose.objects.get_or_create(name="Xúc tiến đầu tư")


def _people():
    from organizations.models import Unit, User

    people = {u.username: u for u in User.objects.all()}
    return people, Unit.objects.get(code="SCT")


def _signed_pdf():
    """Return a fresh upload of the signed decision (a small, well-formed PDF)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from workflows.driver import signed_pdf

    return SimpleUploadedFile("quyet-dinh-da-ky.pdf", signed_pdf(), content_type="application/pdf")


def drive_full(indices):
    """Drive trips ``indices`` through submit, endorse, review, security, approval, the
    signature and the registration of the decision."""
    from django.utils import timezone

    from matters import issuance
    from permits import services
    from permits.models import TripPurpose
    from permits.services import MemberData
    from workflows import driver
    from workflows.flows import OutboundTripFlow as F

    people, unit = _people()
    minh, hoa, dung, pho, clerk = (
        people[k] for k in ("lanhdao.sct", "chuyenvien.snv", "anninh.ca", "phochutich.dn", "vanthu")
    )
    purpose = TripPurpose.objects.first()
    start = datetime.date.today() + datetime.timedelta(days=60)
    steps = [
        (F.endorse, minh, lambda t, task: services.endorse(t, actor=minh, task=task)),
        (F.review, hoa, lambda t, task: services.forward(t, actor=hoa, task=task)),
        (
            F.security_check,
            dung,
            lambda t, task: services.security_check(
                t,
                actor=dung,
                verdicts={m.pk: ("cleared", "") for m in t.read_once("members")},
                task=task,
            ),
        ),
        (F.approve, pho, lambda t, task: services.approve(t, actor=pho, task=task)),
        # Today at each step, not at the start: a run across the local midnight would sign
        # before the day of the approval.
        (
            F.sign,
            clerk,
            lambda t, task: issuance.sign(
                t, actor=clerk, upload=_signed_pdf(), signed_on=timezone.localdate(), task=task
            ),
        ),
        # The number the clerk types from the paper register: the trip's id, unique in
        # the year's register whichever process drives the trip.
        (
            F.register,
            clerk,
            lambda t, task: issuance.register(
                t, actor=clerk, issued_on=timezone.localdate(), sequence=t.pk, task=task
            ),
        ),
    ]
    for index in indices:
        trip = driver.start_trip(
            actor=people["canbo.sct"],
            unit=unit,
            fields={
                "title": f"Đoàn đo hiệu năng {index}",
                "purpose": purpose,
                "countries": ["FR"],
                "start_date": start,
                "end_date": start + datetime.timedelta(days=4),
                "inviting_partner": "Đối tác",
                "funding_source": "state_budget",
            },
            members=[MemberData("Lê Quang Minh", "Giám đốc Sở", "Sở Công Thương", "head")],
        )
        for node, actor, perform in steps:
            driver.complete(trip, node, actor=actor, perform=perform, refresh=False)


def _plain_status(status):
    def perform(trip):
        trip.status = status
        trip.save(update_fields=["status"])

    return perform


def _plain_sign(trip):
    """The plain team's signature: the PDF stored, the trip marked signed."""
    trip.signed_file.save(f"{trip.pk}.pdf", _signed_pdf(), save=False)
    trip.status = "signed"
    trip.save(update_fields=["signed_file", "status"])


def _plain_register(trip):
    """The plain team's registration: the number the clerk typed, today's date."""
    trip.decision_number = f"{trip.pk}/QĐ-UBND"
    trip.decision_date = datetime.date.today()
    trip.status = "issued"
    trip.save(update_fields=["decision_number", "decision_date", "status"])


def drive_plain(indices):
    """Drive plain viewflow trips through the same steps, the way its own views would:
    the task and its process read, the process locked, the claim, the owner checked, the
    trip row changed, the task completed."""
    from django.core.exceptions import PermissionDenied
    from viewflow.workflow.models import Task

    from bench.plainflow.flows import PlainTripFlow as P

    people, _unit = _people()
    owner = people["chuyenvien.snv"]
    start = datetime.date.today() + datetime.timedelta(days=60)
    steps = [
        (P.endorse, _plain_status("in_review")),
        (P.review, _plain_status("security_check")),
        (P.security_check, _plain_status("awaiting_approval")),
        (P.approve, _plain_status("approved")),
        (P.sign, _plain_sign),
        (P.register, _plain_register),
    ]
    for index in indices:
        process = P.submit.run(
            title=f"Đoàn {index}", owner=owner.pk, start_date=start, members=["Lê Quang Minh"]
        )
        for node, perform in steps:
            task = Task.objects.get(process_id=process.pk, flow_task=node, status__in=OPEN)
            with P.lock(task.process_id), transaction.atomic():
                activation = node.activation_class(task)
                if task.status == STATUS.NEW:
                    activation.assign(owner)
                if not node.can_execute(owner, task):
                    raise PermissionDenied
                activation.start(SimpleNamespace(user=owner))
                perform(activation.process.trip)
                activation.execute()


def _statements(function, index) -> int:
    """Return how many SQL statements ``function`` executes to drive one trip."""
    executed = 0

    def count(execute, sql, params, many, context):
        nonlocal executed
        executed += 1
        return execute(sql, params, many, context)

    with connections["default"].execute_wrapper(count):
        function([index])
    return executed


def _timed(function, indices) -> float:
    began = time.perf_counter()
    function(indices)
    return time.perf_counter() - began


def _interleaved(indices, measure, size) -> tuple[float, float]:
    """Time ours and plain in alternating batches of ``size`` trips; return both sums.

    ``measure(function, batch)`` times one batch (in this process or in two). Which side
    goes first alternates too, so neither always follows the other's writes.
    """
    full = plain = 0.0
    for number, first in enumerate(range(0, len(indices), size)):
        batch = indices[first : first + size]
        if number % 2:
            plain += measure(drive_plain, batch)
            full += measure(drive_full, batch)
        else:
            full += measure(drive_full, batch)
            plain += measure(drive_plain, batch)
    return full, plain


def _two_processes(function, indices) -> float:
    """Run ``function`` on two halves of ``indices`` in two forked processes; wall time."""
    connections.close_all()
    context = multiprocessing.get_context("fork")
    halves = [indices[0::2], indices[1::2]]
    workers = [context.Process(target=_child, args=(function, half)) for half in halves]
    began = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - began
    if any(worker.exitcode != 0 for worker in workers):
        raise RuntimeError("a benchmark worker failed")
    return elapsed


def _child(function, indices):
    connections.close_all()
    function(indices)
    connections.close_all()


def run(quick=False) -> dict:
    trips = 10 if quick else 200
    _cast()
    # Unmeasured trips first through both flows: the first steps of a process pay for
    # imports, catalogues and PostgreSQL's first reads of each table.
    warm_up = list(range(-WARM_UP_TRIPS, 0))
    drive_full(warm_up)
    drive_plain(warm_up)
    full_statements = _statements(drive_full, -WARM_UP_TRIPS - 1)
    plain_statements = _statements(drive_plain, -WARM_UP_TRIPS - 1)
    steps = trips * STEPS_PER_TRIP
    one = _interleaved(list(range(trips)), _timed, BATCH_TRIPS)
    full, plain = (steps / seconds for seconds in one)
    two = _interleaved(list(range(trips, 2 * trips)), _two_processes, BATCH_TRIPS_TWO_PROCESSES)
    full_2, plain_2 = (steps / seconds for seconds in two)
    return {
        "trips": trips,
        "steps": steps,
        "full_steps_per_s": round(full, 1),
        "plain_viewflow_steps_per_s": round(plain, 1),
        "full_vs_plain": round(full / plain, 2),
        "full_two_processes_steps_per_s": round(full_2, 1),
        "plain_two_processes_steps_per_s": round(plain_2, 1),
        "full_two_vs_one_process": round(full_2 / full, 2),
        "plain_two_vs_one_process": round(plain_2 / plain, 2),
        "full_statements_per_trip": full_statements,
        "plain_statements_per_trip": plain_statements,
        "statements_full_vs_plain": round(full_statements / plain_statements, 2),
    }
