"""Pages of the international agreement (thỏa thuận quốc tế): the proposal, each step's
form, the agreement page with the opinions side by side, and the registry.

A step view validates its form and calls exactly one service; every read starts from
``Agreement.objects.visible_to(user)``, so a consulted agency sees only what was sent
to it and every other unit sees nothing (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from agreements import forms, selectors, services
from agreements.models import Agreement, AgreementAttachment, Status
from matters.forms import CommentForm, OpinionForm, SelectAgenciesForm
from matters.paging import page_of
from matters.views import error_text
from permits import uploads

from . import consultation, matter_views

Attachment = AgreementAttachment


def attach(owner, upload, *, kind, actor):
    return uploads.add_attachment(owner, upload, kind=kind, actor=actor, model=Attachment)


URLS = {
    "page": "agreement",
    "export": "agreement_export",
    "download": "agreement_download",
    "withdraw": "agreement_withdraw",
    "cancel_opinion": "agreement_cancel_opinion",
}


class AgreementStep(consultation.ConsultationStep, matter_views.MatterStep):
    """What every agreement step shows: the agreement, its files and the opinions."""

    subject_attribute = "agreement"
    services = services
    attachment_model = Attachment
    summary_template = "workflows/agreement/_agreement_summary.html"
    urls = URLS

    @property
    def agreement(self):
        return self.subject

    def summary_context(self):
        return {**super().summary_context(), "agreement": self.agreement}


class StepView(AgreementStep, matter_views.StepView):
    """An agreement step with a form of its own."""


class EndorseView(AgreementStep, matter_views.EndorseView):
    return_stage = Agreement.Stage.ENDORSEMENT


class ReviewView(AgreementStep, matter_views.ReviewView):
    choices = [
        ("accept", gettext_lazy("Hồ sơ đầy đủ, lấy ý kiến các cơ quan")),
        *matter_views.ReviewView.choices[1:],
    ]
    return_stage = Agreement.Stage.REVIEW


class ConfirmRejectionView(AgreementStep, matter_views.ConfirmRejectionView):
    """The shared confirmation of a proposed refusal, shown with this kind's summary."""


class SelectAgenciesView(AgreementStep, consultation.SelectAgenciesView):
    form_class = SelectAgenciesForm


class GiveOpinionView(AgreementStep, consultation.GiveOpinionView):
    """A consulted agency's opinion: its own request only."""

    form_class = OpinionForm
    opinion_file_kind = Attachment.Kind.OPINION


class SynthesisView(AgreementStep, consultation.SynthesisView):
    """The shared synthesis of the agencies' opinions, shown with this kind's summary."""


class ApproveView(AgreementStep, matter_views.ApproveView):
    form_class = forms.ApprovalForm
    choices = [
        ("approve", gettext_lazy("Chấp thuận ký kết")),
        ("return", matter_views.RETURN_TO_DEPARTMENT),
        ("reject", pgettext_lazy("decision", "Không chấp thuận")),
    ]

    def perform(self, form):
        self.pm_consent = form.cleaned_data["pm_consent"]
        super().perform(form)

    def decide_approve(self, comment):
        self.act("approve", comment, pm_consent=self.pm_consent)


class SigningView(StepView):
    form_class = forms.SigningForm

    def perform(self, form):
        data = form.cleaned_data
        services.record_signing(
            self.agreement, actor=self.request.user, signing=data, task=self.task
        )
        if data["signed_copy"]:
            self.attach(self.agreement, data["signed_copy"], kind=Attachment.Kind.SIGNED_COPY)


class AgreementFormMixin(AgreementStep):
    """The proposal form and its files, for submit and revise."""

    template_name = "workflows/agreement/agreement_form.html"
    files_form = "files"

    def bound(self, agreement=None):
        post = self.request.method == "POST"
        data, files = (self.request.POST, self.request.FILES) if post else (None, None)
        return {
            "form": forms.AgreementForm(data, instance=agreement or Agreement()),
            "files": forms.AgreementFilesForm(data, files),
        }


class SubmitAgreementView(AgreementFormMixin, matter_views.SubmitView):
    """Start: unit staff fill in the proposal and send it to their unit head."""

    submitted_message = gettext_lazy("Đã gửi hồ sơ %(ref)s.")

    def submit(self, bound, unit):
        return services.submit(
            unit=unit, actor=self.request.user, fields=bound["form"].agreement_fields()
        )


class ReviseAgreementView(AgreementFormMixin, matter_views.ReviseView):
    """The submitter corrects a returned proposal and sends it again."""

    def resubmit(self, agreement, bound, *, comment):
        services.resubmit(
            agreement,
            actor=self.request.user,
            fields=bound["form"].agreement_fields(),
            comment=comment,
            task=self.activation.task,
        )


# -- pages outside the flow's steps ----------------------------------------------------------


class AgreementPages(consultation.ConsultationPages, matter_views.FlowPages):
    model = Agreement
    statuses = Status
    services = services
    name = "agreement"
    flow = "workflows.flows.AgreementFlow"
    list_title = gettext_lazy("Thỏa thuận quốc tế")
    list_template = "workflows/agreement/agreement_list.html"
    detail_template = "workflows/agreement/agreement_detail.html"
    urls = URLS
    attachment_model = Attachment
    attachment_field = "agreement"
    search_fields = ("title", "reference", "partner")
    export_name = "danh-sach-thoa-thuan"
    title_header = gettext_lazy("Tên thỏa thuận")
    field_columns = ("kind", "partner", "partner_country", "signed_on")
    withdraw_form = CommentForm
    document_service = "letter_document"

    def detail_context(self, request, agreement):
        user = request.user
        return {
            **super().detail_context(request, agreement),
            "reports": agreement.implementation_reports.all(),
            "report_due_on": services.report_due_on(agreement),
            "forms": _side_forms(agreement, user),
        }

    def check_withdraw(self, request, agreement):
        """Whoever does not hold the submitter's seat gets a 403 (recorded)."""
        _require_seat(request, agreement, "withdraw")

    def withdrawn_message(self, agreement):
        return _("Đã rút hồ sơ.")


pages = AgreementPages()
agreement_list = pages.list_view
agreement_export = pages.export_view
agreement_detail = pages.detail_view
download = pages.download_view
letter = pages.document_view
letter_pdf = pages.document_pdf_view
withdraw = pages.withdraw_view
start_agreement = pages.start_view
cancel_opinion = pages.cancel_view


def _require_seat(request, agreement, action):
    if not services.holds_seat_for(agreement, request.user, action):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _side_forms(agreement, user) -> dict:
    """Return the forms of what ``user`` may record on ``agreement`` outside the flow."""
    from organizations.models import Province, Role
    from organizations.selectors import has_role

    province = Province.current()
    result = {}
    if agreement.is_signed and has_role(user, Role.DEPARTMENT_REVIEWER, province.focal_agency):
        result["report"] = forms.ReportForm()
        result["life_cycle"] = forms.LifeCycleForm()
    if agreement.is_signed and has_role(user, Role.UNIT_STAFF, agreement.unit):
        result["implementation"] = forms.ImplementationReportForm()
    if (
        agreement.status == Status.AWAITING_APPROVAL
        and agreement.has_disagreement
        and has_role(user, Role.LEADER, province.peoples_committee)
    ):
        result["escalation"] = forms.EscalationForm()
    return result


def _side_action(request, pk, action, form_class, act, done_message):
    """Validate ``form_class`` and call ``act(agreement, data)``; back to the agreement page.

    Whoever does not hold the ``action``'s seat gets a 403 (recorded) before the form is read.
    """
    agreement = pages.get(request, pk)
    _require_seat(request, agreement, action)
    form = form_class(request.POST)
    if not form.is_valid():
        errors = [m for field_errors in form.errors.values() for m in field_errors]
        messages.error(request, " ".join(errors))
        return redirect(agreement)
    try:
        act(agreement, form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(agreement)
    messages.success(request, done_message)
    return redirect(agreement)


@login_required
@require_POST
def escalate(request, pk):
    """A leader records that the Prime Minister was asked (an agency disagreed)."""
    return _side_action(
        request,
        pk,
        "escalate",
        forms.EscalationForm,
        lambda agreement, data: services.escalate_to_prime_minister(
            agreement, actor=request.user, sent_on=data["sent_on"], comment=data["comment"]
        ),
        _("Đã ghi nhận việc xin ý kiến Thủ tướng Chính phủ."),
    )


@login_required
@require_POST
def record_report(request, pk):
    """The focal agency records the report to the Prime Minister and MOFA."""
    return _side_action(
        request,
        pk,
        "report",
        forms.ReportForm,
        lambda agreement, data: services.record_report(
            agreement, actor=request.user, reported_on=data["reported_on"]
        ),
        _("Đã ghi nhận ngày báo cáo."),
    )


@login_required
@require_POST
def change_life_cycle(request, pk):
    """The focal agency records that a signed agreement came into force, changed or ended."""
    return _side_action(
        request,
        pk,
        "life_cycle",
        forms.LifeCycleForm,
        lambda agreement, data: services.change_life_cycle(agreement, actor=request.user, **data),
        _("Đã cập nhật tình trạng thỏa thuận."),
    )


@login_required
@require_POST
def implementation_report(request, pk):
    """The proposing unit files its yearly implementation report."""
    return _side_action(
        request,
        pk,
        "implementation",
        forms.ImplementationReportForm,
        lambda agreement, data: services.file_implementation_report(
            agreement, actor=request.user, **data
        ),
        _("Đã gửi báo cáo tình hình thực hiện."),
    )


@login_required
def registry(request):
    """The registry of signed agreements (sổ đăng ký), filtered; ``?xlsx=1`` exports it."""
    form = forms.RegistryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    agreements = Agreement.objects.visible_to(request.user).signed().for_list()
    agreements = selectors.filter_registry(agreements, filters)
    if request.GET.get("xlsx"):
        from agreements.exports import registry_xlsx

        return registry_xlsx(agreements)
    page = page_of(agreements, request, per_page=50)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workflows/agreement/registry.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
