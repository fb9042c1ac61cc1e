"""The annual plan seen from a request (kế hoạch đoàn ra, đoàn vào hằng năm), once for
every kind: which plan item a request carries out, or why it has none (lý do phát sinh),
and the warning "ngoài kế hoạch" the reviewer and the approver see.

``matters`` knows no kind and no plan. A kind opts in by inheriting
``matters.models.Planned`` (a ``plan_item`` and an ``unplanned_reason``); the ``plans``
app registers the provider (``register``) that answers the questions only it can: which
items of a unit's approved plan a request of a kind may carry out, whether an approved
plan is in force for a year, what a request's form takes from an item. Without a
provider (the app not installed) nothing here asks for anything (ADR 0014).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from organizations.models import Role

from . import kinds
from .steps import atomic, record

_PROVIDER = None


def register(provider) -> None:
    """Register the annual plan's provider: an object with ``items_for(unit, kind)``,
    ``in_force(year)``, ``year_of(item)`` and ``prefill(item)`` (the plans app, from its
    ``ready()``)."""
    global _PROVIDER
    _PROVIDER = provider


def provider():
    return _PROVIDER


def applies(model) -> bool:
    """Return True if requests of ``model`` are planned (it has a plan item) and a plan
    provider is installed."""
    if _PROVIDER is None or kinds.for_model(model) is None:
        return False
    return any(field.name == "plan_item" for field in model._meta.get_fields())


def kind_key(model) -> str:
    return kinds.for_model(model).key


def choices(model, unit):
    """Return the plan items a request of ``model`` filed by ``unit`` may carry out."""
    return _PROVIDER.items_for(unit, kind_key(model))


def plan_year(matter) -> int:
    """Return the year of the plan ``matter`` belongs to: the year it takes place in."""
    for name in ("start_date", "signed_on"):
        day = getattr(matter, name, None)
        if day:
            return day.year
    submitted = getattr(matter, "submitted_at", None)
    return (timezone.localtime(submitted) if submitted else timezone.localtime()).year


def in_force(matter) -> bool:
    """Return True if an approved annual plan covers the year of ``matter``."""
    return _PROVIDER is not None and _PROVIDER.in_force(plan_year(matter))


def warning(matter) -> str | None:
    """Return the "ngoài kế hoạch" warning on ``matter``, or None.

    A request of a planned kind that carries out no item of the approved plan of its
    year is outside the plan; the sentence gives the unit's reason.
    """
    if not applies(type(matter)) or matter.plan_item_id or not in_force(matter):
        return None
    reason = matter.unplanned_reason.strip() or _("(không nêu lý do)")
    return _(
        "Ngoài kế hoạch: hồ sơ không thuộc kế hoạch đoàn ra, đoàn vào năm %(year)d đã được "
        "UBND tỉnh phê duyệt. Lý do phát sinh: %(reason)s"
    ) % {"year": plan_year(matter), "reason": reason}


def prefill(item, fields) -> dict:
    """Return the initial values a request form with ``fields`` takes from ``item``.

    The provider says what an item offers by the names the kinds' forms use; only the
    names the form has, with a value its field accepts, are kept.
    """
    initial = {}
    for name, value in _PROVIDER.prefill(item).items():
        field = fields.get(name)
        if field is None or value in (None, "", []):
            continue
        if hasattr(field, "queryset"):
            continue  # a managed list: the unit chooses
        single = hasattr(field, "valid_value") and not isinstance(value, list)
        if single and not field.valid_value(value):
            continue
        initial[name] = value
    return initial


@atomic
def link(matter, *, plan_item, reason: str, actor) -> bool:
    """Record which plan item ``matter`` carries out, or why it has none.

    Call in the transaction that files or revises the matter. The item must belong to
    an approved plan of the matter's unit and kind, of the year the matter takes place
    in; without one, a reason is required
    when an approved plan covers the matter's year. Return True if anything changed
    (the change is audited).
    """
    if not applies(type(matter)):
        return False
    reason = (reason or "").strip()
    if plan_item is not None:
        allowed = choices(type(matter), matter.unit).filter(pk=plan_item.pk).exists()
        if not allowed:
            raise ValidationError(
                {"plan_item": _("Mục kế hoạch không thuộc kế hoạch đã phê duyệt của đơn vị.")}
            )
        planned, happens = _PROVIDER.year_of(plan_item), plan_year(matter)
        if planned != happens:
            raise ValidationError(
                {
                    "plan_item": _(
                        "Mục kế hoạch thuộc kế hoạch năm %(planned)d, còn hồ sơ diễn ra năm "
                        "%(year)d: hãy chọn mục của kế hoạch năm %(year)d, hoặc nêu lý do "
                        "phát sinh ngoài kế hoạch."
                    )
                    % {"planned": planned, "year": happens}
                }
            )
        reason = ""
    elif in_force(matter) and not reason:
        raise ValidationError(
            {
                "unplanned_reason": _(
                    "Hồ sơ không thuộc kế hoạch năm đã phê duyệt: hãy nêu lý do phát sinh."
                )
            }
        )
    new_id = plan_item.pk if plan_item is not None else None
    if matter.plan_item_id == new_id and matter.unplanned_reason == reason:
        return False
    matter.plan_item, matter.unplanned_reason = plan_item, reason
    matter.save(update_fields=["plan_item", "unplanned_reason", "updated_at"])
    record(
        audit.Action.UPDATED,
        matter,
        actor=actor,
        role=Role.UNIT_STAFF,
        unit=matter.unit,
        payload={"plan_item": new_id, "unplanned": new_id is None},
        comment=reason,
    )
    return True
