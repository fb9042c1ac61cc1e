"""``{% load audit %}``: a matter's steps (``audit_timeline``), an entry as a sentence."""

from django import template

from audit import sentences
from audit.selectors import can_search, timeline

register = template.Library()


@register.inclusion_tag("audit/_timeline.html")
def audit_timeline(subject):
    """Render the audit timeline of ``subject`` (a matter, or a viewflow process)."""
    return {"entries": timeline(subject) if subject is not None else []}


@register.filter
def sentence(entry) -> str:
    """Return ``entry`` told as a Vietnamese sentence ("Công an tỉnh: đồng ý 3/3 thành viên")."""
    return sentences.sentence(entry)


@register.filter
def can_search_audit(user) -> bool:
    """Return True if ``user`` may open the trail's search (the menu shows the link)."""
    return user.is_authenticated and can_search(user)
