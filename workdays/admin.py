"""Admin: the working-day calendar, which administrators keep in step with each year's
decisions (the Tết and 2/9 breaks, swapped days, make-up Saturdays).
"""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import calendar
from .models import CalendarDay

_WEEKDAYS = [
    _("Thứ Hai"),
    _("Thứ Ba"),
    _("Thứ Tư"),
    _("Thứ Năm"),
    _("Thứ Sáu"),
    _("Thứ Bảy"),
    _("Chủ nhật"),
]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "weekday", "kind", "name", "source", "edited_at"]
    list_filter = ["year", "kind", "source"]
    search_fields = ["name"]
    date_hierarchy = "date"
    ordering = ["date"]
    fields = ["date", "kind", "name", "source", "edited_at"]
    readonly_fields = ["source", "edited_at"]
    actions = ["reseed_years"]

    @admin.display(description=_("thứ"))
    def weekday(self, day):
        return _WEEKDAYS[day.date.weekday()]

    def get_readonly_fields(self, request, obj=None):
        # Moving a seeded row would bring the old date back at the next seeding: add a
        # row for the new date and turn this one into a working day instead.
        if obj is not None and obj.is_protected:
            return [*self.readonly_fields, "date"]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_protected:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Bulk delete would remove seeded rows that the next seeding brings back.
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        # Seeding leaves a row alone once an administrator has touched it.
        obj.edited_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Cập nhật các năm đã chọn theo luật lao động (giữ ngày đã sửa)"))
    def reseed_years(self, request, queryset):
        years = sorted(set(queryset.values_list("year", flat=True)))
        for year in years:
            calendar.seed_year(year)
        self.message_user(
            request,
            ngettext("Đã cập nhật năm %(years)s.", "Đã cập nhật các năm %(years)s.", len(years))
            % {"years": ", ".join(map(str, years))},
            messages.SUCCESS,
        )
