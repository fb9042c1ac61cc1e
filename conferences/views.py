"""The conference registry (sổ theo dõi hội nghị, hội thảo quốc tế) and its Excel export.

Every read goes through ``Conference.objects.visible_to(user)``: a person without a
role sees an empty list, unit staff see their own unit's conferences.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from matters.views import MatterList
from organizations.models import Unit

from .models import Conference, Status


def _int_or_none(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= 9 else None


class ConferenceList(MatterList):
    """The conferences this person may see, latest first, filtered by year, unit, status
    and text (the title, the reference or the place, accents aside)."""

    model = Conference
    statuses = Status
    list_title = gettext_lazy("Hội nghị, hội thảo quốc tế")
    list_template = "conferences/conference_list.html"
    urls = {"page": "conference", "export": "conferences:export"}
    search_fields = ("title", "reference", "place")
    ordering = ("-start_date", "-pk")
    export_name = "danh-sach-hoi-nghi"
    title_header = gettext_lazy("Tên hội nghị, hội thảo")
    field_columns = ("kind", "start_date", "end_date", "place", "countries")

    def kind_columns(self):
        return [*super().kind_columns(), (_("Số đại biểu"), lambda c: c.participants)]

    def filter(self, request, conferences):
        visible = conferences
        conferences, filters = super().filter(request, conferences)
        year = _int_or_none(request.GET.get("year", ""))
        if year:
            conferences = conferences.filter(start_date__year=year)
        unit = _int_or_none(request.GET.get("unit", ""))
        if unit:
            conferences = conferences.filter(unit_id=unit)
        # The filters offer only what this person may see.
        filters.update(
            year=year,
            unit=unit,
            years=(d.year for d in visible.dates("start_date", "year", order="DESC")),
            units=Unit.objects.filter(pk__in=visible.values("unit")).order_by("name"),
        )
        return conferences, filters


conferences = ConferenceList()
conference_list = require_GET(conferences.list_view)
conference_export = conferences.export_view
