"""Forms every kind of matter shares: the request's period and countries, sane dates and
text at input, and the step decision.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from organizations.models import Province, Unit
from organizations.text import XmlSafeTextFields
from organizations.widgets import (
    DateInput,
    DateTimeInput,
    SearchableSelectMultiple,
)

from .files import validate_upload
from .models import ConsultedOpinion

# Every date field's widget: typed and shown as dd/mm/yyyy (``organizations.widgets``).
DATE_INPUT = DateInput()
# Every moment's widget (a date and a time): typed and shown as dd/mm/yyyy HH:MM.
DATETIME_INPUT = DateTimeInput()

# Every date typed into a form falls in this window: dates of birth included, and far
# enough ahead for any plan. Outside it a date is a typing error, and a year 9999
# would overflow the timers computed from it.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2099, 12, 31)
# A request's event starts at most this many years ahead.
PLANNING_YEARS = 5


def validate_sane_date(value: datetime.date) -> None:
    """Refuse a date outside ``EARLIEST_DATE``..``LATEST_DATE``."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            _("Ngày %(date)s nằm ngoài khoảng cho phép (%(first)s đến %(last)s)."),
            code="date_out_of_bounds",
            params={
                "date": value.strftime("%d/%m/%Y"),
                "first": EARLIEST_DATE.strftime("%d/%m/%Y"),
                "last": LATEST_DATE.strftime("%d/%m/%Y"),
            },
        )


class UploadField(forms.FileField):
    """An optional or required file, checked by its content when the form is validated.

    A refused file is then a form error before anything is stored.
    """

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial:
            validate_upload(upload)
        return upload


class MatterFilesForm(forms.Form):
    """A request's files: each field an ``UploadField`` named after its kind of file.

    Its inputs' ids start ``id_file_``: a kind of file may share its name with a field
    of the request ("programme": the file and the text), and a label names one input.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_file_%s")
        super().__init__(*args, **kwargs)

    def files_by_kind(self):
        return [(kind, f) for kind, f in self.cleaned_data.items() if f]


class SaneInput(XmlSafeTextFields):
    """Form mixin: text XML can carry (see XmlSafeTextFields) and dates in a sane window.

    Put it first: ``class TripForm(SaneInput, forms.ModelForm)``. It covers the fields a
    form adds in its ``__init__`` too, as it attaches the validators when the form is
    cleaned.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.DateInput:  # a model's date, Django's default
                field.widget = DateInput(attrs=field.widget.attrs)

    def full_clean(self):
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and validate_sane_date not in field.validators:
                field.validators.append(validate_sane_date)
        super().full_clean()


def country_choices():
    """Return ISO code → name in the active language (Vietnamese names in Vietnamese)."""
    return list(countries)


def countries_field(label, required_message) -> forms.MultipleChoiceField:
    """Return the field of a request's countries (several, from the country list)."""
    return forms.MultipleChoiceField(
        label=label,
        choices=country_choices,
        widget=SearchableSelectMultiple(attrs={"size": 8}),
        error_messages={
            "required": required_message,
            "invalid_choice": _("Quốc gia “%(value)s” không có trong danh mục."),
        },
    )


class MatterRequestForm(SaneInput, forms.ModelForm):
    """The request a unit files: its own fields, a period (start and end) and countries.

    The period must lie ahead: a new or revised request cannot start in the past, nor
    more than ``PLANNING_YEARS`` ahead, and cannot end before it starts. (Matters
    decided before the system existed come in through ``import_records``, which takes
    past dates.) A kind sets ``end_before_start`` to its own wording.
    """

    end_before_start = _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start_date", "end_date"):
            if name in self.fields:
                self.fields[name].widget = DateInput()
        if self.instance.pk and "countries" in self.fields:
            self.initial["countries"] = [c.code for c in self.instance.countries]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        today = timezone.localdate()
        if start and start < today:
            self.add_error("start_date", _("Ngày bắt đầu đã qua; hãy chọn một ngày từ hôm nay."))
        elif start and start.year > today.year + PLANNING_YEARS:
            self.add_error(
                "start_date",
                _("Ngày bắt đầu quá xa (tối đa %(years)d năm kể từ nay).")
                % {"years": PLANNING_YEARS},
            )
        if start and end and end < start:
            self.add_error("end_date", self.end_before_start)
        return cleaned

    def matter_fields(self) -> dict:
        """Return the cleaned values of the form's model fields, for the kind's service."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class CommentForm(SaneInput, forms.Form):
    """A reason given with a side action (withdrawing, cancelling a consultation)."""

    comment = forms.CharField(label=_("Lý do"), widget=forms.Textarea, required=False)


class DecisionForm(SaneInput, forms.Form):
    """A step's decision among ``choices`` with a comment (required for some choices)."""

    decision = forms.ChoiceField(label=_("Ý kiến"), widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Nội dung, ý kiến"), widget=forms.Textarea, required=False)

    def __init__(self, *args, choices, comment_required_for=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = choices
        self.comment_required_for = comment_required_for

    def clean(self):
        cleaned = super().clean()
        decision, comment = cleaned.get("decision"), cleaned.get("comment", "")
        if decision in self.comment_required_for and not comment.strip():
            self.add_error("comment", _("Hãy ghi rõ lý do hoặc nội dung cần chỉnh sửa."))
        return cleaned


# -- the consultation (``matters.consultation``): choosing, answering, summing up --------


class SelectAgenciesForm(SaneInput, forms.Form):
    agencies = forms.ModelMultipleChoiceField(
        label=_("Cơ quan được lấy ý kiến (ngoài cơ quan an ninh)"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    comment = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province = Province.current()
        left_out = [u.pk for u in (province.security_agency, province.focal_agency) if u]
        self.fields["agencies"].queryset = (
            Unit.objects.filter(is_active=True).exclude(pk__in=left_out).order_by("name")
        )


class OpinionForm(SaneInput, forms.Form):
    verdict = forms.ChoiceField(
        label=_("Ý kiến"), choices=ConsultedOpinion.Verdict.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("Nội dung ý kiến"), widget=forms.Textarea, required=False)
    opinion_file = UploadField(label=_("Văn bản ý kiến (nếu có)"), required=False)


class SynthesisForm(SaneInput, forms.Form):
    summary = forms.CharField(label=_("Báo cáo tổng hợp ý kiến"), widget=forms.Textarea)
    comment = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)


# -- the annual plan (``matters.planning``): the item a request carries out, or why none --


class PlanLinkForm(SaneInput, forms.Form):
    """Which item of the unit's approved annual plan the request carries out; without
    one, the reason it arose (lý do phát sinh). Every planned kind's request form has it."""

    plan_item = forms.ModelChoiceField(
        label=_("Thuộc mục kế hoạch năm"),
        queryset=None,
        required=False,
        empty_label=_("— Không thuộc kế hoạch (ngoài kế hoạch) —"),
    )
    unplanned_reason = forms.CharField(
        label=_("Lý do phát sinh (nếu ngoài kế hoạch)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_item"].queryset = items
        self.fields["plan_item"].label_from_instance = lambda item: item.choice_label


# -- the issuance of a document (``matters.issuance``, ADR 0012) ------------------------


class SignForm(forms.Form):
    """The signed document: its PDF (scanned or digitally signed) and the signing date."""

    signed_file = forms.FileField(
        label=_("Bản đã ký (PDF: bản quét hoặc bản ký số)"),
        help_text=_("Tệp được lưu nguyên vẹn, là bản gốc điện tử của văn bản."),
    )
    signed_on = forms.DateField(label=_("Ngày ký"), initial=timezone.localdate, widget=DATE_INPUT)


class RegisterForm(forms.Form):
    """The registration: the number from the register (unless the system gives it) and
    the date of issue."""

    sequence = forms.IntegerField(
        label=_("Số đăng ký trong sổ văn bản của UBND tỉnh"), min_value=1, required=False
    )
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), initial=timezone.localdate, widget=DATE_INPUT
    )

    def __init__(self, *args, auto=False, **kwargs):
        super().__init__(*args, **kwargs)
        if auto:
            del self.fields["sequence"]
        else:
            self.fields["sequence"].required = True


class ChangeRequestForm(forms.Form):
    """The unit's request to amend or cancel an issued document."""

    purpose = forms.ChoiceField(
        label=_("Đề nghị"),
        choices=[
            ("amendment", _("Điều chỉnh quyết định")),
            ("cancellation", _("Hủy quyết định")),
        ],
        widget=forms.RadioSelect,
    )
    start_date = forms.DateField(label=_("Ngày bắt đầu mới"), required=False, widget=DATE_INPUT)
    end_date = forms.DateField(label=_("Ngày kết thúc mới"), required=False, widget=DATE_INPUT)
    remove_members = forms.MultipleChoiceField(
        label=_("Thành viên thôi tham gia"), required=False, widget=forms.CheckboxSelectMultiple
    )
    add_people = forms.ModelMultipleChoiceField(
        label=_("Bổ sung thành viên (từ danh sách cá nhân)"),
        help_text=_("Người được bổ sung phải qua thẩm tra an ninh trước khi trình lãnh đạo."),
        queryset=None,
        required=False,
    )
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea)

    def __init__(self, *args, members=(), people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members:
            self.fields["remove_members"].choices = [(str(m.pk), m.full_name) for m in members]
        else:
            del self.fields["remove_members"]
        if people is not None:
            self.fields["add_people"].queryset = people
            self.fields["add_people"].label_from_instance = _person_label
        else:
            del self.fields["add_people"]

    def changes(self) -> dict:
        data = self.cleaned_data
        changes = {}
        for field in ("start_date", "end_date"):
            if data.get(field):
                changes[field] = data[field].isoformat()
        removed = [int(pk) for pk in data.get("remove_members") or ()]
        if removed:
            changes["remove_members"] = removed
        added = data.get("add_people") or ()
        if added:
            changes["add_people"] = [{"person": p.pk, "name": p.full_name} for p in added]
        return changes


def _person_label(person) -> str:
    born = f", {person.date_of_birth:%d/%m/%Y}" if person.date_of_birth else ""
    where = f" – {person.position}" if person.position else ""
    return f"{person.full_name}{born}{where}"


class ChangeVettingForm(forms.Form):
    """The security agency's verdict (and a note) on each person an amendment adds."""

    VERDICTS = [
        ("cleared", _("Đồng ý")),
        ("cleared_with_notes", _("Đồng ý, có lưu ý")),
        ("objected", _("Không đồng ý")),
    ]
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea, required=False)

    def __init__(self, *args, added=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.added = list(added)
        for entry in self.added:
            pk = entry["person"]
            self.fields[f"verdict_{pk}"] = forms.ChoiceField(
                label=entry["name"], choices=self.VERDICTS, widget=forms.RadioSelect
            )
            self.fields[f"note_{pk}"] = forms.CharField(
                label=_("Ghi chú"), max_length=500, required=False
            )

    def verdicts(self) -> dict:
        data = self.cleaned_data
        return {
            e["person"]: (data[f"verdict_{e['person']}"], data[f"note_{e['person']}"])
            for e in self.added
        }
