"""The product's name and the province's, as every page shows them (header, tab title).

The product is called ``settings.PRODUCT_NAME`` ("Đối ngoại", a working name); the
province is ``settings.PROVINCE_NAME``, the installation's province (the province row
is created with that name). Read from settings, not the database: every page shows it,
and the error pages must show it when the database is what failed.
"""

from django.conf import settings
from django.utils.html import conditional_escape
from django.utils.text import capfirst

# What a page's own title may end with before the brand is added: "Trang chủ · ".
_SEPARATORS = " ·-–|"


def province_name() -> str:
    """Return the province's name as a heading shows it ("Tỉnh Bình Định")."""
    return capfirst(settings.PROVINCE_NAME)


def page_title(text: str, province: str) -> str:
    """Return the tab title "<page> · <product> · <province>"; the page part is left out
    when empty, and never repeats the product a viewflow title may already end with."""
    product = conditional_escape(settings.PRODUCT_NAME)
    text = str(text).strip().rstrip(_SEPARATORS).strip()
    if text.endswith(product):
        text = text[: -len(product)].rstrip(_SEPARATORS).strip()
    return " · ".join(part for part in (text, product, province) if part)


def brand(request):
    """Template context: ``brand.product`` and ``brand.province``."""
    return {"brand": {"product": settings.PRODUCT_NAME, "province": province_name()}}
