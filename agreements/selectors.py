"""Reads on agreements: the registry's filters and which opinions a person may read."""

import datetime

from django.utils import timezone

from organizations.models import Role
from organizations.selectors import roles_of, units_acted_for

# Who reads every opinion of an agreement they see; a consulted agency reads its own.
SEES_ALL_OPINIONS = {
    Role.UNIT_STAFF,
    Role.UNIT_HEAD,
    Role.DEPARTMENT_REVIEWER,
    Role.DEPARTMENT_HEAD,
    Role.LEADER,
    Role.AUDITOR,
}


def sees_all_opinions(user, agreement) -> bool:
    """Return True unless ``user`` sees ``agreement`` only as a consulted agency."""
    return user == agreement.submitted_by or bool(roles_of(user) & SEES_ALL_OPINIONS)


def visible_opinions(agreement, user):
    """Return the opinions of ``agreement`` that ``user`` may read, security first."""
    opinions = agreement.opinions.select_related("agency", "answered_by")
    opinions = opinions.prefetch_related("attachments")
    if sees_all_opinions(user, agreement):
        return opinions
    units = set()
    for role in (Role.CONSULTED_AGENCY, Role.SECURITY_OFFICER):
        units |= set(units_acted_for(user, role=role).values_list("pk", flat=True))
    return opinions.filter(agency__in=units)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return ``day`` plus ``months`` months (the last day of a shorter month)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def filter_registry(agreements, filters: dict):
    """Apply the registry's filters (country, field, unit, status, year, expiring soon)."""
    lookups = {
        "country": "partner_country",
        "field": "field",
        "unit": "unit",
        "status": "status",
        "year": "signed_on__year",
    }
    for name, lookup in lookups.items():
        if filters.get(name):
            agreements = agreements.filter(**{lookup: filters[name]})
    months = filters.get("expiring_months")
    if months:
        today = timezone.localdate()
        agreements = agreements.filter(
            valid_until__gte=today, valid_until__lte=add_months(today, months)
        )
    return agreements.order_by("-signed_on", "-pk")
