"""Conferences in the Django admin: the registry can be kept here until the flow exists."""

from django.contrib import admin

from .models import Conference


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "unit", "start_date", "status", "imported")
    list_filter = ("status", "kind", "imported")
    search_fields = ("reference", "title", "place")
    date_hierarchy = "start_date"
    readonly_fields = ("imported", "created_at", "updated_at")
