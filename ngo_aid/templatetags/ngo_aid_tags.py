"""Amounts in the Vietnamese way, for the aid's pages: ``{{ project.amount_usd|amount_vi }}``."""

from django import template

from ngo_aid.formatting import amount_vi as _amount_vi

register = template.Library()


@register.filter
def amount_vi(value) -> str:
    return _amount_vi(value)
