"""The conference registry (sổ theo dõi hội nghị, hội thảo quốc tế).

Every read goes through ``Conference.objects.visible_to(user)``: a person without a
role sees an empty list, unit staff see their own unit's conferences.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from matters.paging import page_of
from organizations.models import Unit

from .models import Conference, Status


def _int_or_none(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= 9 else None


@require_GET
@login_required
def conference_list(request):
    """The conferences this person may see, latest first, filtered by year, unit, status."""
    visible = Conference.objects.visible_to(request.user)
    conferences = visible.for_list()
    year = _int_or_none(request.GET.get("year", ""))
    if year:
        conferences = conferences.filter(start_date__year=year)
    unit = _int_or_none(request.GET.get("unit", ""))
    if unit:
        conferences = conferences.filter(unit_id=unit)
    status = request.GET.get("status", "")
    if status in Status.values:
        conferences = conferences.filter(status=status)
    page = page_of(conferences.order_by("-start_date", "-pk"), request)
    return render(
        request,
        "conferences/conference_list.html",
        {
            "page": page,
            # The filters offer only what this person may see.
            "years": [d.year for d in visible.dates("start_date", "year", order="DESC")],
            "units": Unit.objects.filter(pk__in=visible.values("unit")).order_by("name"),
            "statuses": Status.choices,
            "year": year,
            "unit": unit,
            "status": status,
        },
    )
