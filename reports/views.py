"""The report pages (figures, charts, downloads) and their export jobs.

The report to the ministry is for the focal agency (reviewers and head), the provincial
leaders and the auditors; the internal management report (processing times, overdue
steps, trips per person) for the focal agency and the leaders only. Anyone else signed
in gets 403, a job of someone else 404, anonymous visitors the login page. Charts are
server-rendered bars and inline SVG: the CSP allows no inline script.
"""

import json
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from . import charts, figures, selectors, services, structure
from .forms import PeriodForm, Preset
from .models import ExportJob

REFUSAL = gettext_lazy(
    "Chỉ cơ quan ngoại vụ, lãnh đạo UBND tỉnh và cán bộ giám sát được xem báo cáo đối ngoại."
)
INTERNAL_REFUSAL = gettext_lazy(
    "Chỉ cơ quan ngoại vụ và lãnh đạo UBND tỉnh được xem báo cáo quản lý nội bộ."
)


def _only(may_see, refusal):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not may_see(request.user):
                raise PermissionDenied(refusal)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Let the report's readers through; 403 for everyone else signed in.
readers_only = _only(selectors.can_see_reports, REFUSAL)
# Let the internal report's readers through (the focal agency, the leaders).
internal_readers_only = _only(selectors.can_see_internal_report, INTERNAL_REFUSAL)


def _period_form(data) -> PeriodForm:
    return PeriodForm(data if data else {"ky": Preset.THIS_YEAR})


def _period_query(form: PeriodForm) -> str:
    start, end = form.period
    return f"ky={Preset.CUSTOM}&tu={start:%d/%m/%Y}&den={end:%d/%m/%Y}"


@require_GET
@readers_only
def report(request):
    """Show the figures of the chosen period beside the same period a year earlier."""
    form = _period_form(request.GET)
    if not form.is_valid():
        return render(request, "reports/report.html", {"form": form}, status=400)
    start, end = form.period
    data = structure.for_period(start, end)
    context = {
        **_period_context(form),
        "report": data,
        "changes": figures.changes(data, data["same_period_last_year"]),
        "charts": charts.for_report(data),
        "formats": [ExportJob.Format.DOCX, ExportJob.Format.XLSX],
        "may_see_internal": selectors.can_see_internal_report(request.user),
    }
    return render(request, "reports/report.html", context)


def _period_context(form) -> dict:
    start, end = form.period
    previous_from, previous_to, rule = figures.previous_period(start, end)
    return {
        "form": form,
        "date_from": start,
        "date_to": end,
        "previous_from": previous_from,
        "previous_to": previous_to,
        "comparison_label": figures.COMPARISON_LABELS[rule],
        "period_query": _period_query(form),
    }


@require_GET
@internal_readers_only
def internal(request):
    """Show the internal management report: processing times, overdue steps, trips per person."""
    form = _period_form(request.GET)
    if not form.is_valid():
        return render(request, "reports/internal.html", {"form": form}, status=400)
    start, end = form.period
    data = figures.internal_report(start, end)
    details = data["breakdowns"]["processing"]
    context = {
        **_period_context(form),
        "report": data,
        "changes": figures.changes(
            data, data["same_period_last_year"], headlines=figures.INTERNAL_HEADLINES
        ),
        "charts": {
            "decision_time": charts.bars(details["decision_time"]),
            "overdue": charts.bars(details["overdue_by_stage"]),
        },
        "formats": [ExportJob.Format.XLSX],
    }
    return render(request, "reports/internal.html", context)


@require_GET
@internal_readers_only
def internal_json(request):
    """Download the internal management report's JSON."""
    form = _period_form(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(" ".join(_flat_errors(form)))
    start, end = form.period
    content = json.dumps(figures.internal_report(start, end), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    name = f"bao-cao-quan-ly-noi-bo-{start:%Y%m%d}-{end:%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@internal_readers_only
def start_internal_export(request):
    """Queue the internal management report as an Excel workbook."""
    form = _period_form(request.POST)
    if request.POST.get("format") != ExportJob.Format.XLSX or not form.is_valid():
        return HttpResponseBadRequest(" ".join(_flat_errors(form)) or _("Định dạng không hỗ trợ."))
    start, end = form.period
    job = services.start_export(
        request.user, start, end, ExportJob.Format.XLSX, report=ExportJob.Report.INTERNAL
    )
    return redirect("reports:job", job_id=job.pk)


@require_GET
@readers_only
def download_json(request):
    """Download the JSON of the chosen period (the command's output)."""
    form = _period_form(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(" ".join(_flat_errors(form)))
    start, end = form.period
    content = json.dumps(structure.for_period(start, end), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    name = f"bao-cao-doi-ngoai-{start:%Y%m%d}-{end:%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _flat_errors(form) -> list[str]:
    return [str(error) for errors in form.errors.values() for error in errors]


@require_POST
@readers_only
def start_export(request):
    """Queue the Word or Excel report of the chosen period and show its progress."""
    form = _period_form(request.POST)
    fmt = request.POST.get("format")
    if fmt not in (ExportJob.Format.DOCX, ExportJob.Format.XLSX) or not form.is_valid():
        return HttpResponseBadRequest(" ".join(_flat_errors(form)) or _("Định dạng không hỗ trợ."))
    start, end = form.period
    job = services.start_export(request.user, start, end, fmt)
    return redirect("reports:job", job_id=job.pk)


@require_GET
@readers_only
def job(request, job_id):
    """Show an export's progress; the page refreshes itself until the file is ready."""
    export = selectors.job_of(request.user, job_id)
    page = "reports:internal" if export.report == ExportJob.Report.INTERNAL else "reports:report"
    back = f"{reverse(page)}?ky={Preset.CUSTOM}&tu={export.date_from:%d/%m/%Y}"
    back += f"&den={export.date_to:%d/%m/%Y}"
    return render(request, "reports/job.html", {"job": export, "back": back})


@require_GET
@readers_only
def job_download(request, job_id):
    """Download the file of a finished export (audited)."""
    export = selectors.job_of(request.user, job_id)
    if export.status != ExportJob.Status.DONE or not export.file:
        raise Http404(_("Tệp báo cáo chưa sẵn sàng."))
    services.record_download(export, request.user)
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.filename,
        content_type=services.FORMATS[export.format],
    )
