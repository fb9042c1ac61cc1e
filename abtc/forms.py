"""Forms of the ABTC request: the business's papers and managers, the leader's decision
manager by manager, and a card in the register."""

from django import forms
from django.utils.translation import gettext_lazy as _

from matters.forms import (
    DATE_INPUT,
    MatterFilesForm,
    SaneInput,
    SelectAgenciesForm,
    UploadField,
)

from .economies import Economy
from .models import AbtcAttachment, AbtcRequest
from .services import FIELDS, ManagerData, default_agencies

Kind = AbtcAttachment.Kind


def economies_field(label=None):
    return forms.MultipleChoiceField(
        label=label or _("Nền kinh tế APEC đề nghị đến"),
        choices=Economy.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Hãy chọn ít nhất một nền kinh tế APEC."),
            "invalid_choice": _("Nền kinh tế “%(value)s” không thuộc Chương trình thẻ ABTC."),
        },
    )


class AbtcRequestForm(SaneInput, forms.ModelForm):
    economies = economies_field()

    class Meta:
        model = AbtcRequest
        fields = list(FIELDS)
        widgets = {
            "established_on": DATE_INPUT,
            "apec_partners": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }

    def matter_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ManagerForm(SaneInput, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    date_of_birth = forms.DateField(label=_("Ngày sinh"), widget=DATE_INPUT)
    position = forms.CharField(label=_("Chức vụ"), max_length=150)
    appointment = forms.CharField(
        label=_("Quyết định bổ nhiệm, hợp đồng lao động"), max_length=255, required=False
    )
    passport_number = forms.CharField(label=_("Số hộ chiếu"), max_length=20)


class BaseManagerFormSet(forms.BaseFormSet):
    #: A revision may leave the rows blank: the request keeps its managers.
    optional = False

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.managers() and not self.optional:
            raise forms.ValidationError(_("Hãy nhập ít nhất một doanh nhân đề nghị cấp thẻ."))

    def managers(self) -> list[ManagerData]:
        return [
            ManagerData(**{k: v for k, v in f.cleaned_data.items() if k != "DELETE"})
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


ManagerFormSet = forms.formset_factory(
    ManagerForm, formset=BaseManagerFormSet, extra=1, can_delete=True, max_num=100
)


class AbtcFilesForm(MatterFilesForm):
    """The business's papers (the dossier of Art. 12(2)): each checked by its content."""

    registration = UploadField(label=Kind.REGISTRATION.label, required=False)
    compliance = UploadField(label=Kind.COMPLIANCE.label, required=False)
    contracts = UploadField(label=Kind.CONTRACTS.label, required=False)
    passports = UploadField(label=Kind.PASSPORTS.label, required=False)
    employment = UploadField(label=Kind.EMPLOYMENT.label, required=False)
    social_insurance = UploadField(label=Kind.SOCIAL_INSURANCE.label, required=False)
    financial_statements = UploadField(label=Kind.FINANCIAL_STATEMENTS.label, required=False)
    other = UploadField(label=Kind.OTHER.label, required=False)


class AbtcAgenciesForm(SelectAgenciesForm):
    """Whom to consult: the tax office and social insurance ticked, as configured."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].initial = list(default_agencies().values_list("pk", flat=True))


class ApproveForm(SaneInput, forms.Form):
    """The leader's decision: allow (for the managers ticked), return, or refuse all."""

    decision = forms.ChoiceField(label=_("Ý kiến"), widget=forms.RadioSelect)
    managers = forms.MultipleChoiceField(
        label=_("Doanh nhân được cho phép sử dụng thẻ"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    comment = forms.CharField(label=_("Nội dung, ý kiến"), widget=forms.Textarea, required=False)

    def __init__(self, *args, choices, managers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = choices
        self.fields["managers"].choices = [
            (str(m.pk), f"{m.full_name} – {m.position}") for m in managers
        ]
        self.fields["managers"].initial = [str(m.pk) for m in managers]

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision in ("return", "reject") and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Hãy ghi rõ lý do hoặc nội dung cần làm rõ."))
        if decision == "approve" and not cleaned.get("managers"):
            self.add_error("managers", _("Hãy chọn ít nhất một doanh nhân."))
        return cleaned


class CardForm(SaneInput, forms.Form):
    """A card the Immigration Department issued, for the register."""

    number = forms.CharField(label=_("Số thẻ ABTC"), max_length=30)
    issued_on = forms.DateField(label=_("Ngày cấp"), widget=DATE_INPUT)
    expires_on = forms.DateField(
        label=_("Ngày hết hạn"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Để trống: 5 năm kể từ ngày cấp."),
    )
    economies = economies_field(_("Nền kinh tế ghi trên thẻ"))
