"""The auditor's search form: period, actor, unit, action, kind of matter, text."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from organizations.models import Unit
from organizations.widgets import DateInput

from . import selectors
from .models import Action

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
# The days a search may name: wide enough for any entry, narrow enough that the day after
# the last one and local midnight of the first one are still datetimes (9999-12-31 is not).
FIRST_DAY, LAST_DAY = datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)
OUTSIDE_WINDOW = _("Hãy chọn ngày từ 01/01/2000 đến 31/12/2099.")
WINDOW = [
    MinValueValidator(FIRST_DAY, message=OUTSIDE_WINDOW),
    MaxValueValidator(LAST_DAY, message=OUTSIDE_WINDOW),
]


class KindChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        model = obj.model_class()
        return str(model._meta.verbose_name).capitalize() if model else obj.name


class SearchForm(forms.Form):
    start = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        validators=WINDOW,
        widget=DateInput(),
    )
    end = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        validators=WINDOW,
        widget=DateInput(),
    )
    actor = forms.ModelChoiceField(
        label=_("Người thực hiện"),
        queryset=get_user_model().objects.order_by("full_name", "username"),
        required=False,
        empty_label=_("Tất cả"),
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.order_by("name"),
        required=False,
        empty_label=_("Tất cả"),
    )
    action = forms.ChoiceField(
        label=_("Hành động"), choices=[("", _("Tất cả")), *Action.choices], required=False
    )
    kind = KindChoiceField(
        label=_("Loại hồ sơ"),
        queryset=selectors.subject_kinds(),
        required=False,
        empty_label=_("Tất cả"),
    )
    q = forms.CharField(
        label=_("Nội dung"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"placeholder": _("Ý kiến, tên hồ sơ, người thực hiện, nội dung thay đổi")}
        ),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
        return cleaned

    def error_text(self) -> str:
        """Return every error of the form on one line, for a refused export."""
        return " ".join(message for errors in self.errors.values() for message in errors)

    def filters(self) -> dict:
        """Return the keyword arguments of ``selectors.search`` (empty when invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "start": data["start"],
            "end": data["end"],
            "actor": data["actor"],
            "unit": data["unit"],
            "action": data["action"],
            "kind": data["kind"],
            "text": data["q"],
        }
