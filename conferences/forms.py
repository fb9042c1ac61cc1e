"""Forms of the international conference: the request and its files, the Prime Minister's
answer, and the results report with the foreign participants by country."""

from django import forms
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

from .models import Conference, ConferenceAttachment
from .services import FIELDS

Kind = ConferenceAttachment.Kind


class ConferenceForm(MatterRequestForm):
    countries = countries_field(
        _("Quốc gia của đại biểu nước ngoài"), _("Hãy chọn quốc gia của đại biểu nước ngoài.")
    )
    sensitive_topics = forms.MultipleChoiceField(
        label=_("Nội dung liên quan đến"),
        choices=Conference.Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Hội nghị có nội dung này thuộc thẩm quyền cho phép của Thủ tướng."),
    )
    end_before_start = _("Ngày kết thúc phải sau hoặc trùng ngày khai mạc.")

    class Meta:
        model = Conference
        fields = list(FIELDS)
        labels = {"start_date": _("Ngày khai mạc")}
        widgets = {"content": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "needs_pm_approval": _(
                "Có đại biểu là người đứng đầu hoặc quan chức cấp Bộ trưởng trở lên của nước "
                "ngoài, tổ chức quốc tế (Điều 3 khoản 1 điểm a Quyết định 06/2020/QĐ-TTg)."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].required = False
        self.fields["content"].required = True


class ConferenceFilesForm(MatterFilesForm):
    """The dossier's files: each optional, each checked by its content."""

    agenda = UploadField(label=Kind.AGENDA.label, required=False)
    foreign_participants = UploadField(label=Kind.FOREIGN_PARTICIPANTS.label, required=False)
    sponsor_letter = UploadField(label=Kind.SPONSOR_LETTER.label, required=False)
    other = UploadField(label=Kind.OTHER.label, required=False)


class PrimeMinisterAnswerForm(SaneInput, forms.Form):
    decision = forms.ChoiceField(
        label=_("Ý kiến của Thủ tướng Chính phủ"),
        choices=[("allow", _("Đồng ý cho phép tổ chức")), ("refuse", _("Không cho phép"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(label=_("Số, ký hiệu văn bản trả lời"), max_length=255)
    answered_on = forms.DateField(label=_("Ngày văn bản"), widget=DATE_INPUT)
    comment = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)
    answer_file = UploadField(label=Kind.PM_ANSWER.label, required=False)


class ResultsReportForm(SaneInput, forms.Form):
    """Who came (the foreign participants of each country planned, and of one more) and
    what came of it."""

    participants = forms.IntegerField(label=_("Tổng số đại biểu thực tế tham dự"), min_value=0)
    other_country = forms.ChoiceField(label=_("Quốc gia khác"), required=False)
    other_count = forms.IntegerField(
        label=_("Số đại biểu của quốc gia khác"), min_value=0, required=False
    )
    text = forms.CharField(label=_("Kết quả hội nghị, hội thảo"), widget=forms.Textarea)
    report_file = UploadField(label=_("Tệp báo cáo (nếu có)"), required=False)

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other_country"].choices = [("", "---------"), *country_choices()]
        planned = {}
        for country in conference.countries:
            planned[f"foreign_{country.code}"] = forms.IntegerField(
                label=_("Đại biểu %(country)s") % {"country": country.name},
                min_value=0,
                initial=0,
            )
        # The countries planned first, after the total.
        self.fields = {
            "participants": self.fields.pop("participants"),
            **planned,
            **self.fields,
        }

    def foreign(self) -> dict:
        """Return the foreign participants who came, by country code."""
        data = self.cleaned_data
        counts = {
            name.removeprefix("foreign_"): value
            for name, value in data.items()
            if name.startswith("foreign_") and value
        }
        if data.get("other_country") and data.get("other_count"):
            code = data["other_country"]
            counts[code] = counts.get(code, 0) + data["other_count"]
        return counts
