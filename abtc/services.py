"""Writes on ABTC requests. Every step of AbtcFlow calls one of these.

As for every kind, the shared steps (``matters.services``) and the consultation
(``matters.consultation``) are bound here. What is the travel card's own: the request
with its managers (passports encrypted), the decision manager by manager, the register
of cards and the reminder before a card expires.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from matters import files, issuance, steps
from matters import services as shared
from matters.consultation import Consultation
from notifications import Event, emit
from organizations.models import Province, Role, Unit
from organizations.selectors import users_with_role
from people import personal_data

from . import policy
from .economies import Economy
from .models import AbtcAttachment, AbtcRequest, Manager, Status

PREFIX = "ABTC"  # ABTC-2026-DNHP-001
FIELDS = (
    "enterprise_code",
    "established_on",
    "address",
    "legal_representative",
    "business_lines",
    "apec_partners",
    "purpose",
    "economies",
)
# What the legal representative signed: a revision changing one goes back to them.
SUBSTANTIVE = ("economies", "managers")
WITHDRAWABLE = (
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.RETURNED,
    Status.CONSULTING,
    Status.SYNTHESIS,
    Status.AWAITING_APPROVAL,
)
MAX_MANAGERS = 100


@dataclass
class ManagerData:
    """One manager as the form or an import gives it."""

    full_name: str
    date_of_birth: datetime.date
    position: str
    passport_number: str
    appointment: str = ""


def card_years() -> int:
    """The card's validity (Art. 16: 5 years, not renewed)."""
    return getattr(settings, "ABTC_CARD_YEARS", 5)


def reminder_days() -> int:
    """How many days before a card's expiry its business is reminded."""
    return getattr(settings, "ABTC_EXPIRY_REMINDER_DAYS", 90)


# -- the business ----------------------------------------------------------------------


def _check_managers(managers: list[ManagerData], today) -> None:
    if not managers:
        raise ValidationError({"managers": _("Hãy nhập ít nhất một doanh nhân đề nghị cấp thẻ.")})
    if len(managers) > MAX_MANAGERS:
        raise ValidationError({"managers": _("Tối đa %(n)d doanh nhân.") % {"n": MAX_MANAGERS}})
    seen = set()
    for row, manager in enumerate(managers, start=1):
        if not manager.full_name.strip() or not manager.position.strip():
            raise ValidationError(
                {"managers": _("Dòng %(row)d: hãy nhập họ tên và chức vụ.") % {"row": row}}
            )
        number = personal_data.normalise(manager.passport_number)
        if not 6 <= len(number) <= 12:
            raise ValidationError(
                {"managers": _("Dòng %(row)d: số hộ chiếu không hợp lệ.") % {"row": row}}
            )
        if number in seen:
            raise ValidationError(
                {"managers": _("Dòng %(row)d: số hộ chiếu bị trùng.") % {"row": row}}
            )
        seen.add(number)
        if policy.age_on(manager.date_of_birth, today) < policy.MIN_AGE:
            raise ValidationError(
                {
                    "managers": _(
                        "Dòng %(row)d: doanh nhân phải từ đủ 18 tuổi (Điều 8 Quyết định "
                        "09/2023/QĐ-TTg)."
                    )
                    % {"row": row}
                }
            )


def _apply(abtc_request, fields: dict) -> list[str]:
    """Set ``fields`` on the request, check them; return the names that changed."""
    stored = AbtcRequest.objects.filter(pk=abtc_request.pk).first() if abtc_request.pk else None
    changed = sorted(
        name
        for name, value in fields.items()
        if name in FIELDS and stored is not None and getattr(stored, name) != value
    )
    for name in FIELDS:
        if name in fields:
            setattr(abtc_request, name, fields[name])
    economies = list(dict.fromkeys(abtc_request.economies or []))
    if not economies:
        raise ValidationError({"economies": _("Hãy chọn ít nhất một nền kinh tế APEC.")})
    if set(economies) - set(Economy.values):
        raise ValidationError({"economies": _("Nền kinh tế không thuộc Chương trình thẻ ABTC.")})
    abtc_request.economies = sorted(economies)
    if abtc_request.established_on and abtc_request.established_on > timezone.localdate():
        raise ValidationError({"established_on": _("Ngày thành lập không thể sau hôm nay.")})
    abtc_request.full_clean(exclude=["reference", "submitted_by", "unit"])
    return changed


def _write_managers(abtc_request, managers: list[ManagerData]) -> None:
    abtc_request.managers.all().delete()
    rows = []
    for data in managers:
        manager = Manager(
            request=abtc_request,
            full_name=data.full_name.strip(),
            date_of_birth=data.date_of_birth,
            position=data.position.strip(),
            appointment=data.appointment.strip(),
        )
        manager.passport_number = data.passport_number
        rows.append(manager)
    Manager.objects.bulk_create(rows)
    abtc_request.forget("managers")


def require_business(unit) -> None:
    if unit is None or unit.kind != Unit.Kind.ENTERPRISE:
        raise ValidationError(
            _("Chỉ doanh nghiệp mới đề nghị cho phép sử dụng thẻ ABTC cho doanh nhân của mình.")
        )


@steps.atomic
def submit(*, unit, actor, fields: dict, managers: list[ManagerData], task=None) -> AbtcRequest:
    """Create the business's request and send it to its legal representative."""
    shared.require_staff(actor, unit)
    require_business(unit)
    _check_managers(managers, timezone.localdate())
    abtc_request = shared.new_matter(AbtcRequest, PREFIX, unit=unit, actor=actor)
    _apply(abtc_request, fields)
    abtc_request.save()
    _write_managers(abtc_request, managers)
    return shared.submitted(
        abtc_request, actor=actor, payload={"managers": len(managers)}, task=task
    )


def resubmit(abtc_request, *, actor, fields: dict, managers, comment="", task=None):
    """Save the business's revision and send it back to the step that returned it, or to
    the legal representative when the economies or the managers changed. ``managers``
    None keeps the rows as they are."""

    def revise(abtc_request):
        changed = _apply(abtc_request, fields)
        if managers is not None:
            _check_managers(managers, timezone.localdate())
            before = sorted(
                (m.full_name, m.date_of_birth, m.passport_index)
                for m in abtc_request.managers.all()
            )
            after = sorted(
                (m.full_name.strip(), m.date_of_birth, personal_data.blind_index(m.passport_number))
                for m in managers
            )
            _write_managers(abtc_request, managers)
            if before != after:
                changed.append("managers")
        return {"changed": changed}

    return shared.resubmit(
        abtc_request,
        actor=actor,
        revise=revise,
        substantive=SUBSTANTIVE,
        comment=comment,
        task=task,
    )


can_withdraw, withdraw = shared.withdrawal(WITHDRAWABLE)

# -- the legal representative and the focal agency's review -----------------------------

endorse = shared.endorse
return_to_submitter = shared.return_to_submitter
reject = shared.reject


# -- consultation: the police always, the tax office, social insurance, ... ---------------

consultation = Consultation(
    step_key="abtc.opinion",
    asked_in=Status.IN_REVIEW,
    consulting=Status.CONSULTING,
    answered=Status.SYNTHESIS,
)
accept = consultation.accept
request_opinions = consultation.request
give_opinion = consultation.give
cancel_opinion = consultation.cancel


def default_agencies():
    """Return the agencies the reviewer is offered ticked: ``ABTC_CONSULTED_AGENCIES``
    (unit codes; the tax office, customs and social insurance by default: Art. 12(4))."""
    codes = getattr(settings, "ABTC_CONSULTED_AGENCIES", ("CT", "HQ", "BHXH"))
    return Unit.objects.filter(code__in=codes, is_active=True)


def synthesize(abtc_request, *, actor, summary: str, comment="", task=None):
    return consultation.synthesize(
        abtc_request,
        actor=actor,
        summary=summary,
        to=approver_for(abtc_request),
        comment=comment,
        task=task,
    )


# -- the People's Committee decides, manager by manager ----------------------------------


def approver_for(abtc_request):
    """The leader in charge of foreign affairs decides (the Chairman where none is set)."""
    province = Province.current()
    return province.foreign_affairs_leader or province.chairman


def approve(abtc_request, *, actor, managers, comment="", task=None):
    """The leader allows the card for ``managers`` (ids of the request's managers), and
    refuses it for the others, with the reason in ``comment``."""
    chosen = {int(pk) for pk in managers}

    def prepare(abtc_request):
        rows = list(abtc_request.managers.all())
        if not chosen or not chosen <= {m.pk for m in rows}:
            raise ValidationError(
                {"managers": _("Hãy chọn ít nhất một doanh nhân được cho phép sử dụng thẻ.")}
            )
        refused = [m for m in rows if m.pk not in chosen]
        if refused:
            steps.require_comment(
                comment, _("Hãy ghi rõ lý do không cho phép đối với doanh nhân không được chọn.")
            )
        for manager in rows:
            manager.approved = manager.pk in chosen
        Manager.objects.bulk_update(rows, ["approved"])

    return shared.approve(abtc_request, actor=actor, comment=comment, prepare=prepare, task=task)


def return_to_department(abtc_request, *, actor, comment: str, task=None):
    """The leader sends the synthesis back to the focal agency's head."""
    return shared.return_to_department(
        abtc_request,
        actor=actor,
        comment=comment,
        status=Status.SYNTHESIS,
        to=steps.department(Role.DEPARTMENT_HEAD),
        task=task,
    )


def decision_draft(abtc_request, document) -> bytes:
    """The draft decision the leader signs: no number, no date (ADR 0012)."""
    from .documents import decision_docx

    return issuance.draft_bytes(decision_docx, abtc_request, document)


def decision_document(abtc_request) -> AbtcAttachment:
    """Return the Word decision, made the first time it is asked for."""
    from .documents import decision_docx

    return files.issued_document(
        abtc_request,
        model=AbtcAttachment,
        kind=AbtcAttachment.Kind.DECISION,
        stem="Quyet-dinh-ABTC",
        missing=_("Hồ sơ chưa có quyết định cho phép."),
        build=lambda locked: issuance.with_submission(decision_docx, locked),
    )


@steps.atomic
def reveal_personal_data(manager, *, actor, role: Role) -> dict:
    """Return a manager's passport number in full, and audit the reveal.

    Whether ``actor`` may see it (the reviewer or the police on the task at hand) is the
    caller's business, as for a guest's.
    """
    steps.record(
        audit.Action.PERSONAL_DATA_VIEWED,
        manager.request,
        actor=actor,
        role=role,
        payload={"manager": manager.pk, "fields": ["passport_number"]},
    )
    return {"passport_number": manager.passport_number}


# -- the register of cards ---------------------------------------------------------------


@steps.atomic
def register_card(
    manager, *, actor, number: str, issued_on, expires_on=None, economies=None
) -> Manager:
    """The focal agency records the card the Immigration Department issued to ``manager``.

    The card is valid ``ABTC_CARD_YEARS`` (5) years from its issue unless another expiry
    is typed in; its economies default to those allowed. Once every manager allowed has
    a card, the request is complete.
    """
    abtc_request = AbtcRequest.objects.select_for_update().get(pk=manager.request_id)
    manager = Manager.objects.select_for_update().get(pk=manager.pk)
    steps.require_status(abtc_request, Status.ISSUED, Status.COMPLETED)
    steps.require_seat(abtc_request, actor, Role.DEPARTMENT_REVIEWER)
    if not manager.approved:
        raise ValidationError(_("Doanh nhân này không được cho phép sử dụng thẻ."))
    number = "".join(number.split()).upper()
    if not number:
        raise ValidationError({"number": _("Hãy nhập số thẻ ABTC.")})
    if Manager.objects.filter(card_number=number).exclude(pk=manager.pk).exists():
        raise ValidationError({"number": _("Số thẻ này đã có trong sổ.")})
    if issued_on is None or issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("Ngày cấp thẻ không hợp lệ.")})
    if abtc_request.decision_date and issued_on < abtc_request.decision_date:
        raise ValidationError({"issued_on": _("Ngày cấp thẻ không thể trước ngày quyết định.")})
    expires_on = expires_on or policy.add_years(issued_on, card_years())
    if expires_on <= issued_on:
        raise ValidationError({"expires_on": _("Ngày hết hạn phải sau ngày cấp thẻ.")})
    economies = sorted(set(economies or abtc_request.economies))
    if set(economies) - set(Economy.values):
        raise ValidationError({"economies": _("Nền kinh tế không thuộc Chương trình thẻ ABTC.")})
    manager.card_number, manager.card_issued_on = number, issued_on
    manager.card_expires_on, manager.card_economies = expires_on, economies
    manager.card_recorded_at, manager.expiry_reminded_on = timezone.now(), None
    manager.save()
    done = all(m.has_card for m in abtc_request.managers.filter(approved=True))
    if done:
        abtc_request.status = Status.COMPLETED
        steps.save(abtc_request)
    steps.record(
        audit.Action.UPDATED,
        abtc_request,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        payload={
            "card_registered": manager.pk,
            "card_number": number,
            "expires_on": expires_on.isoformat(),
            "economies": economies,
        },
    )
    return manager


def expiring_cards(today: datetime.date | None = None):
    """Return the cards expiring within the reminder period and not yet reminded."""
    today = today or timezone.localdate()
    until = today + datetime.timedelta(days=reminder_days())
    return Manager.objects.filter(
        approved=True,
        card_expires_on__gte=today,
        card_expires_on__lte=until,
        expiry_reminded_on__isnull=True,
    ).select_related("request__unit", "request__submitted_by")


def remind_expiring(today: datetime.date | None = None) -> int:
    """Tell each business, and the focal agency's reviewers, about its cards expiring
    within ``ABTC_EXPIRY_REMINDER_DAYS``; each card once. Return how many were reminded."""
    today = today or timezone.localdate()
    reviewers = steps.department(Role.DEPARTMENT_REVIEWER)
    count = 0
    for manager in expiring_cards(today):
        abtc_request = manager.request
        business = [abtc_request.submitted_by, *users_with_role(Role.UNIT_STAFF, abtc_request.unit)]
        to = list(dict.fromkeys([*business, *reviewers]))
        with transaction.atomic():
            emit(
                Event.CARD_EXPIRING,
                subject=abtc_request,
                to=to,
                url=abtc_request.get_absolute_url(),
                context={
                    "comment": _("Thẻ ABTC số %(number)s của %(name)s hết hạn ngày %(date)s.")
                    % {
                        "number": manager.card_number,
                        "name": manager.full_name,
                        "date": f"{manager.card_expires_on:%d/%m/%Y}",
                    }
                },
                key=f"abtc-card-expiring-{manager.pk}-{manager.card_expires_on:%Y%m%d}",
            )
            Manager.objects.filter(pk=manager.pk).update(expiry_reminded_on=today)
        count += 1
    return count
