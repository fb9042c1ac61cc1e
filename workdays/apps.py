"""The working-day calendar: holidays, swapped days and the due dates of steps."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "workdays"
    verbose_name = _("Lịch ngày làm việc")

    def ready(self):
        from organizations import settings_cache

        from .models import CalendarDay

        settings_cache.watch(CalendarDay)  # the calendar is read through the settings cache
