"""The step services every kind of matter shares, written once.

Each is one atomic step, as a kind's own services are: check the status, change it,
write the audit entry and the outbox rows in one transaction. A kind's service calls
one of these with its small differences (which statuses may be withdrawn, where a
leader's return goes, what a kind checks before an approval) and may add to it.

Statuses are compared by value: every kind's ``Status`` has the members named in
``Shared`` with these values.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from notifications import Event
from organizations.models import Province, Role
from organizations.selectors import acts_for, users_with_role

from . import issuance
from .steps import (
    atomic,
    department,
    move,
    next_reference,
    notify,
    notify_security,
    record,
    refuse_own_decision,
    refuse_own_endorsement,
    require_comment,
    require_role,
    require_status,
    reviewer_of,
    reviewer_or_reviewers,
    save,
    seat,
)


class Shared:
    """The statuses and stages the shared steps read and set, by value."""

    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    RETURNED = "returned"
    REJECTION_PROPOSED = "rejection_proposed"
    SECURITY_CHECK = "security_check"
    AWAITING_APPROVAL = "awaiting_approval"
    APPROVED = "approved"
    ISSUED = "issued"
    CANCELLED = "cancelled"
    REPORTING = "reporting"
    REPORTED = "reported"
    COMPLETED = "completed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    ENDORSEMENT = "endorsement"  # stages a matter is returned from
    REVIEW = "review"


# -- the unit ----------------------------------------------------------------------------


# The account imported records of the past name as their submitter: it cannot sign in.
IMPORT_USERNAME = "nhap-ho-so-cu"


def importing_user():
    """Return the account imported records name as submitter; it can never sign in.

    Every import of past records (``reports.importing``, ``abtc.importing``) uses it.
    """
    user, created = get_user_model().objects.get_or_create(
        username=IMPORT_USERNAME,
        defaults={"full_name": "Nhập hồ sơ cũ", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def new_matter(model, prefix: str, *, unit, actor, **fields):
    """Return a ``model`` that ``actor`` files for ``unit`` now, numbered, not yet saved.

    Call inside the transaction that saves it: the reference (``prefix``) is gap-free.
    """
    return model(
        unit=unit,
        submitted_by=actor,
        submitted_at=timezone.now(),
        status=Shared.SUBMITTED,
        reference=next_reference(prefix, unit, timezone.localdate().year),
        **fields,
    )


def submitted(matter, *, actor, payload=None, task=None):
    """Record that unit staff filed the new ``matter`` and queue it for the unit head.

    Call inside the transaction that creates the matter.
    """
    record(
        audit.Action.SUBMITTED,
        matter,
        actor=actor,
        role=Role.UNIT_STAFF,
        unit=matter.unit,
        payload=payload,
        task=task,
    )
    heads = users_with_role(Role.UNIT_HEAD, matter.unit)
    notify(Event.TASK_QUEUED, matter, heads, actor=actor, task=task)
    return matter


def require_staff(actor, unit) -> None:
    """Raise PermissionDenied unless ``actor`` is staff of ``unit`` (who may file for it)."""
    require_role(actor, Role.UNIT_STAFF, unit, _("Bạn không phải cán bộ của đơn vị này."))


@atomic
def resubmit(matter, *, actor, revise, substantive=(), fields=None, comment="", task=None):
    """Save the submitter's revision and send ``matter`` back to the step that returned it.

    ``revise(matter)`` validates and applies the revision and returns the audit payload,
    whose ``changed`` lists what changed. A revision that changes one of the
    ``substantive`` names goes to the unit head again, whoever returned it: the head
    endorsed what was filed, not what it became. ``fields`` are the columns to save
    (all of them when None).
    """
    require_status(matter, Shared.RETURNED)
    payload = revise(matter)
    endorse_again = bool(set(payload.get("changed", ())) & set(substantive))
    if endorse_again:
        payload["endorse_again"] = True
    back_to_review = matter.returned_from == Shared.REVIEW and not endorse_again
    matter.status = Shared.IN_REVIEW if back_to_review else Shared.SUBMITTED
    matter.returned_from = ""
    if fields is None:
        matter.save()
    else:
        save(matter, *fields, "returned_from")
    record(
        audit.Action.RESUBMITTED,
        matter,
        actor=actor,
        role=Role.UNIT_STAFF,
        unit=matter.unit,
        comment=comment,
        payload=payload,
        task=task,
    )
    to = [reviewer_of(matter)] if back_to_review else users_with_role(Role.UNIT_HEAD, matter.unit)
    notify(Event.TASK_ASSIGNED, matter, to, actor=actor, task=task)
    return matter


def withdrawal(withdrawable):
    """Return a kind's ``can_withdraw(matter, user)`` and ``withdraw(matter, *, actor,
    comment)``: its submitter withdraws it in one of the ``withdrawable`` statuses."""

    def can(matter, user) -> bool:
        return can_withdraw(matter, user, withdrawable)

    def take_back(matter, *, actor, comment=""):
        return withdraw(matter, actor=actor, withdrawable=withdrawable, comment=comment)

    return can, take_back


def can_withdraw(matter, user, withdrawable) -> bool:
    """Return True if ``user`` may withdraw ``matter`` now (its submitter, not decided)."""
    return user == matter.submitted_by and matter.status in withdrawable


@atomic
def withdraw(matter, *, actor, withdrawable, comment=""):
    """Withdraw a matter in one of the ``withdrawable`` statuses (the submitter only)."""
    if actor != matter.submitted_by:
        raise PermissionDenied(_("Chỉ người lập hồ sơ mới được rút hồ sơ."))
    require_status(matter, *withdrawable)
    move(
        matter,
        Shared.WITHDRAWN,
        audit.Action.WITHDRAWN,
        actor=actor,
        role=Role.UNIT_STAFF,
        comment=comment,
    )
    return matter


@atomic
def open_report(matter, *, task=None):
    """Ask the unit for its results report, due on the ``report_due_on`` set by the kind.

    A matter cancelled by a registered decision owes no report: it stays cancelled.
    """
    if matter.status == Shared.CANCELLED:
        return matter
    require_status(matter, Shared.ISSUED)
    matter.status = Shared.REPORTING
    save(matter, "report_due_on")
    notify(Event.REPORT_DUE, matter, [matter.submitted_by], actor=None, task=task)
    return matter


@atomic
def submit_report(matter, *, actor, text: str, message: str, fields=(), task=None):
    """File the results report; ``message`` is the error for a blank one.

    ``fields`` are the kind's own columns of the report, already set on ``matter``.
    """
    require_status(matter, Shared.REPORTING)
    if not text.strip():
        raise ValidationError({"text": message})
    matter.report_text = text
    matter.report_submitted_at = timezone.now()
    move(
        matter,
        Shared.REPORTED,
        audit.Action.REPORT_SUBMITTED,
        actor=actor,
        role=Role.UNIT_STAFF,
        fields=("report_text", "report_submitted_at", *fields),
        task=task,
    )
    notify(Event.TASK_ASSIGNED, matter, [reviewer_of(matter)], actor=actor, task=task)
    return matter


# -- the unit head and the focal agency ------------------------------------------------


@atomic
def endorse(matter, *, actor, comment="", task=None):
    """The unit head signs the matter off to the focal agency (never their own)."""
    require_status(matter, Shared.SUBMITTED)
    refuse_own_endorsement(matter, actor)
    move(
        matter,
        Shared.IN_REVIEW,
        audit.Action.ENDORSED,
        actor=actor,
        role=Role.UNIT_HEAD,
        comment=comment,
        task=task,
    )
    notify(Event.TASK_QUEUED, matter, reviewer_or_reviewers(matter), actor=actor, task=task)
    return matter


@atomic
def return_to_submitter(matter, *, actor, comment: str, stage: str, task=None):
    """Send the matter back to its submitter for revision, from endorsement or review.

    ``returned_from`` remembers the stage, so that the revision goes back to it.
    """
    by_head = stage == Shared.ENDORSEMENT
    require_status(matter, Shared.SUBMITTED if by_head else Shared.IN_REVIEW)
    require_comment(comment, _("Hãy ghi rõ nội dung cần chỉnh sửa, bổ sung."))
    if not by_head:
        matter.reviewer = actor
    matter.returned_from = stage
    move(
        matter,
        Shared.RETURNED,
        audit.Action.RETURNED,
        actor=actor,
        role=Role.UNIT_HEAD if by_head else Role.DEPARTMENT_REVIEWER,
        fields=("returned_from", "reviewer"),
        comment=comment,
        task=task,
    )
    to = [matter.submitted_by]
    notify(Event.RETURNED, matter, to, actor=actor, task=task, comment=comment)
    return matter


@atomic
def forward(matter, status, *, actor, comment="", payload=None, task=None):
    """The reviewer takes the matter up and sends it on to ``status``.

    The security agency is told when it goes to the security check.
    """
    require_status(matter, Shared.IN_REVIEW)
    matter.reviewer = actor
    move(
        matter,
        status,
        audit.Action.FORWARDED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        fields=("reviewer",),
        comment=comment,
        payload=payload if payload is not None else {"to": status},
        task=task,
    )
    if status == Shared.SECURITY_CHECK:
        notify_security(matter, actor=actor, task=task)
    return matter


@atomic
def acknowledge(matter, *, actor, comment="", task=None):
    """The focal agency accepts the results report; the matter is complete."""
    require_status(matter, Shared.REPORTED)
    move(
        matter,
        Shared.COMPLETED,
        audit.Action.ACKNOWLEDGED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        comment=comment,
        task=task,
    )
    return matter


# -- decisions: the reviewer's or a leader's ------------------------------------------


@atomic
def reject(matter, *, actor, comment: str, task=None):
    """A leader refuses the matter at the approval step; the flow ends.

    Nobody decides their own matter (``refuse_own_decision``), whatever its kind. The
    reviewer does not refuse: they propose it (``Rejection.propose``).
    """
    require_status(matter, Shared.AWAITING_APPROVAL)
    require_comment(comment, _("Hãy ghi rõ lý do không chấp thuận."))
    refuse_own_decision(matter, actor)
    _refused(matter, actor=actor, role=Role.LEADER, comment=comment, task=task)
    return matter


def _refused(matter, *, actor, role, comment, task=None):
    """Record the refusal of ``matter`` by ``actor`` as ``role``, and tell its submitter.

    A leader's refusal is a decision of the leadership (``approver``, ``decided_at``).
    """
    if role == Role.LEADER:
        matter.approver, matter.decided_at = actor, timezone.now()
    move(
        matter,
        Shared.REJECTED,
        audit.Action.REJECTED,
        actor=actor,
        role=role,
        fields=("approver", "decided_at"),
        comment=comment,
        task=task,
    )
    notify(Event.REJECTED, matter, [matter.submitted_by], actor=actor, task=task, comment=comment)


class Rejection:
    """A kind's rejection at review: the reviewer proposes it, the one who decides it
    confirms it (the matter is refused, with the reviewer's reason) or overrules it (the
    matter goes back to the reviewer, with the decider's comment).

    Who decides (``decider``): the Chairman for the matters he decides himself (the
    kind's ``approver_for(matter)`` is the Chairman: a delegation led by a Vice-Chairman
    or above, an agreement, a foreign NGO aid...), the head of the agency that reviews
    the matter for the others. A kind binds one: ``rejection = Rejection(approver_for)``.
    """

    def __init__(self, approver_for):
        self.approver_for = approver_for

    def decider(self, matter) -> tuple[Role, object]:
        """Return the role that decides the proposed rejection of ``matter`` and the
        person it goes to (None: any head of the reviewing agency takes it up)."""
        approver = self.approver_for(matter)
        if approver is not None and approver == Province.current().chairman:
            return Role.LEADER, approver
        return Role.DEPARTMENT_HEAD, None

    def deciders(self, matter) -> list:
        """Return who is told of the proposal: the deciding leader, or the agency's heads."""
        role, person = self.decider(matter)
        return [person] if person is not None else department(role, matter)

    def propose(self, matter, *, actor, comment: str, task=None):
        return propose_rejection(matter, actor=actor, comment=comment, rejection=self, task=task)

    def confirm(self, matter, *, actor, comment="", task=None):
        return confirm_rejection(matter, actor=actor, comment=comment, rejection=self, task=task)

    def overrule(self, matter, *, actor, comment: str, task=None):
        return overrule_rejection(matter, actor=actor, comment=comment, rejection=self, task=task)


@atomic
def propose_rejection(matter, *, actor, comment: str, rejection, task=None):
    """The reviewer proposes to refuse the matter, with the reason; it waits for the one
    who decides (``rejection.decider``), who is told."""
    require_status(matter, Shared.IN_REVIEW)
    require_comment(comment, _("Hãy ghi rõ lý do đề nghị không chấp thuận."))
    matter.reviewer = actor
    move(
        matter,
        Shared.REJECTION_PROPOSED,
        audit.Action.REJECTION_PROPOSED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        fields=("reviewer",),
        comment=comment,
        task=task,
    )
    to = rejection.deciders(matter)
    notify(Event.TASK_ASSIGNED, matter, to, actor=actor, task=task, comment=comment)
    return matter


def proposed_reason(matter) -> str:
    """Return the reason the reviewer gave with the last proposal to refuse ``matter``."""
    from audit.selectors import timeline

    entry = timeline(matter).filter(action=audit.Action.REJECTION_PROPOSED).last()
    return entry.comment if entry is not None else ""


def _require_decider(matter, actor, rejection) -> Role:
    """Return the role ``actor`` decides the proposal in; refuse anyone else."""
    role, person = rejection.decider(matter)
    if person is not None and actor != person and not acts_for(actor, person.pk):
        raise PermissionDenied(_("Chỉ lãnh đạo có thẩm quyền mới quyết định đề nghị này."))
    require_role(actor, role, seat(matter, role))
    if role == Role.LEADER:
        refuse_own_decision(matter, actor)
    return role


@atomic
def confirm_rejection(matter, *, actor, comment="", rejection, task=None):
    """The decider agrees: the matter is refused with the reviewer's reason (and the
    decider's comment, if any), and its unit is told."""
    require_status(matter, Shared.REJECTION_PROPOSED)
    role = _require_decider(matter, actor, rejection)
    reason = "\n".join(part for part in (proposed_reason(matter), comment.strip()) if part)
    _refused(matter, actor=actor, role=role, comment=reason, task=task)
    return matter


@atomic
def overrule_rejection(matter, *, actor, comment: str, rejection, task=None):
    """The decider disagrees: the matter goes back to its reviewer, with the comment."""
    require_status(matter, Shared.REJECTION_PROPOSED)
    require_comment(comment, _("Hãy ghi rõ ý kiến chỉ đạo để chuyên viên thẩm định tiếp."))
    role = _require_decider(matter, actor, rejection)
    move(
        matter,
        Shared.IN_REVIEW,
        audit.Action.REJECTION_OVERRULED,
        actor=actor,
        role=role,
        comment=comment,
        task=task,
    )
    to = reviewer_or_reviewers(matter)
    notify(Event.RETURNED, matter, to, actor=actor, task=task, comment=comment)
    return matter


@atomic
def approve(matter, *, actor, comment="", fields=(), prepare=None, task=None):
    """A leader approves the matter (never their own).

    ``prepare(matter)``, run after the checks, lets a kind check and set its own
    ``fields`` of the decision.
    """
    require_status(matter, Shared.AWAITING_APPROVAL)
    refuse_own_decision(matter, actor)
    if prepare is not None:
        prepare(matter)
    matter.approver, matter.decided_at = actor, timezone.now()
    issuance.approved(matter)
    move(
        matter,
        Shared.APPROVED,
        audit.Action.APPROVED,
        actor=actor,
        role=Role.LEADER,
        fields=("approver", "decided_at", *fields),
        comment=comment,
        task=task,
    )
    to = [matter.submitted_by, reviewer_of(matter)]
    notify(Event.APPROVED, matter, to, actor=actor, task=task, comment=comment)
    return matter


@atomic
def return_to_department(
    matter, *, actor, comment: str, status=Shared.IN_REVIEW, to=None, task=None
):
    """A leader sends the matter back to the focal agency, at ``status``.

    ``to`` are the users told (by default the matter's reviewer, or every reviewer).
    """
    require_status(matter, Shared.AWAITING_APPROVAL)
    require_comment(comment, _("Hãy ghi rõ nội dung cần cơ quan ngoại vụ làm rõ."))
    move(
        matter,
        status,
        audit.Action.RETURNED,
        actor=actor,
        role=Role.LEADER,
        comment=comment,
        payload={"to": "department"},
        task=task,
    )
    to = reviewer_or_reviewers(matter) if to is None else to
    notify(Event.RETURNED, matter, to, actor=actor, task=task, comment=comment)
    return matter
