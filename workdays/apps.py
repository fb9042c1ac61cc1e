"""The working-day calendar: holidays, swapped days and the due dates of steps."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "workdays"
    verbose_name = _("Lịch ngày làm việc")
