"""Template access to who may open the consular register (the menu's link)."""

from django import template

from consular import selectors

register = template.Library()


@register.filter
def can_see_consular(user) -> bool:
    return selectors.can_see_register(user)
