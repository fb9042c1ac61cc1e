"""Pages of the inbound visit (đoàn vào): the start form, each step, the visit page, lists.

The steps and pages are the ones every kind has (``matter_views``, ``matters.views``);
this module says what is the visit's own: its services, forms, templates and labels.
Passport numbers and dates of birth are masked everywhere; the security officer and the
reviewer working an open step of the visit may reveal one guest's in full, and each
reveal is audited (``visit_services.reveal_personal_data``).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from organizations.models import Role
from organizations.selectors import has_role
from permits import guest_import, uploads, visit_forms, visit_policy
from permits import visit_services as services
from permits.forms import ReportForm, WithdrawForm
from permits.models import Attachment, Guest, InboundVisit, Status
from workdays import calendar

from . import matter_views

# The steps whose holder may reveal personal data, and the role they act in (shared with
# the trip's members: ``matter_views.revealing_role``).
REVEALING_STEPS = matter_views.REVEALING_STEPS
revealing_role = matter_views.revealing_role


def visit_warnings(visit) -> list[str]:
    """Return the policy warnings on ``visit``, counting notice on the holiday calendar."""
    sent = timezone.localdate(visit.submitted_at) if visit.submitted_at else timezone.localdate()
    notice = calendar.working_days_between(sent, visit.start_date)
    return visit_policy.warnings_for(visit, notice_working_days=notice)


URLS = {
    "page": "inbound_visit",
    "download": "inbound_download",
    "withdraw": "inbound_withdraw",
    "export": "inbound_export",
}


class VisitStep(matter_views.MatterStep):
    """What every inbound step shows: the visit, its warnings, guests (masked) and files."""

    subject_attribute = "visit"
    services = services
    attachment_model = Attachment
    urls = URLS
    summary_template = "workflows/inbound/_visit_summary.html"

    @property
    def visit(self):
        return self.subject

    def summary_context(self):
        return {
            "warnings": visit_warnings(self.visit),
            "attachments": self.visit.attachments.all(),
            "guests": self.visit.guests.all(),
            "may_reveal": self.activation.flow_task.name in REVEALING_STEPS,
        }


class StepView(VisitStep, matter_views.StepView):
    """An inbound step with a form of its own."""


class EndorseView(VisitStep, matter_views.EndorseView):
    return_stage = InboundVisit.Stage.ENDORSEMENT


class ReviewView(VisitStep, matter_views.ReviewView):
    choices = [
        ("forward", gettext_lazy("Chuyển thẩm tra an ninh (đủ điều kiện)")),
        *matter_views.ReviewView.choices[1:],
    ]
    return_stage = InboundVisit.Stage.REVIEW


class ConfirmRejectionView(VisitStep, matter_views.ConfirmRejectionView):
    """The shared confirmation of a proposed refusal, shown with this kind's summary."""


class ApproveView(VisitStep, matter_views.ApproveView):
    choices = [
        ("approve", gettext_lazy("Đồng ý cho đón đoàn")),
        ("return", matter_views.RETURN_TO_DEPARTMENT),
        ("reject", pgettext_lazy("decision", "Không đồng ý")),
    ]


class AcknowledgeView(VisitStep, matter_views.AcknowledgeView):
    """The shared acknowledgement of the results report, shown with this kind's summary."""


class ReportView(VisitStep, matter_views.ReportView):
    form_class = ReportForm


class SecurityCheckView(StepView):
    form_class = visit_forms.GuestSecurityCheckForm
    template_name = "workflows/inbound/security_check.html"

    def get_form_kwargs(self):
        guests = self.visit.guests.filter(removed=False)
        return {**super().get_form_kwargs(), "guests": guests}

    def perform(self, form):
        data = form.cleaned_data
        services.vet_guests(
            self.visit,
            actor=self.request.user,
            verdicts=form.verdicts(),
            outcome=data["outcome"],
            notes=data["notes"],
            comment=data["comment"],
            task=self.task,
        )


class VisitFormMixin(VisitStep):
    """The request form with its guest rows or Excel list and files, for submit and revise."""

    template_name = "workflows/inbound/visit_form.html"

    def bound(self, visit=None):
        post = self.request.method == "POST"
        data, files = (self.request.POST, self.request.FILES) if post else (None, None)
        return {
            "form": visit_forms.VisitForm(data, instance=visit or InboundVisit()),
            "guest_rows": visit_forms.GuestFormSet(data, prefix="guests"),
            "guest_list": visit_forms.GuestListForm(data, files),
            "attachments": visit_forms.VisitAttachmentsForm(data, files),
        }

    def guests(self, bound, *, keep_if_none: bool):
        """Return the Excel list if one came, else the typed rows (None: keep the list)."""
        imported = getattr(bound["guest_list"], "imported", None)
        if imported is not None:
            return imported
        rows = bound["guest_rows"].guests()
        return None if keep_if_none and not rows else rows

    def attach_files(self, visit, bound):
        super().attach_files(visit, bound)
        if bound["guest_list"].cleaned_data.get("guest_file"):
            upload = bound["guest_list"].cleaned_data["guest_file"]
            self.attach(visit, upload, kind=Attachment.Kind.GUEST_LIST)


# Error reports never carry the passport numbers and dates of birth a form posts.
@method_decorator(sensitive_post_parameters(), name="dispatch")
class SubmitVisitView(VisitFormMixin, matter_views.SubmitView):
    """Start: unit staff fill in the request and send it to their unit head."""

    def submit(self, bound, unit):
        return services.submit_visit(
            unit=unit,
            actor=self.request.user,
            fields=bound["form"].visit_fields(),
            guests=self.guests(bound, keep_if_none=False),
        )


@method_decorator(sensitive_post_parameters(), name="dispatch")
class ReviseVisitView(VisitFormMixin, matter_views.ReviseView):
    """The submitter corrects a returned request (a new guest list is optional)."""

    def context(self, visit):
        return {**super().context(visit), "guests": visit.guests.all()}

    def resubmit(self, visit, bound, *, comment):
        services.resubmit(
            visit,
            actor=self.request.user,
            fields=bound["form"].visit_fields(),
            guests=self.guests(bound, keep_if_none=True),
            comment=comment,
            task=self.activation.task,
        )


# -- pages outside the flow's steps ----------------------------------------------------------


class VisitPages(matter_views.FlowPages):
    model = InboundVisit
    statuses = Status
    services = services
    name = "visit"
    flow = "workflows.flows.InboundVisitFlow"
    list_title = gettext_lazy("Đoàn vào")
    list_template = "workflows/inbound/visit_list.html"
    detail_template = "workflows/inbound/visit_detail.html"
    urls = URLS
    attachment_model = Attachment
    export_name = "danh-sach-doan-vao"
    title_header = gettext_lazy("Tên đoàn")
    field_columns = ("countries", "start_date", "end_date")
    attachment_field = "visit"
    withdraw_form = WithdrawForm
    document_service = "letter_document"

    def detail_context(self, request, visit):
        return {
            **super().detail_context(request, visit),
            "guests": visit.guests.all(),
            "warnings": visit_warnings(visit) if visit.is_open else [],
            "may_reveal": revealing_role(request.user, visit) is not None,
        }


pages = VisitPages()
visit_list = pages.list_view
visit_export = pages.export_view
visit_detail = pages.detail_view
download = pages.download_view
letter = pages.document_view
letter_pdf = pages.document_pdf_view
withdraw = pages.withdraw_view
start_visit = pages.start_view


@login_required
@require_POST
@sensitive_variables()
def reveal(request, pk, guest_pk):
    """Show one guest's passport number and date of birth in full, to whoever works the
    review or security step of the visit now; audited. Anyone else: 403 (404 if unseen)."""
    visit = pages.get(request, pk)
    guest = get_object_or_404(Guest, visit=visit, pk=guest_pk)
    role = revealing_role(request.user, visit)
    if role is None:
        raise PermissionDenied(_("Bạn không được xem đầy đủ thông tin cá nhân của khách."))
    revealed = services.reveal_personal_data(guest, actor=request.user, role=role)
    response = render(
        request,
        "workflows/inbound/guest_reveal.html",
        {"visit": visit, "guest": guest, **revealed},
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_GET
def guest_template(request):
    """Send the empty Excel guest list to unit staff, who fill it in."""
    if not has_role(request.user, Role.UNIT_STAFF):
        raise PermissionDenied
    response = HttpResponse(guest_import.template_workbook(), content_type=uploads.XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-khach.xlsx"'
    return response
