"""The steps of the annual plan (kế hoạch đoàn ra, đoàn vào hằng năm), each one atomic
with its audit entry and its notifications (``matters.steps``).

The focal agency (Sở Ngoại vụ) opens the round with a deadline and tells every unit;
unit staff register items until they submit; the unit head endorses (or returns); the
focal agency returns a unit's plan or submits the compiled plan; the leader of the
People's Committee approves it or returns it. The approved plan is a draft of the
committee's document: the leader (or the clerk for them) uploads it signed, and the
clerk enters it in the committee's one register (Kế hoạch số 1890/KH-UBND,
``matters.issuance``); only then are its items in force and its version kept. A
supplement reopens an issued round for new items and goes through the same steps.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
import workdays
from matters import issuance, steps
from notifications import Event, emit
from organizations.models import Province, Role, Unit
from organizations.selectors import has_role, users_with_role

from . import selectors
from .models import PLAN_TYPE, PlanItem, Round, UnitPlan, Version

ITEM_FIELDS = (
    "kind",
    "title",
    "purpose",
    "countries",
    "partner",
    "quarter",
    "month",
    "head_name",
    "head_level",
    "size",
    "days",
    "funding_source",
    "estimated_cost",
    "justification",
    "party_managed",
    "replaces",
)


# -- who acts -----------------------------------------------------------------------------


def focal_agency():
    return Province.current().focal_agency


def require_focal(actor) -> Unit:
    """Raise PermissionDenied unless ``actor`` reviews for or heads the focal agency."""
    agency = focal_agency()
    if agency is None or not (
        has_role(actor, Role.DEPARTMENT_REVIEWER, agency)
        or has_role(actor, Role.DEPARTMENT_HEAD, agency)
    ):
        raise PermissionDenied(_("Chỉ cơ quan ngoại vụ mới thực hiện được thao tác này."))
    return agency


def focal_role(actor, agency) -> Role:
    if has_role(actor, Role.DEPARTMENT_HEAD, agency):
        return Role.DEPARTMENT_HEAD
    return Role.DEPARTMENT_REVIEWER


def unit_people(units=None) -> list:
    """Return the staff and heads of ``units`` (every active unit when None)."""
    if units is None:
        left_out = [u.pk for u in (focal_agency(), Province.current().peoples_committee) if u]
        units = Unit.objects.filter(is_active=True).exclude(pk__in=left_out)
    people = []
    for unit in units:
        for role in (Role.UNIT_STAFF, Role.UNIT_HEAD):
            people += [u for u in users_with_role(role, unit) if u not in people]
    return people


def approvers() -> list:
    province = Province.current()
    return [u for u in (province.foreign_affairs_leader, province.chairman) if u is not None]


# -- the focal agency opens the round -------------------------------------------------------


@steps.atomic
def open_round(*, year: int, deadline: datetime.date, actor, budget_estimate=None, notice=""):
    """Open the planning round of ``year``; tell every unit to register its plan."""
    agency = require_focal(actor)
    today = timezone.localdate()
    errors = {}
    if year < today.year or year > today.year + 2:
        errors["year"] = _("Năm kế hoạch phải từ năm nay đến hai năm tới.")
    elif Round.objects.filter(year=year).exists():
        errors["year"] = _("Đã có đợt lập kế hoạch năm %(year)d.") % {"year": year}
    if deadline is None or deadline < today:
        errors["deadline"] = _("Hạn đăng ký phải từ hôm nay trở đi.")
    if budget_estimate is not None and budget_estimate < 0:
        errors["budget_estimate"] = _("Dự toán kinh phí không được âm.")
    if errors:
        raise ValidationError(errors)
    plan_round = Round.objects.create(
        year=year,
        deadline=deadline,
        budget_estimate=budget_estimate,
        notice=notice,
        opened_by=actor,
        opened_at=timezone.now(),
    )
    steps.record(
        audit.Action.CREATED,
        plan_round,
        actor=actor,
        role=focal_role(actor, agency),
        unit=agency,
        payload={"year": year, "deadline": deadline.isoformat()},
    )
    # The notice: the round, its deadline and what the focal agency asks of the units.
    steps.notify(
        Event.TASK_QUEUED,
        plan_round,
        unit_people(),
        actor=actor,
        comment=notice,
        due_on=deadline,
        key="opened",
    )
    return plan_round


def _each_time() -> str:
    """Return the notification key of a plan event that may happen again (a unit's plan
    sent again after a return, a second return, a supplement's approval): the plan is no
    task, so without a key a person would hear of it only the first time."""
    return timezone.now().isoformat()


@steps.atomic
def set_budget(plan_round, *, actor, budget_estimate):
    """Record the budget estimate the finance office gives for the year's plan."""
    agency = require_focal(actor)
    if budget_estimate is not None and budget_estimate < 0:
        raise ValidationError({"budget_estimate": _("Dự toán kinh phí không được âm.")})
    plan_round.budget_estimate = budget_estimate
    plan_round.save(update_fields=["budget_estimate", "updated_at"])
    steps.record(
        audit.Action.UPDATED,
        plan_round,
        actor=actor,
        role=focal_role(actor, agency),
        unit=agency,
        payload={"budget_estimate": str(budget_estimate) if budget_estimate is not None else None},
    )
    return plan_round


# -- the unit registers its items -----------------------------------------------------------


def unit_plan_for(plan_round, unit) -> UnitPlan:
    """Return ``unit``'s plan in the round, created on first use."""
    unit_plan, _created = UnitPlan.objects.get_or_create(round=plan_round, unit=unit)
    return unit_plan


def _require_editable(unit_plan, actor) -> None:
    steps.require_role(
        actor, Role.UNIT_STAFF, unit_plan.unit, _("Bạn không phải cán bộ của đơn vị này.")
    )
    if unit_plan.round.status != Round.Status.OPEN:
        raise ValidationError(_("Đợt lập kế hoạch không còn nhận đăng ký."))
    if unit_plan.status not in UnitPlan.EDITABLE:
        raise ValidationError(
            _("Kế hoạch của đơn vị đã gửi đi; chỉ chỉnh sửa được khi bị trả lại.")
        )


def validate_item(fields: dict) -> None:
    """Raise ValidationError (field → Vietnamese message) for an item that cannot be kept."""
    errors = {}
    if not str(fields.get("title") or "").strip():
        errors["title"] = _("Hãy nhập nội dung.")
    kind = fields.get("kind")
    if kind not in PlanItem.Kind.values:
        errors["kind"] = _("Loại không hợp lệ.")
    if kind in (PlanItem.Kind.OUTBOUND, PlanItem.Kind.INBOUND) and not fields.get("countries"):
        errors["countries"] = _("Hãy chọn ít nhất một quốc gia.")
    if kind in (PlanItem.Kind.OUTBOUND, PlanItem.Kind.INBOUND) and not fields.get("size"):
        errors["size"] = _("Hãy nhập số người dự kiến.")
    if kind == PlanItem.Kind.OUTBOUND and not fields.get("days"):
        errors["days"] = _("Hãy nhập số ngày dự kiến.")
    if not fields.get("quarter") and not fields.get("month"):
        errors["quarter"] = _("Hãy chọn quý hoặc tháng dự kiến.")
    month, quarter = fields.get("month"), fields.get("quarter")
    if month and quarter and (month - 1) // 3 + 1 != quarter:
        errors["month"] = _("Tháng không thuộc quý đã chọn.")
    cost = fields.get("estimated_cost") or Decimal(0)
    if cost < 0:
        errors["estimated_cost"] = _("Kinh phí dự kiến không được âm.")
    if cost and not fields.get("funding_source"):
        errors["funding_source"] = _("Hãy chọn nguồn kinh phí.")
    if errors:
        raise ValidationError(errors)


def carried_out(item) -> bool:
    """Return True if a request of any planned kind carries ``item`` out."""
    return any(
        kind.model.objects.filter(plan_item=item).exists()
        for kind in selectors.planned_kinds().values()
    )


def validate_replacement(unit_plan, replaced, *, item=None) -> None:
    """Raise ValidationError unless ``replaced`` is an item of the plan in force that
    ``unit_plan``'s new item (``item`` when it is being changed) may replace: the unit's,
    of the same round, not yet replaced, not carried out by a request."""
    if replaced is None:
        return
    others = replaced.replacements.exclude(pk=item.pk if item is not None else None)
    if replaced.unit_plan_id != unit_plan.pk or not replaced.in_force:
        error = _("Chỉ thay thế được mục đã phê duyệt của kế hoạch đơn vị.")
    elif others.exists():
        error = _("Mục “%(title)s” đã có mục thay thế.") % {"title": replaced.title}
    elif carried_out(replaced):
        error = _("Mục “%(title)s” đã có hồ sơ thực hiện; không thay thế được.") % {
            "title": replaced.title
        }
    else:
        return
    raise ValidationError({"replaces": error})


@steps.atomic
def save_item(unit_plan, *, actor, fields: dict, item=None) -> PlanItem:
    """Add an item to ``unit_plan`` (or change ``item``) while the unit may still edit.

    In a supplement, the item may replace an approved item of the unit (a change to the
    plan, ``replaces``)."""
    _require_editable(unit_plan, actor)
    if item is not None and (item.unit_plan_id != unit_plan.pk or item.approved):
        raise ValidationError(_("Mục đã được phê duyệt không sửa được; hãy đăng ký bổ sung."))
    validate_item(fields)
    validate_replacement(unit_plan, fields.get("replaces"), item=item)
    new = item is None
    if new:
        item = PlanItem(unit_plan=unit_plan, added_in=unit_plan.round.version + 1)
    for name in ITEM_FIELDS:
        if name in fields:
            setattr(item, name, fields[name])
    item.estimated_cost = item.estimated_cost or Decimal(0)
    item.full_clean(exclude=["unit_plan"])
    item.save()
    steps.record(
        audit.Action.CREATED if new else audit.Action.UPDATED,
        unit_plan,
        actor=actor,
        role=Role.UNIT_STAFF,
        unit=unit_plan.unit,
        payload={
            "item": item.pk,
            "title": item.title,
            "kind": item.kind,
            "replaces": item.replaces_id,
        },
    )
    return item


@steps.atomic
def delete_item(item, *, actor) -> None:
    """Remove an item the unit has not yet sent (an approved item stays)."""
    unit_plan = item.unit_plan
    _require_editable(unit_plan, actor)
    if item.approved:
        raise ValidationError(_("Mục đã được phê duyệt không xóa được."))
    payload = {"deleted": item.pk, "title": item.title}
    item.delete()
    steps.record(
        audit.Action.UPDATED,
        unit_plan,
        actor=actor,
        role=Role.UNIT_STAFF,
        unit=unit_plan.unit,
        payload=payload,
    )


def pending_items(unit_plan):
    """Return the items of ``unit_plan`` not yet in an approved plan."""
    return unit_plan.items.filter(approved=False)


@steps.atomic
def submit_unit_plan(unit_plan, *, actor, comment="") -> UnitPlan:
    """Unit staff send the unit's plan to its head for endorsement."""
    _require_editable(unit_plan, actor)
    if not pending_items(unit_plan).exists():
        raise ValidationError(_("Kế hoạch của đơn vị chưa có mục nào mới."))
    again = unit_plan.status == UnitPlan.Status.RETURNED
    unit_plan.status = UnitPlan.Status.SUBMITTED
    unit_plan.submitted_by, unit_plan.submitted_at = actor, timezone.now()
    unit_plan.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    steps.record(
        audit.Action.RESUBMITTED if again else audit.Action.SUBMITTED,
        unit_plan,
        actor=actor,
        role=Role.UNIT_STAFF,
        unit=unit_plan.unit,
        comment=comment,
        payload={"items": pending_items(unit_plan).count()},
    )
    heads = users_with_role(Role.UNIT_HEAD, unit_plan.unit)
    steps.notify(Event.TASK_QUEUED, unit_plan, heads, actor=actor, key=_each_time())
    return unit_plan


@steps.atomic
def endorse_unit_plan(unit_plan, *, actor, comment="") -> UnitPlan:
    """The unit head endorses the unit's plan and sends it to the focal agency."""
    steps.require_role(actor, Role.UNIT_HEAD, unit_plan.unit)
    steps.require_status(unit_plan, UnitPlan.Status.SUBMITTED)
    steps.refuse_own_endorsement(unit_plan, actor)
    unit_plan.status, unit_plan.endorsed_by, unit_plan.return_comment = (
        UnitPlan.Status.ENDORSED,
        actor,
        "",
    )
    unit_plan.save(update_fields=["status", "endorsed_by", "return_comment", "updated_at"])
    steps.record(
        audit.Action.ENDORSED,
        unit_plan,
        actor=actor,
        role=Role.UNIT_HEAD,
        unit=unit_plan.unit,
        comment=comment,
    )
    steps.notify(Event.TASK_QUEUED, unit_plan, steps.reviewers(), actor=actor, key=_each_time())
    return unit_plan


@steps.atomic
def return_unit_plan(unit_plan, *, actor, comment: str) -> UnitPlan:
    """Send a unit's plan back to its staff: by its head before endorsing, or by the
    focal agency while it compiles."""
    if unit_plan.status == UnitPlan.Status.SUBMITTED:
        steps.require_role(actor, Role.UNIT_HEAD, unit_plan.unit)
        role, unit = Role.UNIT_HEAD, unit_plan.unit
    else:
        unit = require_focal(actor)
        role = focal_role(actor, unit)
        steps.require_status(unit_plan, UnitPlan.Status.ENDORSED)
        if unit_plan.round.status != Round.Status.OPEN:
            raise ValidationError(_("Kế hoạch đã trình UBND tỉnh; không trả lại được."))
    steps.require_comment(comment, _("Hãy ghi rõ nội dung cần chỉnh sửa."))
    unit_plan.status, unit_plan.return_comment = UnitPlan.Status.RETURNED, comment
    unit_plan.save(update_fields=["status", "return_comment", "updated_at"])
    steps.record(
        audit.Action.RETURNED, unit_plan, actor=actor, role=role, unit=unit, comment=comment
    )
    to = [unit_plan.submitted_by] if unit_plan.submitted_by else unit_people([unit_plan.unit])
    steps.notify(Event.RETURNED, unit_plan, to, actor=actor, comment=comment, key=_each_time())
    return unit_plan


# -- the focal agency compiles, the People's Committee approves -----------------------------


def compiled_plans(plan_round):
    """Return the unit plans the compiled plan takes: endorsed, with items to approve."""
    return plan_round.unit_plans.filter(
        status=UnitPlan.Status.ENDORSED, items__approved=False
    ).distinct()


@steps.atomic
def submit_plan(plan_round, *, actor, comment="") -> Round:
    """The focal agency submits the compiled plan to the People's Committee."""
    agency = require_focal(actor)
    steps.require_status(plan_round, Round.Status.OPEN)
    if not compiled_plans(plan_round).exists():
        raise ValidationError(_("Chưa có kế hoạch nào của đơn vị được gửi đến để tổng hợp."))
    plan_round.status, plan_round.submitted_at = Round.Status.SUBMITTED, timezone.now()
    plan_round.save(update_fields=["status", "submitted_at", "updated_at"])
    steps.record(
        audit.Action.FORWARDED,
        plan_round,
        actor=actor,
        role=focal_role(actor, agency),
        unit=agency,
        comment=comment,
        payload={"unit_plans": compiled_plans(plan_round).count()},
    )
    steps.notify(Event.TASK_ASSIGNED, plan_round, approvers(), actor=actor, key=_each_time())
    return plan_round


def _require_leader(actor):
    committee = Province.current().peoples_committee
    if committee is None or not has_role(actor, Role.LEADER, committee):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND tỉnh mới phê duyệt kế hoạch."))
    return committee


def snapshot(items) -> list[dict]:
    """Return the items as the approved version keeps them (its history)."""
    return [
        {
            "id": item.pk,
            "unit": item.unit_plan.unit.name,
            "kind": item.kind,
            "title": item.title,
            "countries": [c.code for c in item.countries],
            "partner": item.partner,
            "period": item.period,
            "head_name": item.head_name,
            "head_level": item.head_level,
            "size": item.size,
            "days": item.days,
            "funding_source": item.funding_source,
            "estimated_cost": str(item.estimated_cost),
            "party_managed": item.party_managed,
            "added_in": item.added_in,
            "replaces": item.replaces_id,
            "replaces_title": item.replaces.title if item.replaces_id else "",
        }
        for item in items
    ]


def _key(plan_round, step: str) -> str:
    """The notification key of ``step`` of the round's current version (a round is the
    subject of every version's steps, so each needs its own key)."""
    return f"plan:{plan_round.pk}:{plan_round.version + 1}:{step}"


@steps.atomic
def approve_plan(plan_round, *, actor, comment="") -> Round:
    """The leader approves the compiled plan: its draft is to be signed and registered
    (``sign_plan``, ``register_plan``); the clerk is told."""
    committee = _require_leader(actor)
    steps.require_status(plan_round, Round.Status.SUBMITTED)
    plan_round.status, plan_round.approver = Round.Status.SIGNING, actor
    plan_round.save(update_fields=["status", "approver", "updated_at"])
    issuance.approved_draft(plan_round, doc_type=PLAN_TYPE, summary=str(plan_round))
    steps.record(
        audit.Action.APPROVED,
        plan_round,
        actor=actor,
        role=Role.LEADER,
        unit=committee,
        comment=comment,
        payload={"version": plan_round.version + 1, "items": len(_to_approve(plan_round))},
    )
    clerks = users_with_role(Role.CLERK, committee)
    key = _key(plan_round, "approved")
    steps.notify(Event.APPROVED, plan_round, steps.reviewers(), actor=actor, key=key)
    steps.notify(Event.TASK_QUEUED, plan_round, clerks, actor=actor, key=key)
    return plan_round


def _new_items(endorsed):
    """Return the items the ``endorsed`` unit plans add to the plan (some replace an
    approved item: a change)."""
    return PlanItem.objects.filter(unit_plan__in=endorsed, approved=False)


def _to_approve(plan_round) -> list[PlanItem]:
    """Return the items the round's plan takes: those approved before and the compiled
    ones (the draft's and the new version's items)."""
    new = _new_items(compiled_plans(plan_round))
    replaced = new.exclude(replaces=None).values("replaces")
    return list(
        PlanItem.objects.filter(unit_plan__round=plan_round)
        .filter(models.Q(pk__in=PlanItem.objects.in_force()) | models.Q(pk__in=new))
        .exclude(pk__in=replaced)
        .select_related("unit_plan__unit", "replaces")
    )


def draft_items(plan_round) -> list[dict]:
    """Return the items of the round's plan awaiting signature, as its version will."""
    return snapshot(_to_approve(plan_round))


@steps.atomic
def sign_plan(plan_round, *, actor, upload, signed_on: datetime.date):
    """The leader, or the clerk for them, uploads the signed plan (a PDF, kept as it is)."""
    steps.require_status(plan_round, Round.Status.SIGNING)
    return issuance.sign(plan_round, actor=actor, upload=upload, signed_on=signed_on)


@steps.atomic
def register_plan(plan_round, *, actor, issued_on: datetime.date, sequence=None) -> Version:
    """The clerk enters the signed plan in the committee's register (the number typed
    from the paper register, or the system's): its items come into force and the
    version keeps the registered number; the focal agency and the units are told."""
    steps.require_status(plan_round, Round.Status.SIGNING)
    endorsed = list(compiled_plans(plan_round))
    document = issuance.enter(
        plan_round,
        actor=actor,
        issued_on=issued_on,
        sequence=sequence,
        payload={"version": plan_round.version + 1},
    )
    new = _new_items(endorsed)
    replaced = list(new.exclude(replaces=None).values_list("replaces", flat=True))
    new.update(approved=True)
    # The items the supplement changes leave the plan in force; its history keeps them.
    PlanItem.objects.filter(pk__in=replaced).update(withdrawn_in=plan_round.version + 1)
    items = list(
        PlanItem.objects.in_force()
        .filter(unit_plan__round=plan_round)
        .select_related("unit_plan__unit", "replaces")
    )
    key = _key(plan_round, "issued")
    plan_round.version += 1
    plan_round.status = Round.Status.APPROVED
    plan_round.plan_number, plan_round.plan_date = document.number, document.issued_on
    plan_round.save()
    version = Version.objects.create(
        round=plan_round,
        number=plan_round.version,
        plan_number=document.number,
        plan_date=document.issued_on,
        approver=plan_round.approver,
        approved_at=document.approved_at,
        issuance=document,
        items=snapshot(items),
        total_cost=sum((item.estimated_cost for item in items), Decimal(0)),
    )
    to = steps.reviewers() + unit_people([p.unit for p in endorsed])
    steps.notify(Event.DOCUMENT_ISSUED, plan_round, to, actor=actor, key=key)
    return version


@steps.atomic
def return_plan(plan_round, *, actor, comment: str) -> Round:
    """The leader returns the compiled plan to the focal agency."""
    committee = _require_leader(actor)
    steps.require_status(plan_round, Round.Status.SUBMITTED)
    steps.require_comment(comment, _("Hãy ghi rõ nội dung cần chỉnh sửa."))
    plan_round.status = Round.Status.OPEN
    plan_round.save(update_fields=["status", "updated_at"])
    steps.record(
        audit.Action.RETURNED,
        plan_round,
        actor=actor,
        role=Role.LEADER,
        unit=committee,
        comment=comment,
    )
    steps.notify(
        Event.RETURNED,
        plan_round,
        steps.reviewers(),
        actor=actor,
        comment=comment,
        key=_each_time(),
    )
    return plan_round


@steps.atomic
def open_supplement(plan_round, *, actor, deadline: datetime.date, comment="") -> Round:
    """Reopen an approved plan for a supplement (bổ sung kế hoạch): units add items, and
    the supplement goes through the same approval."""
    agency = require_focal(actor)
    steps.require_status(plan_round, Round.Status.APPROVED)
    if deadline is None or deadline < timezone.localdate():
        raise ValidationError({"deadline": _("Hạn đăng ký phải từ hôm nay trở đi.")})
    plan_round.status, plan_round.deadline = Round.Status.OPEN, deadline
    plan_round.save(update_fields=["status", "deadline", "updated_at"])
    plan_round.unit_plans.update(status=UnitPlan.Status.DRAFT, return_comment="")
    steps.record(
        audit.Action.CREATED,
        plan_round,
        actor=actor,
        role=focal_role(actor, agency),
        unit=agency,
        comment=comment,
        payload={"supplement": plan_round.version + 1, "deadline": deadline.isoformat()},
    )
    supplement = f"supplement-{plan_round.version + 1}"
    steps.notify(
        Event.TASK_QUEUED,
        plan_round,
        unit_people(),
        actor=actor,
        comment=comment,
        due_on=deadline,
        key=supplement,
    )
    return plan_round


# -- reminders (Celery beat) ----------------------------------------------------------------


@steps.atomic
def remind_deadline(today: datetime.date | None = None) -> int:
    """Remind the units that have not sent their plan when one working day is left.

    Each unit is reminded once per round and version (the notification key). Return the
    number of units reminded.
    """
    today = today or timezone.localdate()
    reminded = 0
    for plan_round in Round.objects.filter(status=Round.Status.OPEN, deadline__gte=today):
        if workdays.add_working_days(today, 1) < plan_round.deadline:
            continue
        sent = set(
            plan_round.unit_plans.filter(status=UnitPlan.Status.ENDORSED).values_list(
                "unit_id", flat=True
            )
        )
        left_out = [u.pk for u in (focal_agency(), Province.current().peoples_committee) if u]
        units = Unit.objects.filter(is_active=True).exclude(pk__in=[*left_out, *sent])
        for unit in units:
            to = unit_people([unit])
            if not to:
                continue
            emit(
                Event.DEADLINE_NEAR,
                subject=plan_round,
                to=to,
                url=plan_round.get_absolute_url(),
                context={"due_on": plan_round.deadline.isoformat()},
                key=f"plan-deadline:{plan_round.pk}:{plan_round.version}:{unit.pk}",
            )
            reminded += 1
    return reminded
