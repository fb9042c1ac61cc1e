"""Foreign NGO aid in the Django admin, read-only: every change goes through the flow or
the register's pages, and past records through ``import_records``."""

from django.contrib import admin

from matters.admin import ReadOnlyAdmin

from .models import AidProject, ForeignNGO, Meeting


@admin.register(AidProject)
class AidProjectAdmin(ReadOnlyAdmin):
    list_display = ("reference", "title", "unit", "donor", "amount_usd", "status", "imported")
    list_filter = ("status", "form", "imported")
    search_fields = ("reference", "title", "donor__name")


@admin.register(ForeignNGO)
class ForeignNGOAdmin(ReadOnlyAdmin):
    list_display = ("name", "name_vi", "country", "registration_kind", "registration_valid_until")
    search_fields = ("name", "name_vi")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("reference", "held_on", "title", "level")
    date_hierarchy = "held_on"
