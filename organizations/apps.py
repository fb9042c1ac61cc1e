"""Organisations, staff, roles and deputies (đơn vị, cán bộ, ủy quyền)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Tổ chức và người dùng")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save
        from guardian.models import UserObjectPermission

        from . import memo
        from .models import Deputy, Province
        from .sessions import start_the_clock

        user_logged_in.connect(start_the_clock, dispatch_uid="organizations.start_the_clock")
        # What a unit of work remembers (organizations.memo) is read again after a change.
        for model in (Province, Deputy, UserObjectPermission):
            for signal in (post_save, post_delete):
                signal.connect(memo.forget, sender=model, dispatch_uid=f"memo.forget.{model}")
