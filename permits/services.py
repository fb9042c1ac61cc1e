"""Writes on outbound trips (đoàn ra). Every step of the flow calls exactly one of these.

Each function checks the trip is at the step it expects, changes the business status,
writes the audit entry and the notification outbox rows, all in the caller's
transaction; the flow decides what comes next from the status it leaves behind.
``task`` is the viewflow task being completed, passed through to the audit trail.
The steps every kind shares (endorse, return, reject, approve, ...) are those of
``matters.services``, named here as the trip's; what only a trip does is written here.
"""

import datetime
from dataclasses import astuple, dataclass

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
import workdays
from matters import files, issuance, steps
from matters import services as shared
from notifications import Event
from organizations.models import Province, Role, StaffProfile
from organizations.selectors import name_key, staff_named
from people import services as people
from people.models import Person

from .models import Attachment, OutboundTrip, Status, TripMember

APPROVER_IS_CHAIRMAN_FOR = (
    StaffProfile.LeaderLevel.CHAIRMAN,
    StaffProfile.LeaderLevel.VICE_CHAIRMAN,
)


@dataclass(frozen=True)
class MemberData:
    full_name: str
    position: str
    unit_name: str
    delegation_role: str = TripMember.DelegationRole.MEMBER
    leader_level: str = StaffProfile.LeaderLevel.OTHER
    is_party_committee_managed: bool = False
    # The registry's person chosen in the member form (ADR 0016), or None: the member is
    # then found in, or added to, the registry by name, unit and date of birth.
    person_id: int | None = None
    date_of_birth: datetime.date | None = None


# -- helpers -----------------------------------------------------------------------------


def trip_url(trip: OutboundTrip) -> str:
    return reverse("outbound_trip", args=[trip.pk])


# -- the unit: submit, revise, withdraw, report ------------------------------------------


def validate_trip(fields: dict, members: list[MemberData]) -> None:
    """Raise ValidationError (field → Vietnamese message) for a trip that cannot be sent."""
    errors = {}
    start, end = fields.get("start_date"), fields.get("end_date")
    if start and end and end < start:
        errors["end_date"] = _("Ngày về phải sau hoặc trùng ngày đi.")
    if not fields.get("countries"):
        errors["countries"] = _("Hãy chọn ít nhất một quốc gia đến.")
    if not members:
        errors["members"] = _("Đoàn phải có ít nhất một thành viên.")
    else:
        heads = [m for m in members if m.delegation_role == TripMember.DelegationRole.HEAD]
        if len(heads) != 1:
            errors["members"] = _("Đoàn phải có đúng một trưởng đoàn.")
    amount = fields.get("funding_amount")
    if amount is not None and amount < 0:
        errors["funding_amount"] = _("Dự toán kinh phí không được âm.")
    if errors:
        raise ValidationError(errors)


def _replace_members(trip: OutboundTrip, members: list[MemberData], *, new=False, actor=None):
    """Replace the delegation, each member linked to its person in the registry and to
    the staff member of that name.

    The link lets the rule "nobody approves a trip they travel on" see a leader typed
    in by name; the reviewer confirms or removes it (``forward``). A ``new`` trip, made
    in this transaction, has no members yet to delete.
    """
    linked = staff_named(m.full_name for m in members)
    persons = _persons_of(members, actor=actor, unit=trip.unit)
    if not new:
        trip.members.all().delete()
    trip.forget("members")
    TripMember.objects.bulk_create(
        TripMember(
            trip=trip,
            order=index,
            user_id=linked.get(name_key(member.full_name)),
            person=persons[index],
            **_member_fields(member, persons[index]),
        )
        for index, member in enumerate(members, start=1)
    )


def _member_fields(member: MemberData, person: Person) -> dict:
    fields = {k: v for k, v in member.__dict__.items() if k not in ("person_id", "date_of_birth")}
    # The Party-committee flag is the focal agency's, on the person; the unit may add it.
    fields["is_party_committee_managed"] = (
        member.is_party_committee_managed or person.is_party_committee_managed
    )
    return fields


def add_members(trip: OutboundTrip, members: list[MemberData], *, actor) -> None:
    """Record the delegation of a trip made outside the flow (an imported past record)."""
    _replace_members(trip, members, new=True, actor=actor)


def _persons_of(members: list[MemberData], *, actor, unit) -> dict[int, Person]:
    """Return {row number: person} for ``members``: the one chosen, else found or added."""
    chosen = Person.objects.in_bulk([m.person_id for m in members if m.person_id])
    persons = {}
    for index, member in enumerate(members, start=1):
        person = chosen.get(member.person_id)
        if person is None:
            person = people.person_for_member(
                actor=actor,
                full_name=member.full_name,
                unit_name=member.unit_name,
                position=member.position,
                leader_level=member.leader_level,
                date_of_birth=member.date_of_birth,
                unit=unit,
            )
        persons[index] = person
    return persons


def _member_data(member: TripMember) -> MemberData:
    fields = {
        name: getattr(member, name)
        for name in MemberData.__dataclass_fields__
        if name != "date_of_birth"
    }
    return MemberData(**fields)


def _same(member: MemberData) -> tuple:
    """Return what makes two member rows the same entry (the date of birth typed aside)."""
    return astuple(member)[:-1]


def delegation_changed(trip: OutboundTrip, members: list[MemberData]) -> bool:
    """Return True if ``members`` brings someone new or another head of delegation.

    Leaving people out is no change of substance: the unit head endorsed each of them.
    A row typed in without a person is compared by its typed fields only.
    """
    before = [_member_data(m) for m in trip.members.all()]
    old = {_same(m) for m in before} | {
        _same(MemberData(**{**m.__dict__, "person_id": None})) for m in before
    }
    head = [m.full_name for m in before if m.delegation_role == TripMember.DelegationRole.HEAD]
    new_head = [m.full_name for m in members if m.delegation_role == TripMember.DelegationRole.HEAD]
    return head != new_head or any(_same(m) not in old for m in members)


# Not the form's to check: set by the service, or checked by the form's own choices.
EXCLUDED = ["reference", "submitted_by", "unit", "purpose"]


@steps.atomic
def submit_trip(*, unit, actor, fields: dict, members: list[MemberData], task=None):
    """Create a trip for ``unit`` and send it to the unit head for endorsement."""
    shared.require_staff(actor, unit)
    validate_trip(fields, members)
    kept = {k: v for k, v in fields.items() if k != "countries"}
    trip = shared.new_matter(OutboundTrip, "DR", unit=unit, actor=actor, **kept)
    trip.countries = fields["countries"]
    # validate_trip checked the dates: no query to check the constraint again.
    trip.full_clean(exclude=EXCLUDED, validate_constraints=False)
    trip.save()
    _replace_members(trip, members, new=True, actor=actor)
    return shared.submitted(trip, actor=actor, task=task)


# What the unit head endorses: a revision that changes one goes back to the head.
SUBSTANTIVE = ("countries", "start_date", "end_date", "members")


def resubmit(trip, *, actor, fields: dict, members: list[MemberData], comment="", task=None):
    """Save the submitter's revision and send the trip back to the step that returned it,
    or to the unit head when the destination, the dates or the delegation changed."""

    def revise(trip):
        validate_trip(fields, members)
        # The form may have set the new values on ``trip`` already: compare with the row.
        stored = OutboundTrip.objects.get(pk=trip.pk)
        changed = [k for k, v in fields.items() if getattr(stored, k) != v]
        if delegation_changed(trip, members):
            changed.append("members")
        changed.sort()
        for name, value in fields.items():
            setattr(trip, name, value)
        trip.full_clean(exclude=EXCLUDED, validate_constraints=False)
        trip.security_vetted = False  # new members, not vetted yet
        _replace_members(trip, members, actor=actor)
        return {"changed": changed, "members": len(members)}

    return shared.resubmit(
        trip, actor=actor, revise=revise, substantive=SUBSTANTIVE, comment=comment, task=task
    )


WITHDRAWABLE = (
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.RETURNED,
    Status.REJECTION_PROPOSED,
    Status.PARTY_OPINION,
    Status.SECURITY_CHECK,
    Status.AWAITING_APPROVAL,
)


def withdraw(trip, *, actor, comment=""):
    """Withdraw a trip that leadership has not yet approved (the submitter only)."""
    return shared.withdraw(trip, actor=actor, withdrawable=WITHDRAWABLE, comment=comment)


def can_withdraw(trip, user) -> bool:
    return shared.can_withdraw(trip, user, WITHDRAWABLE)


def open_report(trip, *, task=None):
    """The delegation is back: ask the unit for its results report (due in 15 days)."""
    trip.report_due_on = workdays.due_date("outbound.report", trip.end_date)
    return shared.open_report(trip, task=task)


def submit_report(trip, *, actor, text: str, task=None):
    """File the results report of a trip (or a visit) that has come back."""
    message = _("Hãy nhập nội dung báo cáo kết quả chuyến đi.")
    return shared.submit_report(trip, actor=actor, text=text, message=message, task=task)


# -- the unit head ------------------------------------------------------------------------

endorse = shared.endorse
return_to_submitter = shared.return_to_submitter


# -- the focal agency (Sở Ngoại vụ) ---------------------------------------------------------


@steps.atomic
def forward(trip, *, actor, comment="", unlink=(), task=None):
    """The reviewer forwards the trip: to the Party opinion step if needed, else security.

    The reviewer removes the links of the members in ``unlink`` (ids) to the staff
    members of the same name, and confirms the others (the audit entry names them).
    """
    payload = {"to": Status.PARTY_OPINION if trip.needs_party_opinion else Status.SECURITY_CHECK}
    dropped = [m for m in trip.read_once("members") if m.pk in set(unlink) and m.user_id]
    if unlink:
        payload["unlinked"] = [m.full_name for m in dropped]
    if dropped:
        TripMember.objects.filter(pk__in=[m.pk for m in dropped]).update(user=None)
        for member in dropped:
            member.user = None
    payload["linked"] = [[m.full_name, m.user_id] for m in trip.read_once("members") if m.user_id]
    return shared.forward(
        trip, payload["to"], actor=actor, comment=comment, payload=payload, task=task
    )


reject = shared.reject
acknowledge = shared.acknowledge


@steps.atomic
def record_party_opinion(trip, *, actor, number: str, date, content: str, comment="", task=None):
    """Record the Party Standing Committee's written opinion, then go to security."""
    steps.require_status(trip, Status.PARTY_OPINION)
    errors = {}
    if not number.strip():
        errors["number"] = _("Hãy nhập số văn bản ý kiến.")
    if date is None:
        errors["date"] = _("Hãy nhập ngày của văn bản ý kiến.")
    elif date > timezone.localdate():
        errors["date"] = _("Ngày văn bản không được sau ngày hôm nay.")
    if not content.strip():
        errors["content"] = _("Hãy tóm tắt nội dung ý kiến.")
    if errors:
        raise ValidationError(errors)
    trip.party_opinion_number = number.strip()
    trip.party_opinion_date = date
    trip.party_opinion_content = content
    steps.move(
        trip,
        Status.SECURITY_CHECK,
        audit.Action.PARTY_OPINION_RECORDED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        fields=("party_opinion_number", "party_opinion_date", "party_opinion_content"),
        comment=comment,
        payload={"number": trip.party_opinion_number, "date": date.isoformat()},
        task=task,
    )
    steps.notify_security(trip, actor=actor, task=task)
    return trip


# -- the security check (Công an tỉnh) ------------------------------------------------------


@steps.atomic
def security_check(trip, *, actor, verdicts: dict, notes="", comment="", task=None):
    """Record a verdict per member; any objection sends the trip back to the reviewer.

    ``verdicts`` maps member id → (verdict, note). Every member needs a verdict, and an
    objection needs its reason.
    """
    steps.require_status(trip, Status.SECURITY_CHECK)
    members = {m.pk: m for m in trip.read_once("members")}
    apply_verdicts(members, verdicts)
    TripMember.objects.bulk_update(members.values(), ["security_verdict", "security_note"])
    objected = [m for m in members.values() if m.security_verdict == TripMember.Verdict.OBJECTED]
    trip.security_notes = notes
    trip.security_vetted = True
    steps.move(
        trip,
        Status.IN_REVIEW if objected else Status.AWAITING_APPROVAL,
        audit.Action.SECURITY_OBJECTED if objected else audit.Action.SECURITY_CLEARED,
        actor=actor,
        role=Role.SECURITY_OFFICER,
        fields=("security_notes", "security_vetted"),
        comment=comment,
        payload={"verdicts": {str(pk): m.security_verdict for pk, m in members.items()}},
        task=task,
    )
    if objected:
        to = steps.reviewer_or_reviewers(trip)
        steps.notify(Event.SECURITY_OBJECTION, trip, to, actor=actor, task=task, comment=comment)
    else:
        steps.notify(Event.TASK_ASSIGNED, trip, [approver_for(trip)], actor=actor, task=task)
    return trip


def apply_verdicts(people: dict, verdicts: dict) -> None:
    """Set each person's verdict and note from ``verdicts`` (id → (verdict, note)).

    Raise ValidationError unless every person has a verdict and every objection a reason.
    """
    errors = []
    for pk, person in people.items():
        verdict, note = verdicts.get(pk, (TripMember.Verdict.PENDING, ""))
        if verdict == TripMember.Verdict.PENDING:
            errors.append(_("Chưa có kết quả thẩm tra cho %(name)s.") % {"name": person.full_name})
        elif verdict == TripMember.Verdict.OBJECTED and not note.strip():
            errors.append(
                _("Hãy ghi lý do không đồng ý với %(name)s.") % {"name": person.full_name}
            )
        person.security_verdict, person.security_note = verdict, note.strip()
    if errors:
        raise ValidationError({"verdicts": errors})


# -- leadership (UBND tỉnh) ------------------------------------------------------------------


def approver_for(trip):
    """Return the leader who decides: the Chairman when a Vice-Chairman or above leads,
    or when the leader in charge of foreign affairs travels with the delegation."""
    province = Province.current()
    head = trip.head
    if head is not None and head.leader_level in APPROVER_IS_CHAIRMAN_FOR:
        return province.chairman
    leader = province.foreign_affairs_leader
    if leader is None or any(m.user_id == leader.pk for m in trip.read_once("members")):
        return province.chairman
    return leader


# The reviewer proposes a refusal; the Chairman (his matters) or the agency head decides.
rejection = shared.Rejection(approver_for)


def approve(trip, *, actor, comment="", task=None):
    """A leader approves the trip; the decision is issued right after (issue_decision)."""
    return shared.approve(trip, actor=actor, comment=comment, task=task)


return_to_department = shared.return_to_department


@steps.atomic
def decision_document(trip) -> Attachment:
    """Return the trip's Word decision, making and storing it the first time it is asked for."""
    from .documents import decision_docx

    return issued_document(
        trip,
        kind=Attachment.Kind.DECISION,
        stem="Quyet-dinh",
        missing=_("Hồ sơ chưa có quyết định."),
        build=lambda locked: issuance.with_submission(
            decision_docx,
            locked,
            number=locked.decision_number,
            signed_on=locked.decision_date,
            signer=locked.approver,
        ),
    )


def decision_draft(trip, document) -> bytes:
    """The draft decision the leader signs: no number, no date (ADR 0012)."""
    from .documents import decision_docx

    def build(draft, submission):
        return decision_docx(
            draft,
            number=None,
            signed_on=None,
            signer=draft.approver,
            submission=submission,
        )

    return issuance.draft_bytes(build, trip, document)


def issued_document(matter, *, kind: str, stem: str, missing: str, build) -> Attachment:
    """Return the Word file of a trip's or visit's numbered document (``matters.files``)."""
    return files.issued_document(
        matter, model=Attachment, kind=kind, stem=stem, missing=missing, build=build
    )


@steps.atomic
def stored_document(owner, *, kind: str, name: str, build) -> Attachment:
    """Return a trip's or visit's generated ``kind`` file (``matters.files``)."""
    return files.stored_document(owner, model=Attachment, kind=kind, name=name, build=build)


# -- personal data of the members ------------------------------------------------------------


@steps.atomic
def reveal_member_identity(member: TripMember, *, actor, role: Role) -> dict:
    """Return a member's identity number and date of birth in full, and audit the reveal.

    Whether ``actor`` may see them (the security officer or the reviewer on the task at
    hand) is the caller's business.
    """
    person = member.person
    steps.record(
        audit.Action.PERSONAL_DATA_VIEWED,
        member.trip,
        actor=actor,
        role=role,
        payload={
            "member": member.pk,
            "person": person.pk if person else None,
            "fields": ["identity_number", "date_of_birth"],
        },
    )
    if person is None:
        return {"identity_number": "", "date_of_birth": None}
    return {"identity_number": person.identity_number, "date_of_birth": person.date_of_birth}
