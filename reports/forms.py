"""The report page's period picker: presets, or dates typed as dd/mm/yyyy."""

import datetime
import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.models import Province, Unit
from organizations.widgets import DateInput

from .models import INDICATORS, Indicator, Section

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
# Bounds that keep "the same period a year earlier" a real date.
EARLIEST, LATEST = datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)
DATE_ERRORS = {
    "invalid": _("Ngày không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/02/2023.")
}


class Preset:
    THIS_YEAR = "nam-nay"
    LAST_YEAR = "nam-truoc"
    SIX_MONTHS = "6-thang"
    SINCE = "tu-ngay"
    CUSTOM = "tuy-chon"


PRESETS = [
    (Preset.THIS_YEAR, _("Năm nay")),
    (Preset.LAST_YEAR, _("Năm trước")),
    (Preset.SIX_MONTHS, _("06 tháng gần nhất")),
    (Preset.SINCE, _("Từ một ngày đến nay")),
    (Preset.CUSTOM, _("Từ ngày … đến ngày …")),
]


def months_before(day: datetime.date, months: int) -> datetime.date:
    """Return the same day ``months`` months earlier (the month's last day if shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise ValueError(day)


class PeriodForm(forms.Form):
    ky = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=PRESETS, required=False)
    tu = forms.DateField(
        label=_("Từ ngày"),
        input_formats=DATE_FORMATS,
        required=False,
        error_messages=DATE_ERRORS,
        widget=DateInput(),
    )
    den = forms.DateField(
        label=_("Đến ngày"),
        input_formats=DATE_FORMATS,
        required=False,
        error_messages=DATE_ERRORS,
        widget=DateInput(),
    )

    def __init__(self, data=None, *, today: datetime.date | None = None):
        super().__init__(data)
        self.today = today or timezone.localdate()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        preset = data.get("ky") or (Preset.CUSTOM if data.get("tu") else Preset.THIS_YEAR)
        start, end = self._bounds(preset, data.get("tu"), data.get("den"))
        if start is None or end is None:
            raise forms.ValidationError(_("Hãy chọn ngày bắt đầu (và ngày kết thúc) của kỳ."))
        if start > end:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
        if start < EARLIEST or end > LATEST:
            raise forms.ValidationError(
                _("Kỳ báo cáo phải nằm trong khoảng từ 01/01/1990 đến 31/12/2100.")
            )
        data.update(ky=preset, date_from=start, date_to=end)
        return data

    def _bounds(self, preset, start, end):
        today = self.today
        if preset == Preset.THIS_YEAR:
            return today.replace(month=1, day=1), today
        if preset == Preset.LAST_YEAR:
            return datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)
        if preset == Preset.SIX_MONTHS:
            return months_before(today, 6) + datetime.timedelta(days=1), today
        if preset == Preset.SINCE:
            return start, today
        return start, end

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        return self.cleaned_data["date_from"], self.cleaned_data["date_to"]


# -- The report's draft and the other offices' figures -------------------------------------


def _date_field(label):
    """A day typed as dd/mm/yyyy, with the calendar button (the one form layout, ADR 0020)."""
    return forms.DateField(
        label=label, input_formats=DATE_FORMATS, error_messages=DATE_ERRORS, widget=DateInput()
    )


class DraftTextForm(forms.Form):
    """The specialist's part of the report: the title's subject, the request it answers,
    and the text of each part (I–V, and each area of II after its figures)."""

    subject = forms.CharField(
        label=_("Trích yếu (dòng dưới tên báo cáo)"),
        max_length=500,
        required=False,
        help_text=_("Ví dụ: từ Hội nghị Ngoại vụ toàn quốc lần thứ 20 và định hướng công tác "
                    "đối ngoại trong thời gian tới. Để trống: ghi kỳ báo cáo."),
    )  # fmt: skip
    request = forms.CharField(
        label=_("Văn bản yêu cầu báo cáo"),
        max_length=500,
        required=False,
        help_text=_("Ví dụ: Công văn số 4314/BNG-CNV ngày 30/8/2023 của Bộ Ngoại giao về việc "
                    "chuẩn bị nội dung phục vụ Hội nghị Ngoại vụ toàn quốc lần thứ 21"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in Section.choices:
            self.fields[key] = forms.CharField(
                label=label,
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    @property
    def texts(self) -> dict:
        return {key: self.cleaned_data.get(key, "") for key in Section.values}


class DraftCreateForm(DraftTextForm):
    """A new draft: its period first."""

    date_from = _date_field(_("Từ ngày"))
    date_to = _date_field(_("Đến ngày"))
    field_order = ["date_from", "date_to", "subject", "request"]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if start > end:
                raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
            if start < EARLIEST or end > LATEST:
                raise forms.ValidationError(
                    _("Kỳ báo cáo phải nằm trong khoảng từ 01/01/1990 đến 31/12/2100.")
                )
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Ý kiến"),
        choices=[("approve", _("Phê duyệt báo cáo")), ("return", _("Trả lại để chỉnh sửa"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Ý kiến chỉ đạo"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FigureForm(forms.Form):
    """A figure another office gave, with its source."""

    indicator = forms.ChoiceField(label=_("Chỉ tiêu"))
    date_from = _date_field(_("Số liệu từ ngày"))
    date_to = _date_field(_("đến ngày"))
    value = forms.CharField(
        label=_("Giá trị"),
        max_length=20,
        help_text=_("Ví dụ: 5; 41,2; 1.550 (dấu phẩy thập phân)."),
    )
    source_agency = forms.CharField(
        label=_("Cơ quan cung cấp"),
        max_length=255,
        widget=forms.TextInput(attrs={"list": "sources"}),
    )
    source_document = forms.CharField(
        label=_("Văn bản cung cấp (số, ngày)"), max_length=255, required=False
    )
    note = forms.CharField(label=_("Ghi chú, diễn giải"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [
            (key, f"{label} ({INDICATORS[key][1]})") for key, label in Indicator.choices
        ]

    def clean_value(self):
        return parse_number_vi(self.cleaned_data["value"])

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
        return data


THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
PLAIN = re.compile(r"^\d+([,.]\d+)?$")


def parse_number_vi(text: str) -> Decimal:
    """Read a number as Vietnamese writes it: "1.550" is 1550, "41,2" is 41.2; "41.2"
    (a decimal point) is 41.2 too. Raise ValidationError otherwise."""
    text = text.strip().replace(" ", "")
    if THOUSANDS.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif PLAIN.match(text):
        text = text.replace(",", ".")
    else:
        raise forms.ValidationError(_("Hãy nhập một số không âm, ví dụ 5; 41,2 hoặc 1.550."))
    value = Decimal(text)
    if value >= Decimal("1e12") or value != value.quantize(Decimal("0.01")):
        raise forms.ValidationError(_("Số quá lớn hoặc có quá hai chữ số thập phân."))
    return value


class FigureRequestForm(forms.Form):
    """The focal agency asks another agency for the figures of a period."""

    agency = forms.ModelChoiceField(label=_("Cơ quan được đề nghị"), queryset=None)
    indicators = forms.MultipleChoiceField(
        label=_("Các chỉ tiêu"), choices=Indicator.choices, widget=forms.CheckboxSelectMultiple
    )
    date_from = _date_field(_("Số liệu từ ngày"))
    date_to = _date_field(_("đến ngày"))
    note = forms.CharField(
        label=_("Nội dung đề nghị"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        focal = Province.current().focal_agency
        units = Unit.objects.filter(is_active=True).exclude(kind=Unit.Kind.ENTERPRISE)
        self.fields["agency"].queryset = units.exclude(pk=getattr(focal, "pk", None))

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
        return data


class FigureAnswerForm(forms.Form):
    """An agency's answer: one value per indicator asked, and its document."""

    document = forms.CharField(label=_("Văn bản cung cấp (số, ngày)"), max_length=255)
    note = forms.CharField(label=_("Ghi chú, diễn giải"), max_length=500, required=False)

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        for key in indicators:
            self.fields[f"value_{key}"] = forms.CharField(
                label=f"{Indicator(key).label} ({INDICATORS[key][1]})", max_length=20
            )

    def clean(self):
        data = super().clean()
        for name in list(self.fields):
            if name.startswith("value_") and data.get(name):
                try:
                    data[name] = parse_number_vi(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        return {n.removeprefix("value_"): data[n] for n in self.fields if n.startswith("value_")}
