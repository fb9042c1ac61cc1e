"""What every list page shares: its pages (counted only up to a cap), its total, page
numbers that keep the filters, accent-insensitive search and its Excel export.

On a province's whole history (100,000 trips for the focal agency) an exact COUNT(*)
costs more than the 25 rows shown (docs/performance.md). Past the cap the list says
"1000+" and "41+" pages and people narrow it with the filters.

A list page renders ``matters/_list_bar.html`` (the total, "Tạo mới" where the person
may create, "Xuất Excel") and ``matters/_pages.html`` (the page numbers) with the
context ``list_context`` returns; its export serves the same filtered rows through
``xlsx_response``.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from organizations.search import query_text, search
from organizations.text import workbook_response

COUNT_CAP = 1000
#: The most rows one export writes (narrow the filters for more).
EXPORT_LIMIT = 20000


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

    @property
    def shown_count(self) -> int:
        """Return the total a list shows: the count, or the cap (with "+") past it."""
        return min(self.count, COUNT_CAP)

    def page_numbers(self, number):
        """Return the page numbers to link around ``number`` (``…`` for a gap)."""
        return list(self.get_elided_page_range(number, on_each_side=2, on_ends=1))


def page_of(rows, request, per_page=25, parameter="page"):
    """Return the requested page of ``rows`` (the last one for a number past the end)."""
    return CappedPaginator(rows, per_page).get_page(request.GET.get(parameter))


def list_context(request, rows, *, per_page=25, **extra) -> dict:
    """Return the context of a list page showing the requested page of ``rows``.

    ``query`` is the request's filters without the page (for the page links and the
    export link); ``extra`` goes along (``create_url``, ``export_url``, filters, ...).
    """
    page = page_of(rows, request, per_page)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page,
        "page_numbers": page.paginator.page_numbers(page.number),
        "query": query.urlencode(),
        **extra,
    }


def xlsx_response(rows, columns, *, filename: str, sheet: str):
    """Return ``rows`` as a workbook: one column per ``(header, value(row))`` of ``columns``.

    At most ``EXPORT_LIMIT`` rows, read in chunks. Headers are Vietnamese, dates are
    shown dd/mm/yyyy (``organizations.text.spreadsheet_cell``).
    """
    header = [str(heading) for heading, _ in columns]
    values = [value for _, value in columns]
    body = ([value(row) for value in values] for row in rows[:EXPORT_LIMIT].iterator(500))
    return workbook_response(header, body, filename=filename, sheet=sheet)


def matter_list(request, matters, statuses, template, *, fields=("title", "reference"), **extra):
    """Render a list of matters, newest first, filtered by ``?status=`` and ``?q=``.

    ``matters`` is already limited to what the person may see; ``?q=`` looks in
    ``fields``, accents and case aside. ``extra`` goes into the template's context.
    """
    matters, filters = filter_matters(request, matters, statuses, fields=fields)
    rows = matters.order_by("-created_at", "-pk")
    return render(request, template, list_context(request, rows, **filters, **extra))


def filter_matters(request, matters, statuses, *, fields=("title", "reference")):
    """Return ``matters`` filtered by ``?status=`` and ``?q=``, and the filters' context."""
    status = request.GET.get("status", "")
    if status in statuses.values:
        matters = matters.filter(status=status)
    text = query_text(request)
    matters = search(matters, text, fields)
    return matters, {"statuses": statuses.choices, "status": status, "q": text}


class SearchedList:
    """A list that is not one of matters (a register: NGOs, meetings, ABTC cards) and its
    Excel export, both from the same ``?q=`` search.

    A list sets its template, export and ``export_url_name``, and says which rows
    ``?q=`` finds (``rows``), who may read it (``allow``) and what else its page needs
    (``extra``).
    """

    template = ""
    #: The export's file name before the day, and its sheet.
    export_name = ""
    sheet = ""
    export_url_name = ""

    def rows(self, request):
        """Return the rows ``?q=`` finds, in the list's order, and the text searched."""
        raise NotImplementedError

    def columns(self) -> list:
        """Return the export's (header, value of a row) pairs."""
        raise NotImplementedError

    def allow(self, request) -> None:
        """Raise PermissionDenied unless the person may read the list (anyone signed in)."""

    def extra(self, request) -> dict:
        """Return what the page needs besides the rows (links a person may follow)."""
        return {}

    def list(self, request):
        self.allow(request)
        rows, text = self.rows(request)
        context = list_context(
            request, rows, q=text, export_url=reverse(self.export_url_name), **self.extra(request)
        )
        return render(request, self.template, context)

    def export(self, request):
        self.allow(request)
        rows, _text = self.rows(request)
        return xlsx_response(rows, self.columns(), filename=self.export_name, sheet=self.sheet)

    @cached_property
    def list_view(self):
        return login_required(require_GET(self.list))

    @cached_property
    def export_view(self):
        return login_required(require_GET(self.export))
