"""The annual plan in the Django admin, read-only: every change goes through the services."""

from django.contrib import admin

from matters.admin import ReadOnlyAdmin

from .models import PlanItem, Round


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ("year", "status", "deadline", "plan_number", "version")


@admin.register(PlanItem)
class PlanItemAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "unit_plan", "quarter", "month", "approved")
    list_filter = ("kind", "approved")
    search_fields = ("title", "partner")
