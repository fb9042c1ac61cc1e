"""Pages of foreign NGO aid (viện trợ PCPNN): the request, each step's form and the
project's page with its follow-up (disbursements, periodic reports).

The steps and pages are the ones every kind has (``matter_views``, ``consultation``);
this module says what is the aid's own: its services, forms, templates, the start of the
aid, the periodic report and the disbursement. Every read starts from
``AidProject.objects.visible_to(user)``: another unit sees nothing (404).
"""

from functools import cached_property

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from matters.forms import CommentForm, OpinionForm
from ngo_aid import forms, services
from ngo_aid.models import AidAttachment, AidProject, Status
from organizations.models import Role
from organizations.selectors import has_role

from . import consultation, matter_views

Attachment = AidAttachment
URLS = {
    "page": "ngo_aid_project",
    "download": "ngo_aid_download",
    "withdraw": "ngo_aid_withdraw",
    "cancel_opinion": "ngo_aid_cancel_opinion",
    "chart": "ngo_aid_chart",
}


class AidStep(consultation.ConsultationStep, matter_views.MatterStep):
    """What every step shows: the project, its files, its opinions."""

    subject_attribute = "project"
    services = services
    attachment_model = Attachment
    summary_template = "workflows/ngo_aid/_project_summary.html"
    urls = URLS


class StepView(AidStep, matter_views.StepView):
    """A step with a form of its own."""


class EndorseView(AidStep, matter_views.EndorseView):
    return_stage = AidProject.Stage.ENDORSEMENT


class ReviewView(AidStep, matter_views.ReviewView):
    choices = [
        ("accept", gettext_lazy("Hồ sơ đầy đủ, hợp lệ: lấy ý kiến các cơ quan")),
        *matter_views.ReviewView.choices[1:],
    ]
    return_stage = AidProject.Stage.REVIEW


class ConfirmRejectionView(AidStep, matter_views.ConfirmRejectionView):
    """The shared confirmation of a proposed refusal, shown with this kind's summary."""


class SelectAgenciesView(AidStep, consultation.SelectAgenciesView):
    form_class = forms.AppraisalAgenciesForm


class GiveOpinionView(AidStep, consultation.GiveOpinionView):
    form_class = OpinionForm
    opinion_file_kind = Attachment.Kind.OPINION


class SynthesisView(AidStep, consultation.SynthesisView):
    """The shared synthesis of the agencies' opinions, shown with this kind's summary."""


class ApproveView(AidStep, matter_views.ApproveView):
    choices = [
        ("approve", gettext_lazy("Phê duyệt khoản viện trợ")),
        ("return", gettext_lazy("Trả lại cơ quan thẩm định")),
        ("reject", gettext_lazy("Không phê duyệt")),
    ]


class StartView(StepView):
    """The aid owner reports the day the aid started."""

    form_class = forms.StartForm

    def get_initial(self):
        return {"started_on": timezone.localdate()}

    def perform(self, form):
        services.record_start(
            self.subject,
            actor=self.request.user,
            started_on=form.cleaned_data["started_on"],
            comment=form.cleaned_data["comment"],
            task=self.task,
        )


class PeriodicReportView(StepView):
    """The aid owner reports on the period just over (the last one: the final report)."""

    form_class = forms.PeriodicReportForm

    def summary_context(self):
        begin, end, final = services.next_period(self.subject)
        return {**super().summary_context(), "period": (begin, end), "final": final}

    def perform(self, form):
        services.submit_periodic_report(
            self.subject, actor=self.request.user, text=form.cleaned_data["text"], task=self.task
        )
        if form.cleaned_data["report_file"]:
            self.attach(self.subject, form.cleaned_data["report_file"], kind=Attachment.Kind.REPORT)


class AcknowledgeView(AidStep, matter_views.AcknowledgeView):
    """The shared acknowledgement of the results report, shown with this kind's summary."""


class AidFormMixin(AidStep):
    """The request form and its files, for submit and revise."""

    template_name = "workflows/ngo_aid/project_form.html"
    files_form = "files"

    def bound(self, project=None):
        post = self.request.method == "POST"
        data, files = (self.request.POST, self.request.FILES) if post else (None, None)
        return {
            "form": forms.AidProjectForm(data, instance=project or AidProject()),
            "files": forms.AidFilesForm(data, files),
        }


class SubmitAidView(AidFormMixin, matter_views.SubmitView):
    """Start: the aid owner's staff fill in the dossier and send it to their head."""

    def submit(self, bound, unit):
        return services.submit(
            unit=unit, actor=self.request.user, fields=bound["form"].matter_fields()
        )


class ReviseAidView(AidFormMixin, matter_views.ReviseView):
    """The submitter corrects a returned dossier and sends it again."""

    def resubmit(self, project, bound, *, comment):
        services.resubmit(
            project,
            actor=self.request.user,
            fields=bound["form"].matter_fields(),
            comment=comment,
            task=self.activation.task,
        )


# -- pages outside the flow's steps ----------------------------------------------------------


class AidPages(consultation.ConsultationPages, matter_views.FlowPages):
    model = AidProject
    statuses = Status
    services = services
    name = "project"
    flow = "workflows.flows.NgoAidFlow"
    detail_template = "workflows/ngo_aid/project_detail.html"
    urls = URLS
    attachment_model = Attachment
    attachment_field = "project"
    withdraw_form = CommentForm
    document_service = "decision_document"

    def page_rows(self, visible):
        return visible.for_list().prefetch_related("disbursements", "reports")

    def may_disburse(self, user, project) -> bool:
        return project.status in (Status.IMPLEMENTING, Status.REPORTED) and has_role(
            user, Role.UNIT_STAFF, project.unit
        )

    def detail_context(self, request, project):
        context = super().detail_context(request, project)
        following = project.status in (Status.IMPLEMENTING, Status.REPORTED)
        context.update(
            disbursements=project.disbursements.all(),
            reports=project.reports.all(),
            can_disburse=self.may_disburse(request.user, project),
            disbursement_form=forms.DisbursementForm(
                initial={"disbursed_on": timezone.localdate()}
            ),
            next_report_due=services.report_due_on(project) if following else None,
            lapse_due_on=(
                services.last_day_to_start(project, timezone.localdate())
                if project.status == Status.ISSUED
                else None
            ),
        )
        return context

    def disburse(self, request, pk):
        """The aid owner records a disbursement; back to the project's page."""
        project = self.get(request, pk)
        if not has_role(request.user, Role.UNIT_STAFF, project.unit):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        form = forms.DisbursementForm(request.POST)
        if form.is_valid():
            try:
                services.record_disbursement(project, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Đã ghi nhận lần giải ngân."))
                return redirect(project)
        # Refused: the page again, the form keeping what was typed, its errors shown.
        context = self.detail_context(request, project) | {"disbursement_form": form}
        return render(request, self.detail_template, context, status=400)

    @cached_property
    def disburse_view(self):
        return login_required(require_POST(self.disburse))


pages = AidPages()
project_detail = pages.detail_view
download = pages.download_view
decision = pages.document_view
decision_pdf = pages.document_pdf_view
withdraw = pages.withdraw_view
cancel_opinion = pages.cancel_view
start_project = pages.start_view
chart = pages.chart_view
disburse = pages.disburse_view
