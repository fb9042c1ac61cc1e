"""Template filters of the report: Vietnamese numbers, who sees the report link, and the
requests for figures a person's agency has to answer."""

from django import template

from .. import formatting, selectors

register = template.Library()


@register.filter
def vi_number(value) -> str:
    """2720 → "2.720"."""
    return formatting.number_vi(value)


@register.filter
def vi_count(value) -> str:
    """6 → "06", 2720 → "2.720"."""
    return formatting.count_vi(value)


@register.filter
def vi_decimal(value) -> str:
    """41.20 → "41,2", 1550 → "1.550"."""
    return formatting.decimal_vi(value)


@register.filter
def vi_signed(value) -> str:
    """2 → "+2", -3 → "-3"."""
    return formatting.signed_vi(value)


@register.filter
def can_see_reports(user) -> bool:
    return selectors.can_see_reports(user)


@register.simple_tag
def figure_requests_to_answer(user):
    return list(selectors.figure_requests_to_answer(user))
