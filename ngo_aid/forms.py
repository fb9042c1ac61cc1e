"""Forms of foreign NGO aid: the request and its files, the start, a disbursement, a
periodic report; the register of NGOs and the meetings with them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from matters.forms import (
    DATE_INPUT,
    MatterFilesForm,
    MatterRequestForm,
    SaneInput,
    SelectAgenciesForm,
    UploadField,
)
from organizations.models import Province, Unit
from organizations.widgets import SearchableSelect

from .models import AidAttachment, AidProject, ForeignNGO, Meeting
from .services import FIELDS, appraising_agency

Kind = AidAttachment.Kind


class AidProjectForm(MatterRequestForm):
    end_before_start = _("Thời gian kết thúc phải sau hoặc trùng thời gian bắt đầu.")

    class Meta:
        model = AidProject
        fields = list(FIELDS)
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "beneficiaries": forms.Textarea(attrs={"rows": 2}),
            "rate_date": DATE_INPUT,
        }
        help_texts = {
            "usd_rate": _("Số USD cho một đơn vị nguyên tệ tại ngày áp dụng (USD: 1)."),
            "amount": _("Ví dụ 125000.50 (dấu chấm trước phần lẻ)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["donor"].queryset = ForeignNGO.objects.order_by("name")
        self.fields["objectives"].required = True


class AidFilesForm(MatterFilesForm):
    """The dossier's files: the donor's commitment, the project document and the donor's
    legal papers (docs/flows.md), each checked by its content."""

    commitment = UploadField(label=Kind.COMMITMENT.label, required=False)
    project_document = UploadField(label=Kind.PROJECT_DOCUMENT.label, required=False)
    legal_papers = UploadField(label=Kind.LEGAL_PAPERS.label, required=False)
    other = UploadField(label=Kind.OTHER.label, required=False)


class AppraisalAgenciesForm(SelectAgenciesForm):
    """The agencies the appraising agency consults: any but itself and the police (who
    are always asked); the focal agency for foreign affairs among them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province = Province.current()
        appraiser = appraising_agency() or province.focal_agency
        left_out = [u.pk for u in (province.security_agency, appraiser) if u]
        self.fields["agencies"].queryset = (
            Unit.objects.filter(is_active=True).exclude(pk__in=left_out).order_by("name")
        )


class StartForm(SaneInput, forms.Form):
    started_on = forms.DateField(label=_("Ngày bắt đầu thực hiện"), widget=DATE_INPUT)
    comment = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)


class PeriodicReportForm(SaneInput, forms.Form):
    text = forms.CharField(label=_("Nội dung báo cáo tình hình thực hiện"), widget=forms.Textarea)
    report_file = UploadField(label=_("Tệp báo cáo (nếu có)"), required=False)


class DisbursementForm(SaneInput, forms.Form):
    disbursed_on = forms.DateField(label=_("Ngày giải ngân"), widget=DATE_INPUT)
    amount = forms.DecimalField(
        label=_("Số tiền (nguyên tệ)"), max_digits=18, decimal_places=2, min_value=0.01
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class NgoForm(SaneInput, forms.ModelForm):
    class Meta:
        model = ForeignNGO
        fields = [
            "name",
            "name_vi",
            "country",
            "registration_kind",
            "registration_number",
            "registration_issuer",
            "registration_valid_from",
            "registration_valid_until",
            "contact_person",
            "contact_email",
            "contact_phone",
            "address",
            "areas",
        ]
        widgets = {
            "registration_valid_from": DATE_INPUT,
            "registration_valid_until": DATE_INPUT,
            "areas": forms.Textarea(attrs={"rows": 3}),
            "country": SearchableSelect,
        }


class MeetingForm(SaneInput, forms.ModelForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Tổ chức tham dự"),
        queryset=ForeignNGO.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Meeting
        fields = ["held_on", "title", "level", "place", "content"]
        widgets = {"held_on": DATE_INPUT, "content": forms.Textarea(attrs={"rows": 3})}


class LinkVisitForm(SaneInput, forms.Form):
    reference = forms.CharField(label=_("Mã hồ sơ đoàn vào"), max_length=30)
