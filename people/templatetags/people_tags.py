"""Who sees the registry's link in the menu."""

from django import template

from ..selectors import may_see_registry

register = template.Library()


@register.filter
def can_see_registry(user) -> bool:
    return may_see_registry(user)
