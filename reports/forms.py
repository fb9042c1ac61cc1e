"""The report page's period picker: presets, or dates typed as dd/mm/yyyy."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
        label=_("Từ ngày"), input_formats=DATE_FORMATS, required=False, error_messages=DATE_ERRORS
    )
    den = forms.DateField(
        label=_("Đến ngày"), input_formats=DATE_FORMATS, required=False, error_messages=DATE_ERRORS
    )

    def __init__(self, data=None, *, today: datetime.date | None = None):
        super().__init__(data)
        self.today = today or timezone.localdate()
        for name in ("tu", "den"):
            self.fields[name].widget.attrs.update({"placeholder": "dd/mm/yyyy", "size": 10})

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
