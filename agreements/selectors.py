"""Reads on agreements: the registry's filters (the opinions: ``matters.consultation``)."""

import datetime

from django.utils import timezone


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
