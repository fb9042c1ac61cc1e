"""In-app notifications, the outbox, email, reminders and escalation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Thông báo")

    def ready(self):
        from organizations import settings_cache

        from .models import Preference

        settings_cache.watch(Preference)  # read through the settings cache on every event
