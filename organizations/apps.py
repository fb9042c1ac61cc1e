"""Organisations, staff, roles and deputies (đơn vị, cán bộ, ủy quyền)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Tổ chức và người dùng")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .sessions import start_the_clock

        user_logged_in.connect(start_the_clock, dispatch_uid="organizations.start_the_clock")
