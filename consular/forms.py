"""The forms of the consular register: a case with its persons, and the update forms."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from matters.forms import DATE_INPUT, DATETIME_INPUT, validate_sane_date
from organizations.text import XmlSafeTextFields
from organizations.widgets import SearchableSelect

from .models import ConsularCase, Group, Status

PERSON_ROWS = 5


class CaseForm(XmlSafeTextFields, forms.ModelForm):
    """What happened, where and when; the persons come in the rows below it."""

    vessel_owner = forms.CharField(label=_("Chủ tàu"), max_length=150, required=False)

    class Meta:
        model = ConsularCase
        fields = [
            "group", "incident", "occurred_on", "nationality", "country", "sea_area", "place",
            "summary", "people_count", "vessel_number", "home_port", "representation",
        ]  # fmt: skip
        widgets = {
            "occurred_on": DATE_INPUT,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "nationality": SearchableSelect,
            "country": SearchableSelect,
        }

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is not None:
            self.fields["group"].choices = [c for c in Group.choices if c[0] in groups]
        self.fields["occurred_on"].validators.append(validate_sane_date)

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Ngày xảy ra không được ở tương lai."))
        return day

    def clean(self):
        data = super().clean()
        group = data.get("group")
        if group == Group.FOREIGNER and not data.get("nationality"):
            self.add_error("nationality", _("Hãy chọn quốc tịch của người nước ngoài."))
        if group in (Group.CITIZEN, Group.FISHERMEN) and not (
            data.get("country") or data.get("sea_area")
        ):
            self.add_error("country", _("Hãy ghi quốc gia hoặc vùng biển nơi xảy ra vụ việc."))
        if group == Group.FISHERMEN and not data.get("vessel_number"):
            self.add_error("vessel_number", _("Hãy ghi số hiệu tàu cá."))
        return data


class PersonForm(XmlSafeTextFields, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    document_number = forms.CharField(label=_("Số hộ chiếu, CCCD"), max_length=30, required=False)
    date_of_birth = forms.DateField(
        label=_("Ngày sinh"), required=False, widget=DATE_INPUT, validators=[validate_sane_date]
    )
    nationality = LazyTypedChoiceField(
        label=_("Quốc tịch"),
        choices=[("", "—"), *countries],
        required=False,
        widget=SearchableSelect,
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        filled = any(data.get(name) for name in ("document_number", "date_of_birth", "note"))
        if filled and not data.get("full_name", "").strip():
            self.add_error("full_name", _("Hãy ghi họ và tên."))
        if data.get("date_of_birth") and data["date_of_birth"] > datetime.date.today():
            self.add_error("date_of_birth", _("Ngày sinh không được ở tương lai."))
        return data


PersonFormSet = forms.formset_factory(PersonForm, extra=PERSON_ROWS, max_num=50)


def persons_of(formset) -> list[dict]:
    """Return the filled rows of a valid person formset."""
    return [form.cleaned_data for form in formset if form.cleaned_data.get("full_name", "").strip()]


class NoticeForm(XmlSafeTextFields, forms.Form):
    target = forms.ChoiceField(
        label=_("Nơi nhận"),
        choices=[
            ("ministry", _("Cục Lãnh sự, Bộ Ngoại giao")),
            ("representation", _("Cơ quan đại diện nước ngoài")),
        ],
    )
    at = forms.DateTimeField(label=_("Thời điểm thông báo"), widget=DATETIME_INPUT)
    document = forms.CharField(label=_("Văn bản, hình thức báo"), max_length=255)
    representation = forms.CharField(
        label=_("Tên cơ quan đại diện"), max_length=255, required=False
    )


class StatusForm(XmlSafeTextFields, forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng mới"))
    comment = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (s, Status(s).label) for s in case.next_statuses() if s != Status.CLOSED
        ]


class NoteForm(XmlSafeTextFields, forms.Form):
    comment = forms.CharField(
        label=_("Nội dung cập nhật"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        # The status form on the same page has a "comment" too: one id, one label.
        kwargs.setdefault("auto_id", "id_note_%s")
        super().__init__(*args, **kwargs)


class CloseForm(XmlSafeTextFields, forms.Form):
    resolution = forms.CharField(
        label=_("Kết quả giải quyết"), widget=forms.Textarea(attrs={"rows": 3})
    )
