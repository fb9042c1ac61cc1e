"""Forms of the notifications app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .events import Event


class PreferenceForm(forms.Form):
    """Choose the kinds of notification that also come by email, and the daily digest."""

    DIGEST_CHOICES = [
        ("", _("Mặc định (lãnh đạo UBND tỉnh nhận thư tổng hợp)")),
        ("1", _("Nhận một thư tổng hợp mỗi ngày")),
        ("0", _("Nhận từng thư khi có thông báo")),
    ]

    email_events = forms.MultipleChoiceField(
        label=_("Gửi email khi"),
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    daily_digest = forms.TypedChoiceField(
        label=_("Thư tổng hợp hằng ngày"),
        choices=DIGEST_CHOICES,
        coerce=lambda value: value == "1",
        empty_value=None,
        required=False,
        help_text=_("Việc sắp đến hạn, quá hạn luôn được gửi ngay."),
    )

    @classmethod
    def for_preference(cls, preference, data=None):
        """Return the form bound to ``data`` or filled in from ``preference``."""
        digest = {None: "", True: "1", False: "0"}[preference.daily_digest]
        wanted = [e.value for e in Event if e.value not in preference.email_off]
        return cls(data=data, initial={"email_events": wanted, "daily_digest": digest})
