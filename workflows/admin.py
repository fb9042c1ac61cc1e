"""Admin: the deadlines of tasks (the calendar they count on is ``workdays``'s)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

import workdays
from workdays.models import TaskDeadline


@admin.register(TaskDeadline)
class TaskDeadlineAdmin(admin.ModelAdmin):
    list_display = ["task", "step", "deadline", "due_on", "reminded_at", "escalated_at"]
    list_filter = ["step", "working"]
    date_hierarchy = "due_on"
    raw_id_fields = ["task"]
    list_select_related = ["task"]

    @admin.display(description=_("thời hạn"))
    def deadline(self, row):
        return workdays.Deadline(row.days, row.working).label

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
