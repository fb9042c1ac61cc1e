"""Conferences in the Django admin, read-only: every change goes through the flow, and
records decided before the system existed come in through ``import_records``."""

from django.contrib import admin

from matters.admin import ReadOnlyAdmin

from .models import Conference


@admin.register(Conference)
class ConferenceAdmin(ReadOnlyAdmin):
    list_display = ("reference", "title", "unit", "start_date", "status", "imported")
    list_filter = ("status", "kind", "imported")
    search_fields = ("reference", "title", "place")
    date_hierarchy = "start_date"
