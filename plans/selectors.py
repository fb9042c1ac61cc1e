"""Reads of the annual plan: what a request may link to (the provider ``matters.planning``
asks), the flags on the compiled plan, and the plan against what was done.

The kinds of matter are read through the registry (``matters.kinds``): the plan imports
no kind. A kind is planned when its model has a ``plan_item`` (``matters.models.Planned``);
it counts as done in the statuses its registration names (``counted_statuses``).
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from matters import kinds
from organizations import settings_cache
from organizations.models import StaffProfile, Unit

from .models import PlanItem, Round, UnitPlan

Level = StaffProfile.LeaderLevel
PROVINCE_LEADERS = (Level.CHAIRMAN, Level.VICE_CHAIRMAN, Level.PROVINCE_LEADER)
# The kinds the plan lists, in the order the pages show them.
KINDS = [value for value, _label in PlanItem.Kind.choices]


class PlanProvider:
    """What ``matters.planning`` asks of the annual plan (registered at ``ready()``)."""

    def items_for(self, unit, kind: str):
        """Return the approved items of ``unit`` of ``kind``, this year's and later, but
        those a change awaiting approval replaces."""
        return (
            PlanItem.objects.in_force()
            .filter(
                unit_plan__unit=unit,
                kind=kind,
                unit_plan__round__year__gte=timezone.localdate().year,
                replacements=None,
            )
            .select_related("unit_plan__round")
            .order_by("unit_plan__round__year", "quarter", "month", "pk")
        )

    def year_of(self, item) -> int:
        """Return the year of the plan ``item`` belongs to."""
        return item.unit_plan.round.year

    def in_force(self, year: int) -> bool:
        """Return True if the People's Committee approved a plan for ``year``."""
        return settings_cache.cached(
            ("plan_in_force", year),
            lambda: Round.objects.filter(year=year, version__gte=1).exists(),
        )

    # The plan's funding sources in the words of the kinds whose requests name them
    # otherwise (the unit's own money: "unit_funds" on a trip, "host_unit" on a visit).
    FUNDING = {
        "outbound": {PlanItem.Funding.UNIT: "unit_funds"},
        "inbound": {PlanItem.Funding.UNIT: "host_unit"},
    }

    def prefill(self, item) -> dict:
        """Return what a request takes from ``item``, by the names the kinds' forms use."""
        codes = [c.code for c in item.countries]
        funding = self.FUNDING.get(item.kind, {}).get(item.funding_source, item.funding_source)
        cost = int(item.estimated_cost) if item.estimated_cost else None
        return {
            "title": item.title,
            "purpose_detail": item.purpose,
            "purpose": item.purpose,
            "content": item.purpose,
            "countries": codes,
            "partner_country": codes[0] if codes else None,
            "inviting_partner": item.partner,
            "organisation": item.partner,
            "partner": item.partner,
            "foreign_partners": item.partner,
            "funding_source": funding,
            "funding_amount": cost,
        }


# -- the compiled plan ---------------------------------------------------------------------

SORTS = {
    "unit": ("unit_plan__unit__name", "kind", "quarter", "month", "pk"),
    "kind": ("kind", "unit_plan__unit__name", "pk"),
    "period": ("quarter", "month", "unit_plan__unit__name", "pk"),
    "cost": ("-estimated_cost", "pk"),
}


def compiled_items(plan_round, visible, *, unit=None, kind="", quarter=None, status="", sort=""):
    """Return the round's items ``visible`` lets one see, filtered and sorted.

    ``status`` is a unit plan's status, or "approved" / "pending" for the items.
    """
    items = visible.filter(unit_plan__round=plan_round).for_table()
    if unit:
        items = items.filter(unit_plan__unit_id=unit)
    if kind in PlanItem.Kind.values:
        items = items.filter(kind=kind)
    if quarter in (1, 2, 3, 4):
        months = [3 * quarter - 2, 3 * quarter - 1, 3 * quarter]
        items = items.filter(Q(quarter=quarter) | Q(month__in=months))
    if status == "approved":
        items = items.in_force()
    elif status == "pending":
        items = items.filter(approved=False)
    elif status in UnitPlan.Status.values:
        items = items.filter(unit_plan__status=status)
    return items.order_by(*SORTS.get(sort, SORTS["unit"]))


def unit_plans(plan_round):
    return plan_round.unit_plans.select_related("unit").annotate(item_count=Count("items"))


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def flags(plan_round, items) -> tuple[dict, list[str]]:
    """Return the flags on the compiled plan: per item id its sentences, and the plan's.

    Items replaced (or to be replaced by a change the plan compiles) are left out.
    Duplicates (two items of one kind to a same country in the same quarter), a
    provincial leader heading more trips than the limit (``PLAN_MAX_LEADER_TRIPS``,
    2 by default) and a total cost above the finance office's budget estimate.
    """
    # What the plan would be: neither the items replaced nor those a pending change replaces.
    items = list(items)
    replaced = {item.replaces_id for item in items if item.replaces_id}
    items = [i for i in items if i.withdrawn_in is None and i.pk not in replaced]
    per_item = defaultdict(list)
    by_key = defaultdict(list)
    for item in items:
        for country in item.countries:
            by_key[(item.kind, country.code, item.quarter_of)].append(item)
    for (_kind, code, quarter), group in by_key.items():
        if len(group) < 2 or quarter is None:
            continue
        for item in group:
            others = ", ".join(
                f"{other.unit.name}: {other.title}" for other in group if other.pk != item.pk
            )
            per_item[item.pk].append(
                _("Có thể trùng (cùng quốc gia %(country)s, quý %(quarter)d) với: %(others)s.")
                % {"country": code, "quarter": quarter, "others": others}
            )
    limit = getattr(settings, "PLAN_MAX_LEADER_TRIPS", 2)
    leaders = defaultdict(list)
    for item in items:
        leads = item.kind == PlanItem.Kind.OUTBOUND and item.head_level in PROVINCE_LEADERS
        if leads and item.head_name.strip():
            leaders[_name_key(item.head_name)].append(item)
    overall = []
    for group in leaders.values():
        if len(group) > limit:
            sentence = _(
                "%(name)s dự kiến dẫn %(count)d đoàn ra trong năm, vượt quá %(limit)d chuyến."
            ) % {"name": group[0].head_name, "count": len(group), "limit": limit}
            overall.append(sentence)
            for item in group:
                per_item[item.pk].append(sentence)
    total = sum((item.estimated_cost for item in items), Decimal(0))
    budget = plan_round.budget_estimate
    if budget is not None and total > budget:
        overall.append(
            _("Tổng kinh phí dự kiến %(total)s đồng vượt dự toán %(budget)s đồng.")
            % {
                "total": f"{total:,.0f}".replace(",", "."),
                "budget": f"{budget:,.0f}".replace(",", "."),
            }
        )
    return dict(per_item), overall


def money(amount) -> str:
    """Return 250000000 as "250.000.000"."""
    return f"{int(amount):,}".replace(",", ".")


def total_cost(items) -> Decimal:
    return items.aggregate(total=Sum("estimated_cost"))["total"] or Decimal(0)


# -- plan against actual --------------------------------------------------------------------


def planned_kinds() -> dict:
    """Return kind key → registered kind, for the kinds whose requests carry a plan item."""
    found = {}
    for key in KINDS:
        try:
            kind = kinds.get(key)
        except KeyError:
            continue
        if any(f.name == "plan_item" for f in kind.model._meta.get_fields()):
            found[key] = kind
    return found


def _date_field(model) -> str:
    names = {f.name for f in model._meta.get_fields()}
    return next(name for name in ("start_date", "signed_on", "submitted_at") if name in names)


def _done_matters(kind, date_from, date_to):
    """Return the matters of ``kind`` that happened between the dates (counted statuses)."""
    model, field = kind.model, _date_field(kind.model)
    lookup = {f"{field}__gte": date_from, f"{field}__lte": date_to}
    if field == "submitted_at":
        lookup = {f"{field}__date__gte": date_from, f"{field}__date__lte": date_to}
    return model.objects.filter(status__in=kind.counted_statuses, **lookup).order_by()


def _actual_cost(matters) -> Decimal:
    """Return the sum of the approved requests' estimates, in đồng (VND only)."""
    names = {f.name for f in matters.model._meta.get_fields()}
    if "funding_amount" not in names:
        return Decimal(0)
    if "funding_currency" in names:
        matters = matters.filter(funding_currency="VND")
    return Decimal(matters.aggregate(total=Sum("funding_amount"))["total"] or 0)


def plan_vs_actual(year: int, *, unit=None) -> dict:
    """Return the plan of ``year`` against what was done, per unit and for the province.

    Per kind: ``planned`` (items of the approved plan), ``done`` (items a request
    carried out that happened), ``not_done``, ``unplanned`` (requests that happened
    with no plan item), ``estimated`` (the plan's cost) and ``actual`` (the estimates
    of the requests that carried the items out, in đồng).
    """
    date_from, date_to = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    planned_kinds_ = planned_kinds()
    approved = PlanItem.objects.in_force().filter(unit_plan__round__year=year)
    if unit is not None:
        approved = approved.filter(unit_plan__unit=unit)
    rows = defaultdict(lambda: {key: _empty() for key in KINDS})
    for row in approved.values("unit_plan__unit", "kind").annotate(
        n=Count("pk"), cost=Sum("estimated_cost")
    ):
        cell = rows[row["unit_plan__unit"]][row["kind"]]
        cell["planned"], cell["estimated"] = row["n"], row["cost"] or Decimal(0)
    for key, kind in planned_kinds_.items():
        done = _done_matters(kind, date_from, date_to)
        if unit is not None:
            done = done.filter(unit=unit)
        linked = done.filter(plan_item__in=approved.filter(kind=key))
        for row in linked.values("unit").annotate(n=Count("plan_item", distinct=True)):
            rows[row["unit"]][key]["done"] = row["n"]
        for unit_id in {r["unit"] for r in linked.values("unit")}:
            rows[unit_id][key]["actual"] = _actual_cost(linked.filter(unit=unit_id))
        for row in done.filter(plan_item__isnull=True).values("unit").annotate(n=Count("pk")):
            rows[row["unit"]][key]["unplanned"] = row["n"]
    names = dict(Unit.objects.filter(pk__in=rows.keys()).values_list("pk", "name"))
    units = []
    total = {key: _empty() for key in KINDS}
    for unit_id, cells in sorted(rows.items(), key=lambda pair: names.get(pair[0], "")):
        for key, cell in cells.items():
            cell["not_done"] = max(cell["planned"] - cell["done"], 0)
            for measure, value in cell.items():
                total[key][measure] += value
        units.append({"unit": names.get(unit_id, ""), "unit_id": unit_id, "kinds": cells})
    return {"year": year, "units": units, "total": total, "kinds": list(planned_kinds_)}


def _empty() -> dict:
    return {
        "planned": 0,
        "done": 0,
        "not_done": 0,
        "unplanned": 0,
        "estimated": Decimal(0),
        "actual": Decimal(0),
    }


def report_figures(date_from: datetime.date, date_to: datetime.date) -> dict:
    """Return the ``plan`` section of the annual report for the period, bounds included.

    ``planned_*``: items of the approved plans of the years the period touches;
    ``done_*``: those a request carried out that happened in the period; ``unplanned_*``:
    requests that happened in the period, in a year with an approved plan, with no
    plan item. Trips and visits, as the report's contract names them.
    """
    years = list(
        Round.objects.filter(
            year__gte=date_from.year, year__lte=date_to.year, version__gte=1
        ).values_list("year", flat=True)
    )
    figures = {}
    kinds_ = planned_kinds()
    for key, name in (("outbound", "trips"), ("inbound", "visits")):
        items = PlanItem.objects.in_force().filter(kind=key, unit_plan__round__year__in=years)
        planned = done = unplanned = 0
        kind = kinds_.get(key)
        if kind is not None:
            happened = _done_matters(kind, date_from, date_to)
            field = _date_field(kind.model)
            in_years = happened.filter(**{f"{field}__year__in": years})
            planned = items.count()
            done = in_years.filter(plan_item__in=items).values("plan_item").distinct().count()
            unplanned = in_years.filter(plan_item__isnull=True).count()
        figures[f"planned_{name}"] = planned
        figures[f"done_{name}"] = done
        figures[f"unplanned_{name}"] = unplanned
    return figures
