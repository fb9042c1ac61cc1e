"""The auditor's workspace: search, a matter's timeline, export, and chain verification.

Auditors search and export; auditors and administrators verify. Everyone else signed in
gets 403; anonymous visitors are sent to the login page.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_GET, require_http_methods

from . import exports, selectors, services
from .forms import SearchForm
from .models import Action, Checkpoint, Entry, Verification

PAGE_SIZE = 50
EXPORT_FORMATS = {"csv": exports.as_csv, "xlsx": exports.as_xlsx}


def _allowed_if(check, refusal):
    """Let a signed-in user through when ``check(user)`` holds; 403 otherwise."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied(refusal)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


auditors_only = _allowed_if(
    selectors.can_search, gettext_lazy("Chỉ cán bộ giám sát được xem nhật ký hệ thống.")
)
auditors_and_administrators = _allowed_if(
    selectors.can_verify,
    gettext_lazy("Chỉ cán bộ giám sát và quản trị hệ thống được kiểm tra nhật ký."),
)


def _searched(request) -> tuple[SearchForm, object]:
    form = SearchForm(request.GET or None)
    if not request.GET:
        return form, selectors.search()
    if not form.is_valid():
        return form, Entry.objects.none()
    return form, selectors.search(**form.filters())


def _filters_query(request) -> str:
    query = request.GET.copy()
    for key in ("trang", "format"):
        query.pop(key, None)
    return query.urlencode()


@require_GET
@auditors_only
def search(request):
    """List the entries matching the filters, newest first, a page at a time."""
    form, entries = _searched(request)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "audit/search.html",
        {"form": form, "page": page, "filters_query": _filters_query(request)},
    )


@require_GET
@auditors_only
def export(request):
    """Download the entries matching the filters as CSV or Excel (``?format=csv|xlsx``)."""
    writer = EXPORT_FORMATS.get(request.GET.get("format", "csv"))
    if writer is None:
        return HttpResponseBadRequest(_("Định dạng xuất không hỗ trợ."))
    form, entries = _searched(request)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(form.error_text(), content_type="text/plain; charset=utf-8")
    # Exporting the trail is itself a download worth knowing about.
    services.record(
        Action.FILE_DOWNLOADED,
        actor=request.user,
        # Stored data stays in Vietnamese whatever language the auditor reads in.
        comment=gettext_noop("Xuất nhật ký hệ thống"),
        payload={"format": request.GET.get("format", "csv"), "filters": _filters_query(request)},
    )
    filename = f"nhat-ky-{timezone.localdate():%Y%m%d}"
    return writer(entries, filename)


@require_GET
@auditors_only
def matter(request, type_id: int, subject_id: str):
    """Show the timeline of one matter."""
    subject_type = get_object_or_404(ContentType, pk=type_id)
    entries = selectors.matter_timeline(subject_type, subject_id)
    first = entries.first()
    if first is None:
        raise Http404(_("Không có nhật ký cho hồ sơ này."))
    return render(
        request, "audit/matter.html", {"entries": entries, "first": first, "show_raw": True}
    )


@require_http_methods(["GET", "POST"])
@auditors_and_administrators
def verify(request):
    """Show the latest verification and the checkpoints; POST verifies now."""
    if request.method == "POST":
        verification = services.run_verification(actor=request.user)
        if verification.ok:
            messages.success(request, _("Nhật ký toàn vẹn."))
        else:
            messages.error(request, _("Nhật ký đã bị can thiệp."))
        return redirect("audit:verify")
    return render(
        request,
        "audit/verify.html",
        {
            "latest": Verification.objects.select_related("ran_by").first(),
            "checkpoints": Checkpoint.objects.all()[:20],
            "can_search": selectors.can_search(request.user),
        },
    )
