"""Forms of the international agreement: the proposal, each step's form, the registry filter."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from matters.forms import (
    DATE_INPUT,
    DecisionForm,
    MatterFilesForm,
    SaneInput,
    UploadField,
)
from organizations.models import Unit
from organizations.widgets import SearchableSelect

from .models import LIFE_CYCLE_STATUSES, SIGNED_STATUSES, Agreement, AgreementAttachment
from .services import FIELDS

Kind = AgreementAttachment.Kind


class AgreementForm(SaneInput, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = list(FIELDS)
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "content": forms.Textarea(attrs={"rows": 5}),
            "partner_country": SearchableSelect,
        }

    def agreement_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS}


class AgreementFilesForm(MatterFilesForm):
    """The dossier's files (Art. 27): each optional, each checked by its content."""

    proposal = UploadField(label=Kind.PROPOSAL.label, required=False)
    draft_vi = UploadField(label=Kind.DRAFT_VI.label, required=False)
    draft_foreign = UploadField(label=Kind.DRAFT_FOREIGN.label, required=False)
    other = UploadField(label=Kind.OTHER.label, required=False)


class ApprovalForm(DecisionForm):
    pm_consent = forms.CharField(
        label=_("Văn bản đồng ý của Thủ tướng (khi có cơ quan không đồng ý)"),
        max_length=255,
        required=False,
    )


class SigningForm(SaneInput, forms.Form):
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DATE_INPUT)
    signed_place = forms.CharField(label=_("Nơi ký"), max_length=255)
    signed_by = forms.CharField(label=_("Người ký"), max_length=255)
    valid_from = forms.DateField(label=_("Hiệu lực từ ngày"), widget=DATE_INPUT, required=False)
    valid_until = forms.DateField(label=_("Hiệu lực đến ngày"), widget=DATE_INPUT, required=False)
    signed_copy = UploadField(label=Kind.SIGNED_COPY.label, required=False)


class EscalationForm(SaneInput, forms.Form):
    sent_on = forms.DateField(label=_("Ngày gửi văn bản xin ý kiến Thủ tướng"), widget=DATE_INPUT)
    comment = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)


class ReportForm(SaneInput, forms.Form):
    reported_on = forms.DateField(label=_("Ngày báo cáo"), widget=DATE_INPUT)


class LifeCycleForm(SaneInput, forms.Form):
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        choices=[(s.value, s.label) for s in LIFE_CYCLE_STATUSES],
    )
    valid_until = forms.DateField(
        label=_("Hiệu lực đến ngày (khi gia hạn)"), widget=DATE_INPUT, required=False
    )
    comment = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)


class ImplementationReportForm(SaneInput, forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    text = forms.CharField(label=_("Nội dung báo cáo"), widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class RegistryFilterForm(forms.Form):
    country = forms.ChoiceField(label=_("Quốc gia"), required=False)
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.all(), required=False)
    status = forms.ChoiceField(label=_("Tình trạng"), required=False)
    year = forms.IntegerField(label=_("Năm ký"), required=False, min_value=2000, max_value=2100)
    expiring_months = forms.IntegerField(
        label=_("Hết hiệu lực trong (tháng)"), required=False, min_value=1, max_value=120
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["country"].choices = everything + list(countries)
        self.fields["field"].choices = everything + list(Agreement.Field.choices)
        self.fields["status"].choices = everything + [(s.value, s.label) for s in SIGNED_STATUSES]
