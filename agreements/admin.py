"""The agreements in the Django admin, read-only: every change goes through the flow."""

from django.contrib import admin

from matters.admin import ReadOnlyAdmin

from .models import Agreement, Opinion


class OpinionInline(admin.TabularInline):
    model = Opinion
    extra = 0
    can_delete = False
    fields = ("agency", "requested_at", "due_on", "answered_at", "verdict", "cancelled_at")
    readonly_fields = fields


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ("reference", "title", "unit", "partner", "partner_country", "status")
    list_filter = ("status", "kind", "field")
    search_fields = ("reference", "title", "partner")
    inlines = [OpinionInline]
