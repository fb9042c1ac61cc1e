"""Writes on international agreements. Every step of the flow calls exactly one of these.

As for every kind of matter (the toolkit ``matters.steps``, the shared steps
``matters.services``): each function checks the agreement is at the step it expects,
changes the business status, writes the audit entry and the notification outbox rows in
the caller's transaction; the flow decides what comes next from the status left behind.
``task`` is the viewflow task completed.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
import workdays
from matters import files, issuance, steps
from matters import services as shared
from matters.consultation import Consultation
from notifications import Event, emit
from organizations.models import Province, Role
from organizations.selectors import has_role

from .models import (
    LIFE_CYCLE_STATUSES,
    SIGNED_STATUSES,
    Agreement,
    AgreementAttachment,
    ImplementationReport,
    Status,
)

REPORT_DUE_DAYS = 15  # report to the Prime Minister and MOFA, days after signing
FIELDS = (
    "title",
    "kind",
    "field",
    "partner",
    "partner_kind",
    "partner_country",
    "purpose",
    "content",
    "term",
    "proposed_signer",
    "signer_level",
)
# What the unit head endorses: a revision that changes one goes back to the head.
SUBSTANTIVE = ("partner", "partner_country", "kind", "content")
WITHDRAWABLE = (
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.RETURNED,
    Status.REJECTION_PROPOSED,
    Status.CONSULTING,
    Status.SYNTHESIS,
    Status.AWAITING_APPROVAL,
)

# -- helpers -----------------------------------------------------------------------------


def validate(fields: dict) -> None:
    """Raise ValidationError (field → Vietnamese message) for a proposal that cannot be sent."""
    errors = {
        name: _("Trường này là bắt buộc.")
        for name in ("title", "partner", "partner_country", "purpose", "content")
        if not str(fields.get(name) or "").strip()
    }
    if errors:
        raise ValidationError(errors)


# -- the proposing unit ----------------------------------------------------------------------


@steps.atomic
def submit(*, unit, actor, fields: dict, task=None) -> Agreement:
    """Create a proposal of ``unit`` and send it to the unit head for endorsement."""
    shared.require_staff(actor, unit)
    validate(fields)
    kept = {name: fields[name] for name in FIELDS if name in fields}
    agreement = shared.new_matter(Agreement, "TT", unit=unit, actor=actor, **kept)
    agreement.full_clean(exclude=["reference", "submitted_by", "unit"])
    agreement.save()
    return shared.submitted(agreement, actor=actor, task=task)


def resubmit(agreement, *, actor, fields: dict, comment="", task=None) -> Agreement:
    """Save the submitter's revision and send it back to the step that returned it, or
    to the unit head when the partner, its country, the kind or the content changed."""

    def revise(agreement):
        validate(fields)
        # The form may have set the new values on ``agreement``: compare with the row.
        stored = Agreement.objects.get(pk=agreement.pk)
        changed = sorted(k for k, v in fields.items() if k in FIELDS and getattr(stored, k) != v)
        for name in FIELDS:
            if name in fields:
                setattr(agreement, name, fields[name])
        agreement.full_clean(exclude=["reference", "submitted_by", "unit"])
        return {"changed": changed}

    return shared.resubmit(
        agreement,
        actor=actor,
        revise=revise,
        substantive=SUBSTANTIVE,
        fields=FIELDS,
        comment=comment,
        task=task,
    )


# Who may take each action on the agreement page, whatever the agreement's state: the
# page refuses (403) anyone else before reading the form.
SIDE_ACTION_SEATS = {
    "escalate": Role.LEADER,
    "report": Role.DEPARTMENT_REVIEWER,
    "life_cycle": Role.DEPARTMENT_REVIEWER,
    "implementation": Role.UNIT_STAFF,
}


def holds_seat_for(agreement, user, action: str) -> bool:
    """Return True if ``user`` is the one who may take ``action`` on ``agreement``."""
    if action == "withdraw":
        return user == agreement.submitted_by
    role = SIDE_ACTION_SEATS[action]
    return has_role(user, role, steps.seat(agreement, role))


# The submitter withdraws a request not yet decided.
can_withdraw, withdraw = shared.withdrawal(WITHDRAWABLE)


# -- the unit head and the department's review -------------------------------------------


endorse = shared.endorse
return_to_submitter = shared.return_to_submitter


reject = shared.reject


# -- consultation -----------------------------------------------------------------------------


# Written once for every kind that consults (``matters.consultation``); an agreement's
# agencies have 7 working days, then the department head sums their opinions up.
consultation = Consultation(
    step_key="agreement.opinion",
    asked_in=Status.IN_REVIEW,
    consulting=Status.CONSULTING,
    answered=Status.SYNTHESIS,
)
accept = consultation.accept
request_opinions = consultation.request
give_opinion = consultation.give
cancel_opinion = consultation.cancel
close_consultation_if_done = consultation.close_if_done
_close_consultation_if_done = close_consultation_if_done


def synthesize(agreement, *, actor, summary: str, comment="", task=None) -> Agreement:
    """The department head sums the opinions up for the Chairman; disagreement is flagged."""
    return consultation.synthesize(
        agreement,
        actor=actor,
        summary=summary,
        to=approver_for(agreement),
        comment=comment,
        task=task,
    )


# -- leadership (the Chairman decides, Law 70/2020 Art. 19) -----------------------------------


def approver_for(agreement):
    return Province.current().chairman


# The reviewer proposes a refusal; the Chairman (his matters) or the agency head decides.
rejection = shared.Rejection(approver_for)


@steps.atomic
def escalate_to_prime_minister(agreement, *, actor, sent_on, comment="") -> Agreement:
    """Record that the province asked the Prime Minister, an agency having disagreed."""
    steps.require_status(agreement, Status.AWAITING_APPROVAL)
    steps.require_seat(agreement, actor, Role.LEADER)
    if not agreement.has_disagreement:
        raise ValidationError(_("Không có cơ quan nào không đồng ý."))
    if sent_on is None or sent_on > timezone.localdate():
        raise ValidationError({"sent_on": _("Hãy nhập ngày gửi văn bản, không sau hôm nay.")})
    agreement.escalated_on = sent_on
    steps.save(agreement, "escalated_on")
    steps.record(
        audit.Action.COMMENTED,
        agreement,
        actor=actor,
        role=Role.LEADER,
        comment=comment,
        payload={"escalated_to": "prime_minister", "sent_on": sent_on.isoformat()},
    )
    return agreement


def approve(agreement, *, actor, comment="", pm_consent="", task=None) -> Agreement:
    """The Chairman approves signing; after a disagreement, only with the PM's consent."""

    def prepare(agreement):
        if agreement.has_disagreement and not pm_consent.strip():
            raise ValidationError(
                {"pm_consent": _("Có cơ quan không đồng ý: cần văn bản đồng ý của Thủ tướng.")}
            )
        agreement.pm_consent = pm_consent.strip()

    return shared.approve(
        agreement,
        actor=actor,
        comment=comment,
        fields=("pm_consent",),
        prepare=prepare,
        task=task,
    )


def return_to_department(agreement, *, actor, comment: str, task=None) -> Agreement:
    """The leader sends the synthesis back to the department head."""
    return shared.return_to_department(
        agreement,
        actor=actor,
        comment=comment,
        status=Status.SYNTHESIS,
        to=steps.department(Role.DEPARTMENT_HEAD),
        task=task,
    )


# -- the approval letter (ADR 0012) -----------------------------------------------------------


def letter_document(agreement) -> AgreementAttachment:
    """Return the agreement's numbered approval letter (Word), made when first asked for."""
    from .documents import approval_letter_docx

    return files.issued_document(
        agreement,
        model=AgreementAttachment,
        kind=AgreementAttachment.Kind.APPROVAL_LETTER,
        stem="Cong-van",
        missing=_("Hồ sơ chưa có văn bản chấp thuận."),
        build=lambda locked: issuance.with_submission(approval_letter_docx, locked),
    )


def letter_draft(agreement, document) -> bytes:
    """The draft approval letter the leader signs: no number, no date (ADR 0012)."""
    from .documents import approval_letter_docx

    return issuance.draft_bytes(approval_letter_docx, agreement, document)


# -- after the letter: signing, report, life cycle --------------------------------------------


@steps.atomic
def record_signing(agreement, *, actor, signing: dict, task=None) -> Agreement:
    """Record the signing (date, place, signer, validity); the agreement joins the registry.

    The agreement is signed once the approval letter is issued, and not before it.
    """
    steps.require_status(agreement, Status.ISSUED)
    signed_on, valid_from, valid_until = (
        signing.get(k) for k in ("signed_on", "valid_from", "valid_until")
    )
    if signed_on is None or signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("Hãy nhập ngày ký, không sau hôm nay.")})
    approved_on = timezone.localdate(agreement.decided_at) if agreement.decided_at else None
    if approved_on is not None and signed_on < approved_on:
        raise ValidationError(
            {
                "signed_on": _(
                    "Ngày ký không được trước ngày Chủ tịch UBND tỉnh chấp thuận (%(day)s)."
                )
                % {"day": approved_on.strftime("%d/%m/%Y")}
            }
        )
    letter = agreement.decision_date
    if letter is not None and signed_on < letter:
        raise ValidationError(
            {
                "signed_on": _(
                    "Ngày ký không được trước ngày ban hành văn bản chấp thuận (%(day)s)."
                )
                % {"day": letter.strftime("%d/%m/%Y")}
            }
        )
    if valid_from and valid_until and valid_until < valid_from:
        raise ValidationError({"valid_until": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})
    for name in ("signed_on", "signed_place", "signed_by", "valid_from", "valid_until"):
        setattr(agreement, name, signing.get(name) or getattr(agreement, name))
    steps.move(
        agreement,
        Status.SIGNED,
        audit.Action.UPDATED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        fields=("signed_on", "signed_place", "signed_by", "valid_from", "valid_until"),
        payload={"signed_on": signed_on.isoformat()},
        task=task,
    )
    return agreement


def report_due_on(agreement) -> datetime.date | None:
    if agreement.signed_on is None:
        return None
    return workdays.due_date("agreement.report", agreement.signed_on)


@steps.atomic
def record_report(agreement, *, actor, reported_on) -> Agreement:
    """Record the date of the written report to the Prime Minister (copy to MOFA)."""
    steps.require_status(agreement, *SIGNED_STATUSES)
    steps.require_seat(agreement, actor, Role.DEPARTMENT_REVIEWER)
    if reported_on is None or not agreement.signed_on <= reported_on <= timezone.localdate():
        raise ValidationError({"reported_on": _("Ngày báo cáo phải từ ngày ký đến hôm nay.")})
    agreement.reported_on = reported_on
    agreement.save(update_fields=["reported_on", "updated_at"])
    steps.record(
        audit.Action.REPORT_SUBMITTED,
        agreement,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        payload={"to": "prime_minister", "reported_on": reported_on.isoformat()},
    )
    return agreement


@steps.atomic
def change_life_cycle(agreement, *, actor, status: str, valid_until=None, comment=""):
    """Record that a signed agreement came into force, was amended, extended or ended."""
    steps.require_status(agreement, *SIGNED_STATUSES)
    steps.require_seat(agreement, actor, Role.DEPARTMENT_REVIEWER)
    if status not in LIFE_CYCLE_STATUSES:
        raise ValidationError({"status": _("Trạng thái không hợp lệ.")})
    if status == Status.EXTENDED and valid_until is None:
        raise ValidationError({"valid_until": _("Hãy nhập ngày hết hiệu lực mới.")})
    if valid_until is not None:
        agreement.valid_until = valid_until
    steps.move(
        agreement,
        status,
        audit.Action.UPDATED,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        fields=("valid_until",),
        comment=comment,
        payload={"life_cycle": status},
    )
    return agreement


@steps.atomic
def file_implementation_report(agreement, *, actor, year: int, text: str):
    """The proposing unit reports how the agreement was carried out in ``year``."""
    steps.require_status(agreement, *SIGNED_STATUSES)
    steps.require_seat(agreement, actor, Role.UNIT_STAFF)
    if not text.strip():
        raise ValidationError({"text": _("Hãy nhập nội dung báo cáo.")})
    if agreement.implementation_reports.filter(year=year).exists():
        raise ValidationError({"year": _("Đã có báo cáo của năm này.")})
    report = ImplementationReport.objects.create(
        agreement=agreement, year=year, text=text, submitted_by=actor, submitted_at=timezone.now()
    )
    steps.record(
        audit.Action.REPORT_SUBMITTED,
        agreement,
        actor=actor,
        role=Role.UNIT_STAFF,
        unit=agreement.unit,
        payload={"implementation_year": year},
    )
    return report


def remind_unreported(today: datetime.date | None = None) -> int:
    """Tell the focal agency about each agreement not yet reported after its due date.

    Each agreement is reminded once (the notification key); return how many were found.
    """
    today = today or timezone.localdate()
    overdue = Agreement.objects.signed().filter(
        reported_on__isnull=True,
        signed_on__lt=today - datetime.timedelta(days=REPORT_DUE_DAYS),
    )
    reviewers = steps.department(Role.DEPARTMENT_REVIEWER)
    count = 0
    for agreement in overdue.select_related("reviewer"):
        if report_due_on(agreement) >= today:
            continue  # day 15 fell on a day off: the due date, as the page shows it, is later
        to = [agreement.reviewer] if agreement.reviewer else reviewers
        with transaction.atomic():
            emit(
                Event.REPORT_OVERDUE,
                subject=agreement,
                to=to,
                url=agreement.get_absolute_url(),
                key=f"agreement-report-{agreement.pk}",
            )
        count += 1
    return count
