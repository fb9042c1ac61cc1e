"""The append-only, hash-chained step log (nhật ký)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Nhật ký hệ thống")

    def ready(self):
        from . import receivers  # noqa: F401 - connects the sign-in receivers
