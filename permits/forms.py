"""Forms of the outbound trip: the request with its member rows, and each step's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from matters.forms import (
    DATE_INPUT,
    MatterFilesForm,
    MatterRequestForm,
    SaneInput,
    UploadField,
    countries_field,
)
from organizations.models import StaffProfile
from people.models import Person

from .models import Attachment, OutboundTrip, TripMember, TripPurpose
from .services import MemberData


class TripForm(MatterRequestForm):
    countries = countries_field(_("Quốc gia đến"), _("Hãy chọn ít nhất một quốc gia đến."))
    end_before_start = _("Ngày về phải sau hoặc trùng ngày đi.")

    class Meta:
        model = OutboundTrip
        fields = [
            "title",
            "purpose",
            "purpose_detail",
            "countries",
            "cities",
            "start_date",
            "end_date",
            "inviting_partner",
            "funding_source",
            "funding_currency",
            "funding_amount",
            "programme",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].queryset = TripPurpose.objects.filter(is_active=True)

    def trip_fields(self) -> dict:
        return self.matter_fields()


class MemberForm(SaneInput, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    position = forms.CharField(label=_("Chức vụ"), max_length=255)
    unit_name = forms.CharField(label=_("Đơn vị công tác"), max_length=255)
    delegation_role = forms.ChoiceField(
        label=_("Vai trò trong đoàn"),
        choices=TripMember.DelegationRole,
        initial=TripMember.DelegationRole.MEMBER,
    )
    leader_level = forms.ChoiceField(
        label=_("Cấp lãnh đạo"),
        choices=StaffProfile.LeaderLevel,
        initial=StaffProfile.LeaderLevel.OTHER,
    )
    is_party_committee_managed = forms.BooleanField(
        label=_("Diện Ban Thường vụ Tỉnh ủy quản lý"), required=False
    )
    # Chosen from the registry of persons (ADR 0016); empty for a person typed in, who
    # is then found in the registry by name, unit and date of birth, or added to it.
    date_of_birth = forms.DateField(label=_("Ngày sinh"), required=False, widget=DATE_INPUT)
    person_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["full_name"].widget.attrs.update(
            {"data-person-search": "1", "autocomplete": "off"}
        )

    def clean_person_id(self):
        person_id = self.cleaned_data.get("person_id")
        if person_id is None or self.user is None:
            return person_id
        if not Person.objects.visible_to(self.user).filter(pk=person_id).exists():
            raise forms.ValidationError(_("Không tìm thấy cá nhân đã chọn trong danh bạ."))
        return person_id


class BaseMemberFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if not rows:
            raise forms.ValidationError(_("Đoàn phải có ít nhất một thành viên."))
        heads = [r for r in rows if r["delegation_role"] == TripMember.DelegationRole.HEAD]
        if len(heads) != 1:
            raise forms.ValidationError(_("Đoàn phải có đúng một trưởng đoàn."))

    def members(self) -> list[MemberData]:
        return [
            MemberData(**{k: v for k, v in f.cleaned_data.items() if k != "DELETE"})
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


MemberFormSet = forms.formset_factory(
    MemberForm, formset=BaseMemberFormSet, extra=1, can_delete=True, max_num=100
)


def member_initial(trip) -> list[dict]:
    return [
        {
            "full_name": m.full_name,
            "position": m.position,
            "unit_name": m.unit_name,
            "delegation_role": m.delegation_role,
            "leader_level": m.leader_level,
            "is_party_committee_managed": m.is_party_committee_managed,
            "person_id": m.person_id,
            "date_of_birth": m.person.date_of_birth if m.person_id else None,
        }
        for m in trip.members.select_related("person")
    ]


class AttachmentsForm(MatterFilesForm):
    """Files a user adds to a step; each one optional, each checked by its content."""

    invitation = UploadField(label=Attachment.Kind.INVITATION.label, required=False)
    invitation_translation = UploadField(
        label=Attachment.Kind.INVITATION_TRANSLATION.label, required=False
    )
    programme = UploadField(label=Attachment.Kind.PROGRAMME.label, required=False)
    other = UploadField(label=Attachment.Kind.OTHER.label, required=False)


class PartyOpinionForm(SaneInput, forms.Form):
    number = forms.CharField(label=_("Số văn bản"), max_length=50)
    date = forms.DateField(label=_("Ngày văn bản"), widget=DATE_INPUT)
    content = forms.CharField(label=_("Nội dung ý kiến"), widget=forms.Textarea)
    opinion_file = UploadField(label=_("Bản chụp văn bản ý kiến (nếu có)"), required=False)
    comment = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)


class SecurityCheckForm(SaneInput, forms.Form):
    """One verdict (and a note) per member, plus notes for the whole delegation."""

    notes = forms.CharField(label=_("Lưu ý chung"), widget=forms.Textarea, required=False)
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        choices = [c for c in TripMember.Verdict.choices if c[0] != TripMember.Verdict.PENDING]
        for member in self.members:
            self.fields[f"verdict_{member.pk}"] = forms.ChoiceField(
                label=member.full_name, choices=choices, widget=forms.RadioSelect
            )
            self.fields[f"note_{member.pk}"] = forms.CharField(
                label=_("Ghi chú"), max_length=500, required=False
            )

    def rows(self):
        return [(m, self[f"verdict_{m.pk}"], self[f"note_{m.pk}"]) for m in self.members]

    def verdicts(self) -> dict:
        return {
            m.pk: (self.cleaned_data[f"verdict_{m.pk}"], self.cleaned_data[f"note_{m.pk}"])
            for m in self.members
        }


class ReportForm(SaneInput, forms.Form):
    text = forms.CharField(label=_("Nội dung báo cáo kết quả"), widget=forms.Textarea)
    report_file = UploadField(label=_("Tệp báo cáo (nếu có)"), required=False)


class WithdrawForm(SaneInput, forms.Form):
    comment = forms.CharField(label=_("Lý do rút hồ sơ"), widget=forms.Textarea, required=False)


class MemberLinkField(forms.ModelMultipleChoiceField):
    """The links of members to staff members, each with a box to remove a wrong one."""

    def label_from_instance(self, member):
        user = member.user
        position = getattr(getattr(user, "profile", None), "position", "")
        who = f"{user.get_full_name()} ({position})" if position else user.get_full_name()
        return _("Bỏ liên kết: %(member)s là cán bộ %(user)s") % {
            "member": member.full_name,
            "user": who,
        }


def member_links_field(trip) -> MemberLinkField | None:
    """Return the reviewer's list of ``trip``'s proposed links, or None if there is none.

    A box ticked removes that link; forwarding leaves the others confirmed. Nothing
    ticked keeps every link: a link kept in error only sends the decision higher.
    """
    linked = trip.members.filter(user__isnull=False).select_related("user__profile")
    if not linked.exists():
        return None
    return MemberLinkField(
        label=_("Liên kết thành viên với cán bộ"),
        queryset=linked,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Đánh dấu liên kết không đúng người để bỏ. Lãnh đạo là thành viên đoàn không"
            " phê duyệt chuyến đi của mình."
        ),
    )
