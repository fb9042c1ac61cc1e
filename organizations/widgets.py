"""The widgets every form shares: dates typed as dd/mm/yyyy, a searchable country list.

Both work without script: the date is a text field the server parses (the formats'
``DATE_INPUT_FORMATS`` take ``%d/%m/%Y`` first), the country list a multiple select.
``static/js/forms.js`` adds the calendar button and the search (Tom Select, vendored).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMAT = "%d/%m/%Y"


class DateInput(forms.DateInput):
    """A date typed as dd/mm/yyyy, with a calendar button that writes it the same way."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": _("ngày/tháng/năm"),
            "inputmode": "numeric",
            "autocomplete": "off",
            "maxlength": "10",
            "class": "dn-date",
            "data-date-input": "",
            "data-picker-label": _("Chọn ngày trên lịch"),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DATE_FORMAT)


class SearchableSelectMultiple(forms.SelectMultiple):
    """A multiple select that becomes a search box with chips in the browser."""

    def __init__(self, attrs=None, choices=()):
        defaults = {
            "data-searchable": "",
            "data-placeholder": _("Gõ tên để tìm, ví dụ: Hàn"),
            "data-no-results": _("Không có trong danh mục"),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, choices=choices)
