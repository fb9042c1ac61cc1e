"""``{% filter page_title:brand.province %}…{% endfilter %}``: the tab title of a page."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from organizations import branding

register = template.Library()


@register.filter(is_safe=True)
def page_title(text, province) -> str:
    """Return "<text> · <product> · <province>" (see ``organizations.branding``).

    ``text`` is the page's rendered (already escaped) title block; the names are escaped
    here."""
    return mark_safe(branding.page_title(text, conditional_escape(str(province))))
