"""The step toolkit: what every step of every kind of matter does, written once.

A step checks the matter is where it expects (``require_status``), changes its status and
writes the audit entry (``move``, ``record``) and the notification outbox rows
(``notify``), all in the caller's transaction. ``seat`` says in which unit a role acts
on a matter, ``acting`` what the audit entry says about it (on whose behalf, for a
deputy). A matter is any model with ``unit``, ``status``, ``submitted_by``, ``reviewer``
and ``get_absolute_url``; the toolkit knows no kind.
"""

import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

import audit
from audit import flush
from notifications import Event, emit
from organizations.models import Province, Role
from organizations.numbering import issue_number
from organizations.selectors import has_role, principal_for, user, users_with_role

# The role that acts for the province, and the province's unit it sits in.
PROVINCIAL_SEATS = {
    Role.DEPARTMENT_REVIEWER: "focal_agency",
    Role.DEPARTMENT_HEAD: "focal_agency",
    Role.SECURITY_OFFICER: "security_agency",
    Role.LEADER: "peoples_committee",
    Role.CLERK: "peoples_committee",
}


def atomic(service):
    """Run ``service`` atomically, without a savepoint of its own inside a step.

    Called alone, it runs in a transaction (or a savepoint) as ``transaction.atomic``
    would. Inside a step (``audit.batched``) the step's transaction is the unit: a
    refusal fails the step, and the step views that show a refusal as a form error
    run the service in a savepoint of their own.
    """

    @functools.wraps(service)
    def run(*args, **kwargs):
        with transaction.atomic(savepoint=not flush.active()):
            return service(*args, **kwargs)

    return run


def require_status(matter, *allowed: str) -> None:
    """Raise ValidationError unless ``matter`` is in one of the ``allowed`` statuses."""
    if matter.status not in allowed:
        raise ValidationError(
            _("Hồ sơ đang ở trạng thái “%(status)s”, không thể thực hiện thao tác này.")
            % {"status": matter.get_status_display()}
        )


def require_comment(comment: str, message: str) -> None:
    """Raise ValidationError on the ``comment`` field with ``message`` if it is blank."""
    if not comment.strip():
        raise ValidationError({"comment": message})


def require_role(actor, role: Role, unit, message: str = "") -> None:
    """Raise PermissionDenied unless ``actor`` holds ``role`` in ``unit`` (or deputises)."""
    if not has_role(actor, role, unit):
        raise PermissionDenied(message or _("Bạn không có quyền thực hiện thao tác này."))


def require_seat(matter, actor, role: Role) -> None:
    """Raise PermissionDenied unless ``actor`` holds ``role`` in its seat on ``matter``."""
    require_role(actor, role, seat(matter, role))


def refuse_own_decision(matter, actor) -> None:
    """Raise PermissionDenied if ``actor`` submitted ``matter`` or travels with it.

    One rule for every kind: nobody decides (approves or rejects) their own matter. A
    kind with a delegation of users (``members``) also refuses its members.
    """
    if hasattr(matter, "members"):
        travels = any(m.user_id == actor.pk for m in matter.read_once("members"))
        if is_submitter(matter, actor) or travels:
            raise PermissionDenied(
                _("Người lập hồ sơ hoặc thành viên đoàn không được tự phê duyệt.")
            )
    elif actor == matter.submitted_by:
        raise PermissionDenied(_("Người lập hồ sơ không được tự phê duyệt."))


def is_submitter(matter, person) -> bool:
    """Return True if ``person`` filed ``matter`` (and so may not sign it off)."""
    return person is not None and person.pk is not None and person.pk == matter.submitted_by_id


def refuse_own_endorsement(matter, actor) -> None:
    """Raise PermissionDenied if ``actor`` submitted ``matter``.

    One rule for every kind: a person who is both staff and head of a unit files a
    matter as staff, and another head of the unit endorses it.
    """
    if is_submitter(matter, actor):
        raise PermissionDenied(
            _("Người lập hồ sơ không được tự cho ý kiến đồng ý với hồ sơ của mình.")
        )


def seat(matter, role: Role):
    """Return the unit in which ``role`` acts on ``matter``.

    The unit's staff and head act in the matter's unit; the others in the province's
    focal agency, security agency or people's committee, unless the matter names
    another unit for the role (``provincial_seat(role)``: foreign NGO aid is appraised by
    the agency the province designates, which need not be the focal agency).
    """
    if role in (Role.UNIT_STAFF, Role.UNIT_HEAD):
        return matter.unit
    own = getattr(matter, "provincial_seat", None)
    unit = own(role) if own is not None else None
    return unit if unit is not None else getattr(Province.current(), PROVINCIAL_SEATS[role])


def acting(actor, role: Role, unit) -> dict:
    """Return the audit fields for ``actor`` acting as ``role`` in ``unit`` today."""
    on_behalf_of = None
    if actor is not None and unit is not None:
        on_behalf_of = principal_for(actor, role, unit)
    return {"unit": unit, "role": role.value, "on_behalf_of": on_behalf_of}


def record(action, matter, *, actor, role, unit=None, comment="", payload=None, task=None):
    """Append ``action`` by ``actor`` as ``role`` on ``matter`` to the audit trail.

    ``unit`` defaults to the role's seat on the matter; ``task`` is the viewflow task
    being completed, if any.
    """
    unit = unit if unit is not None else seat(matter, role)
    audit.record(
        action,
        actor=actor,
        subject=matter,
        task=task,
        process=getattr(task, "process_id", None),
        comment=comment,
        payload=payload,
        **acting(actor, role, unit),
    )


def reviewer_of(matter):
    """Return ``matter``'s reviewer, or None: from the settings cache, as the step's copy
    of the matter does not join the reviewer (a join on each read costs more)."""
    return user(matter.reviewer_id)


def save(matter, *fields: str) -> None:
    """Save ``fields`` of ``matter`` with its status and modification time."""
    matter.save(update_fields=[*fields, "status", "updated_at"])


def move(
    matter,
    status,
    action,
    *,
    actor,
    role,
    fields=(),
    unit=None,
    comment="",
    payload=None,
    task=None,
):
    """Set ``matter``'s status, save it with ``fields`` and record ``action`` by ``role``."""
    matter.status = status
    save(matter, *fields)
    record(
        action,
        matter,
        actor=actor,
        role=role,
        unit=unit,
        comment=comment,
        payload=payload,
        task=task,
    )


def notify(event, matter, to, *, actor, task=None, comment="", key=None, due_on=None) -> None:
    """Queue ``event`` on ``matter`` for everyone in ``to`` but ``actor`` (outbox rows).

    ``key`` names an event that may repeat on the same matter outside a task (each key
    reaches a person once); ``due_on`` is the date the notification asks for (shown as
    "Hạn: dd/mm/yyyy" in the list and the email).
    """
    recipients = [person for person in to if person is not None and person != actor]
    if recipients:
        context = {"comment": comment} if comment else {}
        if due_on is not None:
            context["due_on"] = due_on.isoformat()
        emit(
            event,
            subject=matter,
            to=recipients,
            actor=actor,
            task=task,
            url=matter.get_absolute_url(),
            context=context or None,
            key=key,
        )


def department(role: Role = Role.DEPARTMENT_REVIEWER, matter=None) -> list:
    """Return the focal agency's users holding ``role`` (its reviewers by default), or
    those of the unit where ``role`` acts on ``matter`` (``seat``) when it is given."""
    agency = seat(matter, role) if matter is not None else Province.current().focal_agency
    return list(users_with_role(role, agency)) if agency else []


def reviewers(matter=None) -> list:
    """Return the focal agency's reviewers (those who review ``matter``, if given)."""
    return department(Role.DEPARTMENT_REVIEWER, matter)


def reviewer_or_reviewers(matter) -> list:
    """Return the matter's reviewer, or every reviewer while nobody has taken it up."""
    reviewer = reviewer_of(matter)
    return [reviewer] if reviewer else reviewers(matter)


def notify_security(matter, *, actor, task=None) -> None:
    """Queue the security check of ``matter`` for the security agency's officers."""
    agency = Province.current().security_agency
    if agency:
        to = users_with_role(Role.SECURITY_OFFICER, agency)
        notify(Event.TASK_QUEUED, matter, to, actor=actor, task=task)


def next_reference(prefix: str, unit, year: int) -> str:
    """Return the next file reference of ``unit`` this year, e.g. ``DR-2026-SCT-007``.

    Gap-free per unit, prefix and year: call it inside the transaction that files the
    matter, so a rollback gives the number back.
    """
    number = issue_number(issuer=unit, doc_type=prefix, year=year)
    return f"{prefix}-{year}-{unit.code}-{number.sequence:03d}"
