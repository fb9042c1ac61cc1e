"""The report's draft pages (issue #22, ADR 0021) and the other offices' figures.

The focal agency's specialist writes the draft of a period (its parts' text) and enters
the figures other offices give; the leader approves or returns it; the leader or the
clerk uploads the signed PDF and the clerk registers it, through ``matters.issuance``
as every other document. Every page reads ``ReportDraft.objects.visible_to(user)``
(404 for a draft one may not see); a step refused to someone who sees the draft is a
403 (the services check the role); a refusal of the service shows on the page, nothing
saved.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from matters import issuance
from matters.forms import RegisterForm, SignForm
from matters.querysets import FOCAL_AGENCY_ROLES
from matters.views import download_recorder, error_text, word_or_pdf
from organizations.models import Province, Role
from organizations.selectors import has_role, roles_of

from . import documents, selectors, services, structure
from .forms import (
    DecisionForm,
    DraftCreateForm,
    DraftTextForm,
    FigureAnswerForm,
    FigureForm,
    FigureRequestForm,
)
from .models import INDICATORS, ExternalFigure, FigureRequest, ReportDraft, ReportStatus


def _visible(request, pk) -> ReportDraft:
    return get_object_or_404(ReportDraft.objects.visible_to(request.user), pk=pk)


def _may_see_drafts(user) -> bool:
    return selectors.can_see_reports(user) or Role.CLERK in roles_of(user)


def _is_specialist(user) -> bool:
    return has_role(user, Role.DEPARTMENT_REVIEWER, Province.current().focal_agency)


@require_http_methods(["GET", "POST"])
@login_required
def drafts(request):
    """The reports' drafts this person may see, and a new draft (the specialist)."""
    if not _may_see_drafts(request.user):
        raise PermissionDenied(_("Bạn không có quyền xem báo cáo công tác đối ngoại."))
    form = DraftCreateForm(request.POST or None)
    if request.method == "POST":
        if not _is_specialist(request.user):
            raise PermissionDenied(_("Chỉ chuyên viên của cơ quan ngoại vụ được soạn báo cáo."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                draft = services.save_draft(
                    actor=request.user,
                    date_from=data["date_from"],
                    date_to=data["date_to"],
                    subject=data["subject"],
                    request=data["request"],
                    texts=form.texts,
                )
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                return redirect(draft)
    context = {
        "drafts": ReportDraft.objects.visible_to(request.user),
        "form": form,
        "may_write": _is_specialist(request.user),
    }
    return render(request, "reports/drafts.html", context, status=400 if form.errors else 200)


def _page(request, draft, *, status=200, **forms):
    report = structure.assemble(draft.date_from, draft.date_to, draft)
    user = request.user
    document = issuance.pending(draft) or issuance.of_record(draft)
    auto = document is not None and issuance.auto_numbered(document.doc_type)
    initial = {"subject": draft.subject, "request": draft.request, **draft.texts}
    context = {
        "draft": draft,
        "report": report,
        "sections": report["sections"],
        "paragraphs": documents.narrative(report),
        "opening": documents.opening_text(report),
        "document": document,
        "may_write": draft.editable and _is_specialist(user),
        "may_decide": draft.status == ReportStatus.AWAITING_APPROVAL
        and has_role(user, Role.LEADER, Province.current().peoples_committee),
        "may_sign": document is not None
        and document.approved_at is not None
        and not document.is_signed
        and (Role.CLERK in roles_of(user) or user == draft.approver),
        "may_register": document is not None
        and document.is_signed
        and document.sequence is None
        and Role.CLERK in roles_of(user),
        "text_form": forms.get("text_form") or DraftTextForm(initial=initial),
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "sign_form": forms.get("sign_form") or SignForm(),
        "register_form": forms.get("register_form") or RegisterForm(auto=auto),
        "error": forms.get("error", ""),
    }
    return render(request, "reports/draft.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def draft(request, pk):
    """The draft's page: its parts (complete or not), its text as the Word file reads,
    the specialist's form, and the step each role may take; POST saves the text."""
    report_draft = _visible(request, pk)
    if request.method == "GET":
        return _page(request, report_draft)
    form = DraftTextForm(request.POST)
    if not form.is_valid():
        return _page(request, report_draft, status=400, text_form=form)
    try:
        services.save_draft(
            actor=request.user,
            date_from=report_draft.date_from,
            date_to=report_draft.date_to,
            subject=form.cleaned_data["subject"],
            request=form.cleaned_data["request"],
            texts=form.texts,
            draft=report_draft,
        )
    except ValidationError as error:
        return _page(request, report_draft, status=400, text_form=form, error=error_text(error))
    return redirect(report_draft)


def _step(request, report_draft, perform, **forms):
    """Run ``perform`` in a savepoint; show a refusal on the page (status 400)."""
    try:
        with transaction.atomic():
            perform()
    except ValidationError as error:
        report_draft.refresh_from_db()
        return _page(request, report_draft, status=400, error=error_text(error), **forms)
    return redirect(report_draft)


@require_POST
@login_required
def submit(request, pk):
    """The specialist submits the complete draft to the leader (figures frozen)."""
    report_draft = _visible(request, pk)
    return _step(
        request, report_draft, lambda: services.submit_draft(report_draft, actor=request.user)
    )


@require_POST
@login_required
def decide(request, pk):
    """The leader approves the report, or returns it with what to change."""
    report_draft = _visible(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        if not has_role(request.user, Role.LEADER, Province.current().peoples_committee):
            raise PermissionDenied(_("Bạn không phải lãnh đạo UBND tỉnh."))
        return _page(request, report_draft, status=400, decision_form=form)
    data = form.cleaned_data
    return _step(
        request,
        report_draft,
        lambda: services.decide_draft(
            report_draft,
            actor=request.user,
            approve=data["decision"] == "approve",
            comment=data["comment"],
        ),
        decision_form=form,
    )


@require_POST
@login_required
def sign(request, pk):
    """The leader, or the clerk for them, uploads the signed report (PDF)."""
    report_draft = _visible(request, pk)
    form = SignForm(request.POST, request.FILES)
    if not form.is_valid():
        issuance.require_committee(request.user, Role.LEADER, Role.CLERK)
        return _page(request, report_draft, status=400, sign_form=form)
    data = form.cleaned_data
    return _step(
        request,
        report_draft,
        lambda: services.sign_draft(
            report_draft,
            actor=request.user,
            upload=data["signed_file"],
            signed_on=data["signed_on"],
        ),
        sign_form=form,
    )


@require_POST
@login_required
def register(request, pk):
    """The clerk registers the signed report: number and date from the register."""
    report_draft = _visible(request, pk)
    document = issuance.pending(report_draft)
    auto = document is not None and issuance.auto_numbered(document.doc_type)
    form = RegisterForm(request.POST, auto=auto)
    if not form.is_valid():
        issuance.require_committee(request.user, Role.CLERK)
        return _page(request, report_draft, status=400, register_form=form)
    data = form.cleaned_data
    return _step(
        request,
        report_draft,
        lambda: services.register_draft(
            report_draft,
            actor=request.user,
            issued_on=data["issued_on"],
            sequence=data.get("sequence"),
        ),
        register_form=form,
    )


@require_GET
@login_required
def draft_docx(request, pk, as_pdf=False):
    """The report as a Word file (or its PDF): the draft (blank number and date) until
    registered, then the numbered report of record's copy, from its frozen figures
    (audited)."""
    report_draft = _visible(request, pk)
    report = structure.assemble(report_draft.date_from, report_draft.date_to, report_draft)
    content = documents.report_docx(report, blank=report_draft.status != ReportStatus.ISSUED)
    record = download_recorder(request.user, report_draft, status=report_draft.status)
    stem = (report_draft.decision_number or report_draft.reference).replace("/", "-")
    return word_or_pdf(
        request, content, f"Bao-cao-{stem}", as_pdf=as_pdf, back=report_draft, record=record
    )


@require_http_methods(["GET", "POST"])
@login_required
def external_figures(request):
    """The figures other offices gave (FDI, trade, labour, foreigners residing...), with
    their source and who entered them; the specialist enters or replaces one."""
    if not selectors.can_see_reports(request.user):
        raise PermissionDenied(_("Bạn không có quyền xem số liệu báo cáo."))
    today = timezone.localdate()
    form = FigureForm(
        request.POST or None,
        initial={"date_from": today.replace(month=1, day=1), "date_to": today},
    )
    if request.method == "POST":
        if not _is_specialist(request.user):
            raise PermissionDenied(_("Chỉ chuyên viên của cơ quan ngoại vụ được nhập số liệu."))
        if form.is_valid():
            try:
                services.record_figure(actor=request.user, fields=form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                return redirect("reports:external_figures")
    context = {
        "figures": ExternalFigure.objects.select_related("entered_by").order_by(
            "-date_to", "indicator"
        ),
        "form": form,
        "may_write": _is_specialist(request.user),
        "sources": sorted({source for *_rest, source in INDICATORS.values()}),
    }
    return render(
        request, "reports/external_figures.html", context, status=400 if form.errors else 200
    )


# -- Requests for figures to other agencies (issue #22) --------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def figure_requests(request):
    """The requests for figures this person may see: the focal agency every one with its
    status (and a new one, the specialist); an agency those addressed to it."""
    visible = FigureRequest.objects.visible_to(request.user)
    is_specialist = _is_specialist(request.user)
    sees_all = roles_of(request.user) & (FOCAL_AGENCY_ROLES | {Role.AUDITOR})
    if not (sees_all or visible.exists()):
        raise PermissionDenied(_("Bạn không có quyền xem các yêu cầu cung cấp số liệu."))
    today = timezone.localdate()
    form = FigureRequestForm(
        request.POST or None,
        initial={"date_from": today.replace(month=1, day=1), "date_to": today},
    )
    if request.method == "POST":
        if not is_specialist:
            raise PermissionDenied(_("Chỉ chuyên viên của cơ quan ngoại vụ được đề nghị số liệu."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.request_figures(actor=request.user, **data)
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                return redirect("reports:figure_requests")
    context = {
        "requests": visible.select_related("agency", "requested_by", "answered_by"),
        "today": today,
        "form": form,
        "may_write": is_specialist,
    }
    status = 400 if form.errors else 200
    return render(request, "reports/figure_requests.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def figure_request(request, pk):
    """One request: what is asked, by when; the agency answers it here (the figures)."""
    figure_request = get_object_or_404(FigureRequest.objects.visible_to(request.user), pk=pk)
    may_answer = figure_request.is_pending and services.answers_for(
        request.user, figure_request.agency
    )
    form = FigureAnswerForm(request.POST or None, indicators=figure_request.indicators)
    if request.method == "POST":
        if not may_answer:
            raise PermissionDenied(_("Bạn không thể cung cấp số liệu cho đề nghị này."))
        if form.is_valid():
            try:
                services.answer_figure_request(
                    figure_request,
                    actor=request.user,
                    values=form.values(),
                    document=form.cleaned_data["document"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                return redirect(figure_request.get_absolute_url())
    context = {
        "figure_request": figure_request,
        "figures": figure_request.figures() if not figure_request.is_pending else [],
        "today": timezone.localdate(),
        "form": form,
        "may_answer": may_answer,
    }
    status = 400 if form.errors else 200
    return render(request, "reports/figure_request.html", context, status=status)
