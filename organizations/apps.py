"""Organisations, staff, roles and deputies (đơn vị, cán bộ, ủy quyền)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Tổ chức và người dùng")

    def ready(self):
        from django.contrib.auth.models import Permission
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate
        from guardian.models import UserObjectPermission

        from . import settings_cache
        from .models import Deputy, Province, StaffProfile, Unit, User
        from .search import register_sqlite_fold
        from .sessions import start_the_clock
        from .sqlite_triggers import ensure_sqlite_triggers

        user_logged_in.connect(start_the_clock, dispatch_uid="organizations.start_the_clock")
        # Read through the settings cache: a change is seen by the next unit of work.
        for model in (Province, Unit, Deputy, StaffProfile, User, UserObjectPermission, Permission):
            settings_cache.watch(model)
        # A table rebuilt by a later migration loses its triggers on SQLite.
        post_migrate.connect(ensure_sqlite_triggers, dispatch_uid="organizations.sqlite_triggers")
        # Accent-insensitive search (organizations.search): SQLite's half of it.
        connection_created.connect(register_sqlite_fold, dispatch_uid="organizations.fold")
