"""Drive the flows from code, exactly as the step views do.

Demo data and benchmarks use it; each call takes the process lock, claims the task
when it waits in a queue, calls the step's one service and completes the task.
"""

import datetime
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from viewflow.workflow.status import STATUS

import audit
from organizations.settings_cache import unit_of_work
from permits import services, visit_services

from .flows import InboundVisitFlow, OutboundTripFlow
from .selectors import matter_of, open_tasks_of, process_of


def start(node, *, actor, submit):
    """Run the start step ``node`` as ``actor``; ``submit()`` creates and returns the matter."""
    activation = node.activation_class.create(node, None, None)
    activation.start(SimpleNamespace(user=actor))
    with unit_of_work(), transaction.atomic(), audit.batched():
        matter = submit()
        activation.process.artifact = matter
        # The process's own copy of its matter is the one just made: the next step's
        # seat (its unit) is read from it, not from the database again.
        activation.process.__dict__[activation.process.matter_attr] = matter
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


def complete(matter, node, *, actor, perform, data=None, refresh=True):
    """Complete the open ``node`` task of ``matter`` as ``actor``; ``perform(matter, task)``.

    As the step views do, ``perform`` gets the process's own copy of the matter, read
    under the process lock, which the flow's routing then reads too. ``data`` picks one
    task among several of the same step (e.g. ``{"opinion": 7}``). ``matter`` itself is
    refreshed afterwards unless ``refresh`` is False; the step's copy is returned.
    """
    tasks = open_tasks_of(matter, node)
    if data is None:
        task = tasks.get()
    else:
        task = next(t for t in tasks if all(t.data.get(k) == v for k, v in data.items()))
    process = task.process = task.process.coerced
    # The lock's own transaction is the step's: no savepoint inside it (a failure
    # leaves through the lock's block and rolls the whole step back).
    with (
        unit_of_work(),
        node.flow_class.lock(process.pk),
        transaction.atomic(savepoint=False),
        audit.batched(),
    ):
        activation = node.activation_class(task)
        if task.status == STATUS.NEW:
            activation.assign(actor)
        if not node.can_execute(actor, task):
            raise PermissionDenied(f"{actor} may not complete {node.name} of {matter}")
        activation.start(SimpleNamespace(user=actor))
        perform(matter_of(activation.process), task)
        activation.execute()
    if refresh:
        matter.refresh_from_db()
    return matter_of(activation.process)


def fire_timer(matter, node, *, at=None):
    """Fire the scheduled ``node`` timer of ``matter`` now (or move it to ``at``), alone.

    The beat's sweep (``workflows.tasks.fire_timers``) fires every due timer of every
    flow; a demo that has moved one matter's event into the past fires that one only.
    """
    process = process_of(matter)
    task = process.task_set.get(flow_task=node, status=STATUS.SCHEDULED)
    task.scheduled = at or timezone.now()
    task.save(update_fields=["scheduled"])
    with unit_of_work(), transaction.atomic(), audit.batched(), task.activation() as activation:
        activation.start()
        activation.execute()


# -- for the demo loaders -------------------------------------------------------------------


def call(service, actor, **kwargs):
    """Return a ``perform`` for ``complete``: ``service(matter, actor=actor, task=task, ...)``."""
    return lambda matter, task: service(matter, actor=actor, task=task, **kwargs)


def run(matter, step) -> None:
    """Complete one of the demo's steps, a ``(node, actor, perform, data)``, on ``matter``;
    ``data``, if given, reads the step's data off the matter."""
    node, actor, perform, data = step
    complete(matter, node, actor=actor, perform=perform, data=data(matter) if data else None)


def consulting_steps(
    flow, services, *, endorser, reviewer, head, consulted, answers, summary, returned_for=None
):
    """Return the demo's steps of a kind that consults agencies, up to the synthesis.

    The unit's head (``endorser``) endorses; the focal agency's ``reviewer`` returns the
    dossier (``returned_for``, if given) or accepts it and asks ``consulted`` (the police
    are always asked); each step named in ``answers``, ``{name: (agency, person)}``, is
    that agency's agreeing opinion; the agency's ``head`` sums them up (``summary``).
    """

    def answer(agency, actor):
        def perform(matter, task):
            opinion = matter.opinions.get(agency=agency)
            services.give_opinion(opinion, actor=actor, verdict="agree", task=task)

        return (
            flow.give_opinion,
            actor,
            perform,
            lambda matter: {"opinion": matter.opinions.get(agency=agency).pk},
        )

    steps = {
        "endorse": (flow.endorse, endorser, call(services.endorse, endorser), None),
        "accept": (flow.review, reviewer, call(services.accept, reviewer), None),
        "consult": (
            flow.select_agencies,
            reviewer,
            call(services.request_opinions, reviewer, agencies=consulted),
            None,
        ),
        "synthesize": (
            flow.synthesize,
            head,
            call(services.synthesize, head, summary=summary),
            None,
        ),
        **{name: answer(agency, actor) for name, (agency, actor) in answers.items()},
    }
    if returned_for:
        steps["return"] = (
            flow.review,
            reviewer,
            call(services.return_to_submitter, reviewer, comment=returned_for, stage="review"),
            None,
        )
    return steps


def filed_by_sct(flow, services, people, units, *, summary, returned_for=None):
    """Return ``consulting_steps`` as the demo's Sở Công Thương files its dossiers: its
    director endorses, Sở Ngoại vụ's specialist reviews and its director sums up, the
    police and Sở Tư pháp answer."""
    return consulting_steps(
        flow,
        services,
        endorser=people["lanhdao.sct"],
        reviewer=people["chuyenvien.snv"],
        head=people["giamdoc.snv"],
        consulted=[units["STP"]],
        answers={
            "answer_security": (units["CA"], people["anninh.ca"]),
            "answer_justice": (units["STP"], people["tuphap.stp"]),
        },
        summary=summary,
        returned_for=returned_for,
    )


def cast(usernames, unit_codes):
    """Return the demo's people by username and units by code, or None if one is missing."""
    from organizations.models import Unit, User

    people = {u.username: u for u in User.objects.filter(username__in=usernames)}
    if len(people) < len(usernames):
        return None
    return people, {u.code: u for u in Unit.objects.filter(code__in=unit_codes)}


# -- the issuance of a document (ADR 0012) ---------------------------------------------------


def signed_pdf(text: str = "Van ban da ky") -> bytes:
    """Return a small well-formed one-page PDF: the demo's stand-in for a signed scan."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def issue(matter, flow, *, clerk, sequence=None, day=None):
    """Sign (the clerk uploads the signed PDF) and register ``matter``'s document.

    Without ``sequence``, a register the system does not number gets the next number
    after the highest of the year (from 1889 on, as the seed's).
    """
    from matters import issuance

    day = day or timezone.localdate()
    sign = call(issuance.sign, clerk, upload=signed_upload(), signed_on=day)
    complete(matter, flow.sign, actor=clerk, perform=sign)
    pending = issuance.pending(matter)
    if sequence is None and not issuance.auto_numbered(pending.doc_type):
        sequence = next_paper_number(day.year)
    register = call(issuance.register, clerk, issued_on=day, sequence=sequence)
    return complete(matter, flow.register, actor=clerk, perform=register)


def issue_plan(plan_round, *, clerk, sequence=None, day=None):
    """Sign (the clerk uploads the signed PDF) and register the round's approved plan, as
    ``issue`` does a matter's document; return the plan's new version."""
    from matters import issuance
    from plans import services
    from plans.models import PLAN_TYPE

    day = day or timezone.localdate()
    services.sign_plan(plan_round, actor=clerk, upload=signed_upload(), signed_on=day)
    if sequence is None and not issuance.auto_numbered(PLAN_TYPE):
        sequence = next_paper_number(day.year)
    return services.register_plan(plan_round, actor=clerk, issued_on=day, sequence=sequence)


def signed_upload():
    """Return the demo's signed PDF as an upload."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("ban-da-ky.pdf", signed_pdf(), content_type="application/pdf")


def next_paper_number(year: int) -> int:
    """Return the number the demo's clerk types from the paper register: the next after
    the highest of ``year`` (from 1889 on, as the seed's)."""
    from matters.models import Issuance

    numbers = Issuance.objects.filter(year=year).values_list("sequence", flat=True)
    return max([1888, *(n for n in numbers if n)]) + 1


def held(matter, *, days_ago: int):
    """Move an issued matter's dates back (as if filed months ago) and its flow's wait
    with them, for a demo of what follows its last day."""
    from .amendments import reschedule

    length = matter.end_date - matter.start_date
    start = timezone.localdate() - datetime.timedelta(days=days_ago)
    type(matter).objects.filter(pk=matter.pk).update(start_date=start, end_date=start + length)
    matter.refresh_from_db()
    reschedule(matter)
