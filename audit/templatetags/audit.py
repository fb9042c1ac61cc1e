"""``{% load audit %}{% audit_timeline subject %}``: a matter's steps, for any page."""

from django import template

from audit.selectors import timeline

register = template.Library()


@register.inclusion_tag("audit/_timeline.html")
def audit_timeline(subject):
    """Render the audit timeline of ``subject`` (a matter, or a viewflow process)."""
    return {"entries": timeline(subject) if subject is not None else []}
