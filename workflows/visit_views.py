"""Pages of the inbound visit (đoàn vào): the start form, each step, the visit page, lists.

Built like ``trip_views``: a step view validates its form and calls one service; every
read goes through ``InboundVisit.objects.visible_to(user)``, so what a person may not see
is a 404. Passport numbers and dates of birth are masked everywhere; the security
officer and the reviewer working an open step of the visit may reveal one guest's in
full, and each reveal is audited (``visit_services.reveal_personal_data``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import generic
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from organizations.models import Role
from organizations.selectors import has_role
from permits import guest_import, uploads, visit_forms, visit_policy
from permits import visit_services as services
from permits.forms import ReportForm, WithdrawForm
from permits.models import Attachment, Guest, InboundVisit, Status
from workdays import calendar

from . import selectors, step_views
from . import services as workflow_services
from .paging import matter_list

# The steps whose holder may reveal a guest's personal data, and the role they act in.
REVEALING_STEPS = {"review": Role.DEPARTMENT_REVIEWER, "security_check": Role.SECURITY_OFFICER}


def visit_warnings(visit) -> list[str]:
    """Return the policy warnings on ``visit``, counting notice on the holiday calendar."""
    sent = timezone.localdate(visit.submitted_at) if visit.submitted_at else timezone.localdate()
    notice = calendar.working_days_between(sent, visit.start_date)
    return visit_policy.warnings_for(visit, notice_working_days=notice)


def revealing_role(user, visit):
    """Return the role in which ``user`` may reveal personal data on ``visit``, or None."""
    process = selectors.process_of(visit)
    if process is None:
        return None
    for task in selectors.open_tasks(process):
        node = task.flow_task
        role = REVEALING_STEPS.get(node.name)
        if role and (node.can_execute(user, task) or node.can_assign(user, task)):
            return role
    return None


class VisitStep:
    """What every inbound step shows: the visit, its warnings, guests (masked) and files."""

    summary_template = "workflows/inbound/_visit_summary.html"

    @property
    def visit(self):
        return self.activation.process.visit

    @property
    def subject(self):
        return self.visit

    def summary_context(self):
        return {
            "warnings": visit_warnings(self.visit),
            "attachments": self.visit.attachments.all(),
            "guests": self.visit.guests.all(),
            "may_reveal": self.activation.flow_task.name in REVEALING_STEPS,
        }


class StepView(VisitStep, step_views.StepView):
    """An inbound step with a form of its own."""


class DecisionStepView(VisitStep, step_views.DecisionStepView):
    """An inbound step that is one decision among a few, with a comment."""

    def act(self, service, comment, **kwargs):
        service(self.visit, actor=self.request.user, comment=comment, task=self.task, **kwargs)


class EndorseView(DecisionStepView):
    choices = [
        ("endorse", gettext_lazy("Đồng ý, trình cơ quan ngoại vụ")),
        ("return", gettext_lazy("Trả lại để chỉnh sửa")),
    ]
    comment_required_for = ("return",)

    def decide_endorse(self, comment):
        self.act(services.endorse, comment)

    def decide_return(self, comment):
        self.act(services.return_to_submitter, comment, stage=InboundVisit.Stage.ENDORSEMENT)


class ReviewView(DecisionStepView):
    choices = [
        ("forward", gettext_lazy("Chuyển thẩm tra an ninh (đủ điều kiện)")),
        ("return", gettext_lazy("Trả lại đơn vị để chỉnh sửa, bổ sung")),
        ("reject", gettext_lazy("Đề nghị không chấp thuận")),
    ]
    comment_required_for = ("return", "reject")

    def decide_forward(self, comment):
        self.act(services.forward, comment)

    def decide_return(self, comment):
        self.act(services.return_to_submitter, comment, stage=InboundVisit.Stage.REVIEW)

    def decide_reject(self, comment):
        self.act(services.reject, comment)


class ApproveView(DecisionStepView):
    choices = [
        ("approve", gettext_lazy("Đồng ý cho đón đoàn")),
        ("return", gettext_lazy("Trả lại cơ quan ngoại vụ")),
        ("reject", pgettext_lazy("decision", "Không đồng ý")),
    ]
    comment_required_for = ("return", "reject")

    def decide_approve(self, comment):
        self.act(services.approve, comment)

    def decide_return(self, comment):
        self.act(services.return_to_department, comment)

    def decide_reject(self, comment):
        self.act(services.reject, comment)


class AcknowledgeView(DecisionStepView):
    choices = [("acknowledge", gettext_lazy("Tiếp nhận báo cáo, kết thúc hồ sơ"))]

    def decide_acknowledge(self, comment):
        self.act(services.acknowledge, comment)


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


class ReportView(StepView):
    form_class = ReportForm

    def perform(self, form):
        visit = services.submit_report(
            self.visit, actor=self.request.user, text=form.cleaned_data["text"], task=self.task
        )
        if form.cleaned_data["report_file"]:
            uploads.add_attachment(
                visit,
                form.cleaned_data["report_file"],
                kind=Attachment.Kind.REPORT,
                actor=self.request.user,
            )


class VisitFormMixin:
    """The request form with its guest rows or Excel list and files, for submit and revise."""

    template_name = "workflows/inbound/visit_form.html"

    def forms(self, visit=None):
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

    def _attach(self, visit, bound):
        for kind, upload in bound["attachments"].files_by_kind():
            uploads.add_attachment(visit, upload, kind=kind, actor=self.request.user)
        if bound["guest_list"].cleaned_data.get("guest_file"):
            upload = bound["guest_list"].cleaned_data["guest_file"]
            kind = Attachment.Kind.GUEST_LIST
            uploads.add_attachment(visit, upload, kind=kind, actor=self.request.user)

    def _show(self, bound, **extra):
        return render(self.request, self.template_name, {**bound, **extra})

    def _save(self, bound, save, **extra):
        """Validate ``bound``; run ``save()`` in a transaction; show errors or return None."""
        if not all(f.is_valid() for f in bound.values()):
            return None, self._show(bound, **extra)
        try:
            with transaction.atomic():
                return save(), None
        except ValidationError as error:
            step_views.apply_errors(bound["form"], error)
            return None, self._show(bound, **extra)


# Error reports never carry the passport numbers and dates of birth a form posts.
@method_decorator(sensitive_post_parameters(), name="dispatch")
class SubmitVisitView(VisitFormMixin, generic.View):
    """Start: unit staff fill in the request and send it to their unit head."""

    def get(self, request, *args, **kwargs):
        return self._show(self.forms(), unit=selectors.staff_unit(request.user))

    def post(self, request, *args, **kwargs):
        bound, unit = self.forms(), selectors.staff_unit(request.user)

        def save():
            visit = services.submit_visit(
                unit=unit,
                actor=request.user,
                fields=bound["form"].visit_fields(),
                guests=self.guests(bound, keep_if_none=False),
            )
            self._attach(visit, bound)
            request.activation.process.artifact = visit
            request.activation.execute()
            return visit

        visit, response = self._save(bound, save, unit=unit)
        if response is not None:
            return response
        messages.success(
            request, _("Đã gửi hồ sơ %(ref)s tới lãnh đạo đơn vị.") % {"ref": visit.reference}
        )
        return redirect("inbound_visit", visit.pk)


@method_decorator(sensitive_post_parameters(), name="dispatch")
class ReviseVisitView(VisitFormMixin, generic.View):
    """The submitter corrects a returned request (a new guest list is optional)."""

    def context(self, visit):
        return {"visit": visit, "unit": visit.unit, "revising": True, "guests": visit.guests.all()}

    def get(self, request, *args, **kwargs):
        visit = request.activation.process.visit
        return self._show(self.forms(visit), **self.context(visit))

    def post(self, request, *args, **kwargs):
        visit = request.activation.process.visit
        bound = self.forms(visit)

        def save():
            services.resubmit(
                visit,
                actor=request.user,
                fields=bound["form"].visit_fields(),
                guests=self.guests(bound, keep_if_none=True),
                comment=request.POST.get("comment", ""),
                task=request.activation.task,
            )
            self._attach(visit, bound)
            return visit

        saved, response = self._save(bound, save, **self.context(visit))
        if response is not None:
            return response
        request.activation.execute()
        messages.success(request, _("Đã gửi lại hồ sơ %(ref)s.") % {"ref": visit.reference})
        return redirect("inbound_visit", visit.pk)


# -- pages outside the flow's steps ----------------------------------------------------------


def _visible(request, pk):
    return get_object_or_404(InboundVisit.objects.visible_to(request.user).for_list(), pk=pk)


@login_required
def visit_list(request):
    """The visits this person may see, newest first, filtered by status and text."""
    matters = InboundVisit.objects.visible_to(request.user).for_list()
    return matter_list(request, matters, Status, "workflows/inbound/visit_list.html")


@login_required
def visit_detail(request, pk):
    """The visit page: data, warnings, guests (masked), files, timeline and actions."""
    visit = _visible(request, pk)
    process = selectors.process_of(visit)
    return render(
        request,
        "workflows/inbound/visit_detail.html",
        {
            "visit": visit,
            "subject": visit,
            "process": process,
            "guests": visit.guests.all(),
            "attachments": visit.attachments.all(),
            "warnings": visit_warnings(visit) if visit.is_open else [],
            "actions": selectors.actions_for(request.user, process) if process else [],
            "current_steps": selectors.current_steps(process) if process else [],
            "can_withdraw": services.can_withdraw(visit, request.user),
            "may_reveal": revealing_role(request.user, visit) is not None,
        },
    )


@login_required
@require_POST
@sensitive_variables()
def reveal(request, pk, guest_pk):
    """Show one guest's passport number and date of birth in full, to whoever works the
    review or security step of the visit now; audited. Anyone else: 403 (404 if unseen)."""
    visit = _visible(request, pk)
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
def download(request, pk, attachment_pk):
    """Send one file of a visit the person may see, as an attachment; audited."""
    visit = _visible(request, pk)
    attachment = get_object_or_404(Attachment, visit=visit, pk=attachment_pk)
    return uploads.download_response(attachment, actor=request.user)


@login_required
def letter(request, pk):
    """Send the visit's Word approval letter (made on first request), audited."""
    visit = _visible(request, pk)
    if not visit.decision_number:
        raise Http404
    return uploads.download_response(services.letter_document(visit), actor=request.user)


@login_required
@require_GET
def guest_template(request):
    """Send the empty Excel guest list to unit staff, who fill it in."""
    if not has_role(request.user, Role.UNIT_STAFF):
        raise PermissionDenied
    response = HttpResponse(guest_import.template_workbook(), content_type=uploads.XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-khach.xlsx"'
    return response


@login_required
@require_POST
def withdraw(request, pk):
    """The submitter withdraws a visit not yet approved; its open tasks are cancelled."""
    visit = _visible(request, pk)
    form = WithdrawForm(request.POST)
    form.is_valid()
    try:
        workflow_services.withdraw_matter(
            visit,
            actor=request.user,
            comment=form.cleaned_data.get("comment", ""),
            withdraw=services.withdraw,
        )
    except ValidationError as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("inbound_visit", visit.pk)
    messages.success(request, _("Đã rút hồ sơ %(ref)s.") % {"ref": visit.reference})
    return redirect("inbound_visit", visit.pk)


@login_required
def start_visit(request):
    """Send the person to the flow's start form (its URL lives inside the flow's viewset)."""
    from .flows import InboundVisitFlow

    return redirect(InboundVisitFlow.instance.reverse("submit:execute"))
