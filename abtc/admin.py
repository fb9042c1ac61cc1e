"""ABTC requests in the Django admin, read-only: every change goes through the flow."""

from django.contrib import admin

from matters.admin import ReadOnlyAdmin

from .models import AbtcRequest


@admin.register(AbtcRequest)
class AbtcRequestAdmin(ReadOnlyAdmin):
    list_display = ("reference", "unit", "enterprise_code", "status", "decision_number")
    list_filter = ("status",)
    search_fields = ("reference", "unit__name", "enterprise_code")
