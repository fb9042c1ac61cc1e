"""Reads on ABTC requests: the register of cards and the statistics.

Every read starts from ``AbtcRequest.objects.visible_to(user)`` (DESIGN §5): a business
sees its own requests and cards, the focal agency, leaders and auditors see what their
roles see, and nobody sees another business's.

Counting rules: a request counts in the year of its decision when the People's
Committee allowed it (``COUNTED``); a manager counts when allowed; an economy counts
once per manager allowed to travel there (the economies asked for, or those on the card
once it is registered).
"""

from collections import Counter

from .economies import names
from .models import COUNTED, AbtcRequest, Manager


def cards(requests):
    """Return the registered cards of the visible ``requests``, soonest to expire first."""
    return (
        Manager.objects.filter(request__in=requests, approved=True)
        .exclude(card_number="")
        .select_related("request__unit")
        .order_by("card_expires_on", "pk")
    )


def allowed_managers(requests, year: int | None = None):
    """Return the managers allowed in ``requests`` counted (in ``year`` of the decision)."""
    counted = requests.filter(status__in=COUNTED)
    if year:
        counted = counted.filter(decision_date__year=year)
    return Manager.objects.filter(request__in=counted, approved=True).select_related(
        "request__unit"
    )


def economies_of(manager) -> list[str]:
    return manager.card_economies or manager.request.economies


def statistics(requests, year: int | None = None) -> dict:
    """Return the figures of the visible ``requests``: by year, by economy, by business."""
    managers = list(allowed_managers(requests, year))
    counted = requests.filter(status__in=COUNTED)
    if year:
        counted = counted.filter(decision_date__year=year)
    by_year = Counter()
    requests_by_year = Counter(
        r.decision_date.year for r in counted.only("decision_date") if r.decision_date
    )
    by_economy, by_business, requests_by_business = Counter(), Counter(), Counter()
    cards = 0
    for manager in managers:
        abtc_request = manager.request
        if abtc_request.decision_date:
            by_year[abtc_request.decision_date.year] += 1
        by_business[abtc_request.unit.name] += 1
        for code in economies_of(manager):
            by_economy[code] += 1
        cards += manager.has_card
    for abtc_request in counted.select_related("unit"):
        requests_by_business[abtc_request.unit.name] += 1
    return {
        "requests": sum(requests_by_year.values()),
        "managers": len(managers),
        "cards": cards,
        "by_year": [
            {"year": y, "requests": requests_by_year[y], "managers": by_year[y]}
            for y in sorted(requests_by_year, reverse=True)
        ],
        "by_economy": [
            {"code": code, "name": names([code])[0], "managers": n}
            for code, n in sorted(by_economy.items(), key=lambda item: (-item[1], item[0]))
        ],
        "by_business": [
            {"name": name, "requests": requests_by_business[name], "managers": n}
            for name, n in sorted(by_business.items(), key=lambda item: (-item[1], item[0]))
        ],
    }


def years(requests) -> list[int]:
    return [
        d.year for d in requests.filter(status__in=COUNTED).dates("decision_date", "year", "DESC")
    ]


__all__ = ["AbtcRequest", "allowed_managers", "cards", "statistics", "years"]
