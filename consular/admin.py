from django.contrib import admin

from matters.admin import ReadOnlyAdmin

from .models import ConsularCase


@admin.register(ConsularCase)
class ConsularCaseAdmin(ReadOnlyAdmin):
    list_display = ("reference", "group", "incident", "occurred_on", "status")
    list_filter = ("group", "status")
    search_fields = ("reference",)
