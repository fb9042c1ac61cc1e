"""Forms of the registry: a person added by hand, the merge of a duplicate, a passport."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.models import StaffProfile, Unit
from organizations.text import XmlSafeTextFields
from organizations.widgets import DateInput

from .models import Passport, Person

DATE_INPUT = DateInput()


class PersonForm(XmlSafeTextFields, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    date_of_birth = forms.DateField(label=_("Ngày sinh"), required=False, widget=DATE_INPUT)
    sex = forms.ChoiceField(
        label=_("Giới tính"), choices=[("", "—"), *Person.Sex.choices], required=False
    )
    identity_number = forms.CharField(
        label=_("Số định danh cá nhân"), max_length=20, required=False
    )
    position = forms.CharField(label=_("Chức vụ"), max_length=255, required=False)
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        error_messages={
            "required": _("Hãy chọn đơn vị của cá nhân."),
            "invalid_choice": _("Hãy chọn đơn vị trong danh sách."),
        },
    )

    def __init__(self, *args, units, **kwargs):
        """``units``: those the user may add a person to (a unit's own; any for the
        focal agency); the only one is chosen already."""
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = units.order_by("name")
        if len(field.queryset) == 1:
            field.initial = field.queryset[0].pk

    def clean_identity_number(self):
        value = "".join(self.cleaned_data["identity_number"].split())
        if value and not (value.isdigit() and len(value) in (9, 12)):
            raise forms.ValidationError(
                _("Số định danh cá nhân gồm 12 chữ số (hoặc 9 với CMND cũ).")
            )
        return value


class PersonEditForm(PersonForm):
    """The focal agency's correction of a person: the same fields and the leader level;
    the identity number is typed again only to change it."""

    leader_level = forms.ChoiceField(label=_("Cấp lãnh đạo"), choices=StaffProfile.LeaderLevel)

    field_order = ["full_name", "date_of_birth", "sex", "identity_number", "unit"]

    def __init__(self, *args, person, **kwargs):
        initial = {name: getattr(person, name) for name in ("full_name", "date_of_birth")}
        initial |= {"sex": person.sex, "position": person.position, "unit": person.unit_id}
        initial["leader_level"] = person.leader_level
        super().__init__(*args, initial=initial, **kwargs)
        # A person of no unit of the province (a leader named by office) may stay so.
        self.fields["unit"].required = person.unit_id is not None
        self.fields["identity_number"].help_text = _("Để trống để giữ số đã lưu (%(masked)s).") % {
            "masked": person.identity_masked or "—"
        }


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        label=_("Bản ghi trùng sẽ gộp vào"),
        queryset=Person.objects.none(),
        error_messages={
            "required": _("Hãy chọn bản ghi trùng cần gộp."),
            "invalid_choice": _("Hãy chọn bản ghi trùng cần gộp."),
        },
    )
    comment = forms.CharField(label=_("Lý do"), widget=forms.Textarea, required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = candidates


class AccountForm(forms.Form):
    staff_profile = forms.ModelChoiceField(
        label=_("Tài khoản cán bộ"),
        queryset=StaffProfile.objects.filter(user__is_active=True)
        .select_related("user", "unit")
        .order_by("unit__name", "user__full_name"),
        required=False,
        empty_label=_("— Không gắn tài khoản —"),
        error_messages={"invalid_choice": _("Hãy chọn một tài khoản cán bộ trong danh sách.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["staff_profile"]
        field.label_from_instance = lambda p: (
            f"{p.user.get_full_name()} ({p.user.username}) – {p.unit}"
        )


class PassportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại hộ chiếu"), choices=Passport.Kind.choices)
    number = forms.CharField(label=_("Số hộ chiếu"), max_length=20)
    issued_on = forms.DateField(label=_("Ngày cấp"), required=False, widget=DATE_INPUT)
    expires_on = forms.DateField(label=_("Ngày hết hạn"), widget=DATE_INPUT)
    kept_by = forms.ModelChoiceField(
        label=_("Cơ quan lưu giữ"), queryset=Unit.objects.filter(is_active=True), required=False
    )
