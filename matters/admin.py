"""What every kind's admin shares: matters are read there, never changed (the flow does)."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """An admin that lists and shows rows; every change goes through the flow's steps."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
