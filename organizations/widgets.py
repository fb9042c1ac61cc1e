"""The widgets every form shares: dates typed as dd/mm/yyyy (with a time: dd/mm/yyyy
HH:MM), searchable country lists.

They work without script: a date is a text field the server parses (the formats'
``DATE_INPUT_FORMATS`` and ``DATETIME_INPUT_FORMATS`` take ``%d/%m/%Y`` first), a
country list a select. ``static/js/forms.js`` adds the calendar button and the search
(Tom Select, vendored).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"


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


class DateTimeInput(forms.DateTimeInput):
    """A moment typed as dd/mm/yyyy HH:MM; the calendar button picks the day and the hour.

    ``data-date-input="datetime"`` tells ``forms.js`` to open a date-and-time picker and
    to write the moment back the same way.
    """

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": _("ngày/tháng/năm giờ:phút"),
            "autocomplete": "off",
            "maxlength": "19",
            "class": "dn-date dn-datetime",
            "data-date-input": "datetime",
            "data-picker-label": _("Chọn ngày giờ trên lịch"),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DATETIME_FORMAT)


# What turns a select into a search box (forms.js), in Vietnamese.
SEARCHABLE = {
    "data-searchable": "",
    "data-placeholder": _("Gõ tên để tìm, ví dụ: Hàn"),
    "data-no-results": _("Không có trong danh mục"),
}


class SearchableSelectMultiple(forms.SelectMultiple):
    """A multiple select that becomes a search box with chips in the browser."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs={**SEARCHABLE, **(attrs or {})}, choices=choices)


class SearchableSelect(forms.Select):
    """A single select (a guest's nationality) that becomes a search box in the browser."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs={**SEARCHABLE, **(attrs or {})}, choices=choices)
