"""Consular cases (vụ việc lãnh sự, bảo hộ công dân)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsularConfig(AppConfig):
    name = "consular"
    verbose_name = _("Lãnh sự, bảo hộ công dân")
