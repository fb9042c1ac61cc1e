"""Writes on international conferences. Every step of ConferenceFlow calls one of these.

As for every kind of matter, the shared steps (``matters.services``) and the consultation
(``matters.consultation``) are bound here; what is the conference's own: the request and
its lead time, the Prime Minister's branch, the approval letter and the results report
with the participants who came.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries as country_list

import audit
import workdays
from matters import files, issuance, steps
from matters import services as shared
from matters.consultation import Consultation
from notifications import Event
from organizations.models import Province, Role

from . import policy
from .models import Conference, ConferenceAttachment, Status

PREFIX = "HN"  # HN-2026-SCT-001
FIELDS = (
    "title",
    "kind",
    "content",
    "format",
    "place",
    "start_date",
    "end_date",
    "organisers",
    "foreign_partners",
    "funding_source",
    "funding_amount",
    "participants_vietnamese",
    "participants_foreign",
    "countries",
    "sensitive_topics",
    "needs_pm_approval",
)
# What the unit head endorses: a revision that changes one goes back to the head.
SUBSTANTIVE = ("content", "start_date", "end_date", "countries", "sensitive_topics")
WITHDRAWABLE = (
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.RETURNED,
    Status.REJECTION_PROPOSED,
    Status.CONSULTING,
    Status.SYNTHESIS,
    Status.AWAITING_APPROVAL,
    Status.AWAITING_PM,
)

# -- the organising unit ----------------------------------------------------------------


def _apply(conference, fields: dict) -> list[str]:
    """Set ``fields`` on ``conference``, check them; return the names that changed."""
    stored = Conference.objects.filter(pk=conference.pk).first() if conference.pk else None
    changed = sorted(
        name
        for name, value in fields.items()
        if name in FIELDS and stored is not None and getattr(stored, name) != value
    )
    for name in FIELDS:
        if name in fields:
            setattr(conference, name, fields[name])
    conference.participants_planned = (
        conference.participants_vietnamese + conference.participants_foreign
    )
    errors = {}
    if not conference.participants_planned:
        errors["participants_vietnamese"] = _("Hãy nhập số đại biểu dự kiến.")
    if conference.participants_foreign and not conference.countries:
        errors["countries"] = _("Hãy chọn quốc gia của đại biểu nước ngoài.")
    if conference.funding_amount and not conference.funding_source:
        errors["funding_source"] = _("Hãy chọn nguồn kinh phí.")
    unknown = set(conference.sensitive_topics) - set(Conference.Topic.values)
    if unknown:
        errors["sensitive_topics"] = _("Nội dung nhạy cảm không hợp lệ.")
    if errors:
        raise ValidationError(errors)
    conference.full_clean(exclude=["reference", "submitted_by", "unit"])
    return changed


@steps.atomic
def submit(*, unit, actor, fields: dict, task=None) -> Conference:
    """Create ``unit``'s request and send it to its head; refuse it inside the lead time."""
    shared.require_staff(actor, unit)
    conference = shared.new_matter(Conference, PREFIX, unit=unit, actor=actor)
    _apply(conference, fields)
    late = policy.lead_time_error(conference, timezone.localdate())
    if late:
        raise ValidationError({"start_date": late})
    conference.save()
    return shared.submitted(conference, actor=actor, task=task)


def resubmit(conference, *, actor, fields: dict, comment="", task=None) -> Conference:
    """Save the submitter's revision and send it back to the step that returned it, or
    to the unit head when the content, the dates, the countries or the topics changed.

    A revision is not refused for its lead time (the request was filed in time); the
    reviewer sees the warning instead (``policy.warnings_for``).
    """
    return shared.resubmit(
        conference,
        actor=actor,
        revise=lambda conference: {"changed": _apply(conference, fields)},
        substantive=SUBSTANTIVE,
        comment=comment,
        task=task,
    )


# The submitter withdraws a request not yet decided.
can_withdraw, withdraw = shared.withdrawal(WITHDRAWABLE)


# -- the unit head and the focal agency's review ------------------------------------------

endorse = shared.endorse
return_to_submitter = shared.return_to_submitter
reject = shared.reject
acknowledge = shared.acknowledge


# -- consultation (Art. 5: the agencies concerned answer within 15 days) -------------------

consultation = Consultation(
    step_key="conference.opinion",
    asked_in=Status.IN_REVIEW,
    consulting=Status.CONSULTING,
    answered=Status.SYNTHESIS,
)
accept = consultation.accept
request_opinions = consultation.request
give_opinion = consultation.give
cancel_opinion = consultation.cancel


def synthesize(conference, *, actor, summary: str, comment="", task=None) -> Conference:
    """The focal agency head sums the opinions up for the leader who decides."""
    return consultation.synthesize(
        conference,
        actor=actor,
        summary=summary,
        to=approver_for(conference),
        comment=comment,
        task=task,
    )


# -- leadership (UBND tỉnh), or the Prime Minister through it (Art. 3) ----------------------


def approver_for(conference):
    """Return who decides: the Chairman signs what goes to the Prime Minister; the leader
    in charge of foreign affairs allows the others."""
    province = Province.current()
    if conference.requires_prime_minister:
        return province.chairman
    return province.foreign_affairs_leader or province.chairman


# The reviewer proposes a refusal; the Chairman (his matters) or the agency head decides.
rejection = shared.Rejection(approver_for)


def approve(conference, *, actor, comment="", task=None) -> Conference:
    """The leader allows the conference; one that is the Prime Minister's goes to him."""

    def prepare(conference):
        if conference.requires_prime_minister:
            raise ValidationError(
                {"decision": _("Hội nghị thuộc thẩm quyền của Thủ tướng: hãy trình Thủ tướng.")}
            )

    return shared.approve(conference, actor=actor, comment=comment, prepare=prepare, task=task)


def return_to_department(conference, *, actor, comment: str, task=None) -> Conference:
    """The leader sends the synthesis back to the focal agency's head."""
    return shared.return_to_department(
        conference,
        actor=actor,
        comment=comment,
        status=Status.SYNTHESIS,
        to=steps.department(Role.DEPARTMENT_HEAD),
        task=task,
    )


@steps.atomic
def forward_to_prime_minister(conference, *, actor, comment="", task=None) -> Conference:
    """The Chairman submits the request to the Prime Minister (Art. 5 cl. 1)."""
    steps.require_status(conference, Status.AWAITING_APPROVAL)
    steps.refuse_own_decision(conference, actor)
    if not conference.requires_prime_minister:
        raise ValidationError(
            {"decision": _("Hội nghị thuộc thẩm quyền của UBND tỉnh, không trình Thủ tướng.")}
        )
    conference.approver, conference.pm_sent_on = actor, timezone.localdate()
    steps.move(
        conference,
        Status.AWAITING_PM,
        audit.Action.FORWARDED,
        actor=actor,
        role=Role.LEADER,
        fields=("approver", "pm_sent_on"),
        comment=comment,
        payload={"to": "prime_minister"},
        task=task,
    )
    to = steps.reviewer_or_reviewers(conference)
    steps.notify(Event.TASK_ASSIGNED, conference, to, actor=actor, task=task)
    return conference


@steps.atomic
def record_pm_answer(
    conference, *, actor, allowed: bool, answer: str, answered_on, comment="", task=None
) -> Conference:
    """The focal agency records the Prime Minister's answer: allowed, or not."""
    steps.require_status(conference, Status.AWAITING_PM)
    if not answer.strip():
        raise ValidationError({"answer": _("Hãy nhập số, ký hiệu văn bản trả lời.")})
    if answered_on is None or not conference.pm_sent_on <= answered_on <= timezone.localdate():
        raise ValidationError(
            {"answered_on": _("Ngày trả lời phải từ ngày trình Thủ tướng đến hôm nay.")}
        )
    if not allowed:
        steps.require_comment(comment, _("Hãy ghi rõ lý do Thủ tướng không cho phép."))
    conference.pm_answer, conference.pm_answered_on = answer.strip(), answered_on
    conference.decided_at = timezone.now()
    if allowed:
        issuance.approved(conference)
    steps.move(
        conference,
        Status.APPROVED if allowed else Status.REJECTED,
        audit.Action.APPROVED if allowed else audit.Action.REJECTED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        fields=("pm_answer", "pm_answered_on", "decided_at"),
        comment=comment,
        payload={"by": "prime_minister", "answer": conference.pm_answer},
        task=task,
    )
    event = Event.APPROVED if allowed else Event.REJECTED
    to = [conference.submitted_by]
    steps.notify(event, conference, to, actor=actor, task=task, comment=comment)
    return conference


# -- the approval letter, the event, the results report -----------------------------------


def letter_document(conference) -> ConferenceAttachment:
    """Return the conference's Word approval letter, made the first time it is asked for."""
    from .documents import approval_letter_docx

    return files.issued_document(
        conference,
        model=ConferenceAttachment,
        kind=ConferenceAttachment.Kind.APPROVAL_LETTER,
        stem="Cong-van",
        missing=_("Hồ sơ chưa có văn bản cho phép."),
        build=lambda locked: issuance.with_submission(approval_letter_docx, locked),
    )


def letter_draft(conference, document) -> bytes:
    """The draft letter allowing the conference, for the leader to sign (ADR 0012)."""
    from .documents import approval_letter_docx

    return issuance.draft_bytes(approval_letter_docx, conference, document)


def open_report(conference, *, due_on: datetime.date | None = None, task=None) -> Conference:
    """The conference is over: ask the unit for its results report, due on ``due_on``
    (default: the "conference.report" due date, the one its task shows)."""
    conference.report_due_on = due_on or workdays.due_date("conference.report", conference.end_date)
    return shared.open_report(conference, task=task)


def submit_report(
    conference, *, actor, text: str, participants: int, foreign: dict, task=None
) -> Conference:
    """File the results report: who came (foreign participants by country) and outcomes."""
    known = dict(country_list)
    if participants is None or participants < 0:
        raise ValidationError({"participants": _("Hãy nhập số đại biểu thực tế tham dự.")})
    if any(code not in known or count < 0 for code, count in foreign.items()):
        raise ValidationError({"foreign": _("Quốc gia hoặc số đại biểu không hợp lệ.")})
    if sum(foreign.values()) > participants:
        raise ValidationError(
            {"foreign": _("Số đại biểu nước ngoài vượt quá tổng số đại biểu tham dự.")}
        )
    conference.participants_actual = participants
    conference.foreign_actual = {code: n for code, n in sorted(foreign.items()) if n}
    return shared.submit_report(
        conference,
        actor=actor,
        text=text,
        message=_("Hãy nhập kết quả hội nghị, hội thảo."),
        fields=("participants_actual", "foreign_actual"),
        task=task,
    )
