"""Admin: only the managed list of trip purposes. Requests change through the flow alone."""

from django.contrib import admin

from .models import TripPurpose


@admin.register(TripPurpose)
class TripPurposeAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name"]
