"""Admin: notifications (read-only), preferences, the outbox and its incidents."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Incident, Notification, OutboxMessage, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "event", "subject_label", "read_at"]
    list_filter = ["event", "created_at"]
    search_fields = ["subject_label", "recipient__username", "recipient__full_name"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "daily_digest"]
    search_fields = ["user__username", "user__full_name"]
    raw_id_fields = ["user"]


class _OutboxAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "kind",
        "recipient",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["dedup_key", "recipient__username", "last_error"]
    list_select_related = ["recipient"]
    actions = ["retry"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Gửi lại các thư đã chọn (đặt lại số lần thử)"))
    def retry(self, request, queryset):
        count = services.retry_incidents(queryset)
        self.message_user(
            request,
            ngettext(
                "Đã đưa %(count)d thư trở lại hàng chờ gửi.",
                "Đã đưa %(count)d thư trở lại hàng chờ gửi.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(OutboxMessage)
class OutboxMessageAdmin(_OutboxAdmin):
    pass


@admin.register(Incident)
class IncidentAdmin(_OutboxAdmin):
    """The messages that exhausted their attempts: fix the cause, then retry."""

    list_display = ["id", "kind", "recipient", "attempts", "last_attempt_at", "last_error"]
    list_filter = ["kind"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=OutboxMessage.Status.INCIDENT)
