"""Pages of a list whose total is counted only up to a cap.

On a province's whole history (100,000 trips for the focal agency) an exact COUNT(*)
costs more than the 25 rows shown (docs/performance.md). Past the cap the list says
"41+" pages and people narrow it with the filters.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CappedPaginator(Paginator):
    @cached_property
    def count(self):
        # COUNT(*) over a LIMITed subquery: it stops at cap + 1 rows. Unordered, so that
        # the database may take any cap + 1 rows (a unit's trips by its index) instead of
        # walking the whole newest-first index to find them.
        return self.object_list.order_by()[: COUNT_CAP + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > COUNT_CAP


def page_of(rows, request, per_page=25, parameter="page"):
    """Return the requested page of ``rows`` (the last one for a number past the end)."""
    return CappedPaginator(rows, per_page).get_page(request.GET.get(parameter))


def matter_list(request, matters, statuses, template, **extra):
    """Render a list of matters, newest first, filtered by ``?status=`` and ``?q=``.

    ``matters`` is already limited to what the person may see; ``?q=`` looks in the
    title and the reference. ``extra`` goes into the template's context.
    """
    status = request.GET.get("status", "")
    if status in statuses.values:
        matters = matters.filter(status=status)
    # PostgreSQL text cannot hold NUL: a query carrying one would be a server error.
    text = request.GET.get("q", "").replace("\x00", "").strip()
    if text:
        matters = matters.filter(title__icontains=text) | matters.filter(reference__icontains=text)
    page = page_of(matters.order_by("-created_at", "-pk"), request)
    context = {"page": page, "statuses": statuses.choices, "status": status, "q": text, **extra}
    return render(request, template, context)
