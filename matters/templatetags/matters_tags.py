"""Template access to the registry of kinds (the menu lists one link per kind)."""

from django import template

from matters import kinds

register = template.Library()


@register.simple_tag
def matter_kinds():
    """Return every registered kind, in menu order."""
    return kinds.all_kinds()
