"""``{% load audit %}{% audit_timeline subject %}``: a matter's steps, for any page."""

from django import template

from audit.selectors import can_search, timeline

register = template.Library()


@register.inclusion_tag("audit/_timeline.html")
def audit_timeline(subject):
    """Render the audit timeline of ``subject`` (a matter, or a viewflow process)."""
    return {"entries": timeline(subject) if subject is not None else []}


@register.filter
def can_search_audit(user) -> bool:
    """Return True if ``user`` may open the trail's search (the menu shows the link)."""
    return user.is_authenticated and can_search(user)
