"""Forms of the inbound visit: the request, its guest rows or Excel list, the security check."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from matters.forms import (
    DATE_INPUT,
    MatterFilesForm,
    MatterRequestForm,
    SaneInput,
    UploadField,
    countries_field,
    country_choices,
)
from organizations.widgets import SearchableSelect

from .forms import SecurityCheckForm
from .guest_import import parse_guest_list
from .models import Attachment, InboundVisit
from .visit_services import GuestData, Outcome


class VisitForm(MatterRequestForm):
    countries = countries_field(_("Quốc gia của đoàn"), _("Hãy chọn ít nhất một quốc gia."))
    end_before_start = _("Ngày đi phải sau hoặc trùng ngày đến.")

    class Meta:
        model = InboundVisit
        fields = [
            "title",
            "organisation",
            "countries",
            "start_date",
            "end_date",
            "purpose",
            "field",
            "programme",
            "places",
            "funding_source",
            "host_leader",
            "received_by_provincial_leaders",
        ]

    def visit_fields(self) -> dict:
        return self.matter_fields()


def nationality_choices():
    # A blank first choice, so that an untouched extra row stays empty (and is skipped).
    return [("", "---------"), *country_choices()]


class GuestForm(SaneInput, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    nationality = forms.ChoiceField(
        label=_("Quốc tịch"), choices=nationality_choices, widget=SearchableSelect
    )
    passport_number = forms.CharField(label=_("Số hộ chiếu"), min_length=5, max_length=20)
    passport_expiry = forms.DateField(label=_("Hết hạn hộ chiếu"), widget=DATE_INPUT)
    date_of_birth = forms.DateField(label=_("Ngày sinh"), widget=DATE_INPUT)
    organisation = forms.CharField(label=_("Cơ quan, tổ chức"), max_length=255, required=False)
    position = forms.CharField(label=_("Chức vụ"), max_length=255, required=False)


class BaseGuestFormSet(forms.BaseFormSet):
    def guests(self) -> list[GuestData]:
        return [
            GuestData(**{k: v for k, v in f.cleaned_data.items() if k != "DELETE"})
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


GuestFormSet = forms.formset_factory(
    GuestForm, formset=BaseGuestFormSet, extra=1, can_delete=True, max_num=200
)


class GuestListForm(forms.Form):
    """The guest list as an Excel file instead of typed rows (all rows or none)."""

    guest_file = forms.FileField(label=_("Danh sách khách (tệp Excel theo mẫu)"), required=False)

    def clean_guest_file(self):
        upload = self.cleaned_data.get("guest_file")
        self.imported = None
        if upload:
            try:
                self.imported = parse_guest_list(upload)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return upload


class VisitAttachmentsForm(MatterFilesForm):
    """Files a unit adds to the request; each optional, each checked by its content."""

    invitation = UploadField(label=_("Công văn, thư đề nghị"), required=False)
    programme = UploadField(label=Attachment.Kind.PROGRAMME.label, required=False)
    passport_copies = UploadField(label=Attachment.Kind.PASSPORT_COPIES.label, required=False)
    other = UploadField(label=Attachment.Kind.OTHER.label, required=False)


class GuestSecurityCheckForm(SecurityCheckForm):
    """A verdict per guest, and what an objection does: remove the guest or return."""

    outcome = forms.ChoiceField(
        label=_("Nếu có khách không đồng ý"),
        choices=[
            (Outcome.REMOVE, _("Loại khách đó khỏi đoàn, trình lãnh đạo phần còn lại")),
            (Outcome.RETURN, _("Trả hồ sơ về đơn vị để điều chỉnh")),
        ],
        initial=Outcome.REMOVE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, guests, **kwargs):
        super().__init__(*args, members=guests, **kwargs)
