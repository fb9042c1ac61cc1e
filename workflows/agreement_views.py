"""Pages of the international agreement (thỏa thuận quốc tế): the proposal, each step's
form, the agreement page with the opinions side by side, and the registry.

A step view validates its form and calls exactly one service; every read starts from
``Agreement.objects.visible_to(user)``, so a consulted agency sees only what was sent
to it and every other unit sees nothing (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import generic
from django.views.decorators.http import require_POST

from agreements import forms, selectors, services
from agreements.models import Agreement, AgreementAttachment, Opinion, Status
from organizations.selectors import acting_grants
from permits import uploads

from . import consultation, step_views
from . import selectors as workflow_selectors
from . import services as workflow_services
from .paging import matter_list, page_of

Attachment = AgreementAttachment


def attach(owner, upload, *, kind, actor):
    return uploads.add_attachment(owner, upload, kind=kind, actor=actor, model=Attachment)


class AgreementStep:
    """What every agreement step shows: the agreement, its files and the opinions."""

    summary_template = "workflows/agreement/_agreement_summary.html"

    @property
    def agreement(self):
        return self.activation.process.agreement

    @property
    def subject(self):
        return self.agreement

    def summary_context(self):
        user = self.request.user
        return {
            "agreement": self.agreement,
            "attachments": self.agreement.attachments.filter(opinion__isnull=True),
            "opinions": selectors.visible_opinions(self.agreement, user),
        }


class StepView(AgreementStep, step_views.StepView):
    """An agreement step with a form of its own."""


class DecisionStepView(AgreementStep, step_views.DecisionStepView):
    """An agreement step that is one decision among a few, with a comment."""

    def act(self, service, comment, **kwargs):
        service(self.agreement, actor=self.request.user, comment=comment, task=self.task, **kwargs)


class EndorseView(DecisionStepView):
    choices = [
        ("endorse", gettext_lazy("Đồng ý, trình cơ quan ngoại vụ")),
        ("return", gettext_lazy("Trả lại để chỉnh sửa")),
    ]
    comment_required_for = ("return",)

    def decide_endorse(self, comment):
        self.act(services.endorse, comment)

    def decide_return(self, comment):
        self.act(services.return_to_submitter, comment, stage=Agreement.Stage.ENDORSEMENT)


class ReviewView(DecisionStepView):
    choices = [
        ("accept", gettext_lazy("Hồ sơ đầy đủ, lấy ý kiến các cơ quan")),
        ("return", gettext_lazy("Trả lại đơn vị để chỉnh sửa, bổ sung")),
        ("reject", gettext_lazy("Đề nghị không chấp thuận")),
    ]
    comment_required_for = ("return", "reject")

    def decide_accept(self, comment):
        self.act(services.accept, comment)

    def decide_return(self, comment):
        self.act(services.return_to_submitter, comment, stage=Agreement.Stage.REVIEW)

    def decide_reject(self, comment):
        self.act(services.reject, comment)


class SelectAgenciesView(StepView):
    form_class = forms.SelectAgenciesForm

    def perform(self, form):
        services.request_opinions(
            self.agreement,
            actor=self.request.user,
            agencies=list(form.cleaned_data["agencies"]),
            comment=form.cleaned_data["comment"],
            task=self.task,
        )


class GiveOpinionView(StepView):
    """A consulted agency's opinion: its own request only."""

    form_class = forms.OpinionForm

    @property
    def step_title(self):
        return _("Ý kiến của %(agency)s") % {"agency": self.opinion.agency}

    @property
    def opinion(self):
        return consultation.opinion_of(self.task)

    def perform(self, form):
        data = form.cleaned_data
        opinion = services.give_opinion(
            self.opinion,
            actor=self.request.user,
            verdict=data["verdict"],
            text=data["text"],
            task=self.task,
        )
        if data["opinion_file"]:
            attach(
                opinion,
                data["opinion_file"],
                kind=Attachment.Kind.OPINION,
                actor=opinion.answered_by,
            )


class SynthesisView(StepView):
    form_class = forms.SynthesisForm
    template_name = "workflows/agreement/synthesis.html"

    def perform(self, form):
        services.synthesize(
            self.agreement,
            actor=self.request.user,
            summary=form.cleaned_data["summary"],
            comment=form.cleaned_data["comment"],
            task=self.task,
        )


class ApproveView(DecisionStepView):
    form_class = forms.ApprovalForm
    choices = [
        ("approve", gettext_lazy("Chấp thuận ký kết")),
        ("return", gettext_lazy("Trả lại cơ quan ngoại vụ")),
        ("reject", pgettext_lazy("decision", "Không chấp thuận")),
    ]
    comment_required_for = ("return", "reject")

    def perform(self, form):
        self.pm_consent = form.cleaned_data["pm_consent"]
        super().perform(form)

    def decide_approve(self, comment):
        self.act(services.approve, comment, pm_consent=self.pm_consent)

    def decide_return(self, comment):
        self.act(services.return_to_department, comment)

    def decide_reject(self, comment):
        self.act(services.reject, comment)


class SigningView(StepView):
    form_class = forms.SigningForm

    def perform(self, form):
        data = form.cleaned_data
        services.record_signing(
            self.agreement, actor=self.request.user, signing=data, task=self.task
        )
        if data["signed_copy"]:
            attach(
                self.agreement,
                data["signed_copy"],
                kind=Attachment.Kind.SIGNED_COPY,
                actor=self.request.user,
            )


class AgreementFormMixin:
    """The proposal form and its files, for submit and revise."""

    template_name = "workflows/agreement/agreement_form.html"

    def bound(self, agreement=None):
        post = self.request.method == "POST"
        return {
            "form": forms.AgreementForm(
                self.request.POST if post else None, instance=agreement or Agreement()
            ),
            "files": forms.AgreementFilesForm(
                self.request.POST if post else None, self.request.FILES if post else None
            ),
        }

    def attach_files(self, agreement, files_form):
        for kind, upload in files_form.files_by_kind():
            attach(agreement, upload, kind=kind, actor=self.request.user)

    def show(self, bound, **extra):
        return render(self.request, self.template_name, {**bound, **extra})

    def save(self, bound, write):
        """Run ``write()`` and attach the files in one transaction; None if it failed."""
        if not all(f.is_valid() for f in bound.values()):
            return None
        try:
            with transaction.atomic():
                agreement = write()
                self.attach_files(agreement, bound["files"])
                return agreement
        except ValidationError as error:
            step_views.apply_errors(bound["form"], error)
            return None


class SubmitAgreementView(AgreementFormMixin, generic.View):
    """Start: unit staff fill in the proposal and send it to their unit head."""

    def get(self, request, *args, **kwargs):
        return self.show(self.bound(), unit=workflow_selectors.staff_unit(request.user))

    def post(self, request, *args, **kwargs):
        bound, unit = self.bound(), workflow_selectors.staff_unit(request.user)

        def write():
            agreement = services.submit(
                unit=unit, actor=request.user, fields=bound["form"].agreement_fields()
            )
            request.activation.process.artifact = agreement
            request.activation.execute()
            return agreement

        agreement = self.save(bound, write)
        if agreement is None:
            return self.show(bound, unit=unit)
        messages.success(request, _("Đã gửi hồ sơ %(ref)s.") % {"ref": agreement.reference})
        return redirect(agreement)


class ReviseAgreementView(AgreementFormMixin, generic.View):
    """The submitter corrects a returned proposal and sends it again."""

    def get(self, request, *args, **kwargs):
        agreement = request.activation.process.agreement
        return self.show(self.bound(agreement), agreement=agreement, unit=agreement.unit)

    def post(self, request, *args, **kwargs):
        agreement = request.activation.process.agreement
        bound = self.bound(agreement)

        def write():
            return services.resubmit(
                agreement,
                actor=request.user,
                fields=bound["form"].agreement_fields(),
                comment=request.POST.get("comment", ""),
                task=request.activation.task,
            )

        if self.save(bound, write) is None:
            return self.show(bound, agreement=agreement, unit=agreement.unit)
        request.activation.execute()
        messages.success(request, _("Đã gửi lại hồ sơ %(ref)s.") % {"ref": agreement.reference})
        return redirect(agreement)


# -- pages outside the flow's steps ----------------------------------------------------------


def _visible(request, pk):
    agreements = Agreement.objects.visible_to(request.user).for_list()
    return get_object_or_404(agreements, pk=pk)


@login_required
def start_agreement(request):
    """Send the person to the flow's start form (its URL lives inside the viewflow site)."""
    from .flows import AgreementFlow

    return redirect(AgreementFlow.instance.reverse("submit:execute"))


@login_required
def agreement_list(request):
    """The agreements this person may see, newest first, filtered by status and text."""
    matters = Agreement.objects.visible_to(request.user).for_list()
    return matter_list(request, matters, Status, "workflows/agreement/agreement_list.html")


@login_required
def agreement_detail(request, pk):
    """The agreement page: its data, the opinions side by side, files, timeline, actions."""
    agreement = _visible(request, pk)
    process = workflow_selectors.process_of(agreement)
    user = request.user
    # Read once for every opinion task's "may I take it?" (consultation.OpinionView).
    user.acting_grants_today = set(acting_grants(user))
    return render(
        request,
        "workflows/agreement/agreement_detail.html",
        {
            "agreement": agreement,
            "subject": agreement,
            "process": process,
            "opinions": selectors.visible_opinions(agreement, user),
            "sees_everything": selectors.sees_all_opinions(user, agreement),
            "attachments": agreement.attachments.filter(opinion__isnull=True),
            "reports": agreement.implementation_reports.all(),
            "report_due_on": services.report_due_on(agreement),
            "actions": workflow_selectors.actions_for(user, process) if process else [],
            "current_steps": workflow_selectors.current_steps(process) if process else [],
            "can_withdraw": services.can_withdraw(agreement, user),
            "forms": _side_forms(agreement, user),
        },
    )


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
    if agreement.status == Status.CONSULTING and has_role(
        user, Role.DEPARTMENT_REVIEWER, province.focal_agency
    ):
        result["cancel_opinion"] = forms.CommentForm()
    return result


def _side_action(request, pk, action, form_class, act, done_message):
    """Validate ``form_class`` and call ``act(agreement, data)``; back to the agreement page.

    Whoever does not hold the ``action``'s seat gets a 403 (recorded) before the form is read.
    """
    agreement = _visible(request, pk)
    if not services.holds_seat_for(agreement, request.user, action):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    form = form_class(request.POST)
    if not form.is_valid():
        errors = [m for field_errors in form.errors.values() for m in field_errors]
        messages.error(request, " ".join(errors))
        return redirect(agreement)
    try:
        act(agreement, form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(agreement)
    messages.success(request, done_message)
    return redirect(agreement)


@login_required
@require_POST
def withdraw(request, pk):
    """The submitter withdraws a proposal not yet decided; its open steps are cancelled."""
    return _side_action(
        request,
        pk,
        "withdraw",
        forms.CommentForm,
        lambda agreement, data: workflow_services.withdraw_matter(
            agreement, actor=request.user, comment=data["comment"], withdraw=services.withdraw
        ),
        _("Đã rút hồ sơ."),
    )


@login_required
@require_POST
def cancel_opinion(request, pk, opinion_pk):
    """The reviewer stops waiting for one agency; the join goes on if it was the last one."""

    def act(agreement, data):
        opinion = get_object_or_404(Opinion, agreement=agreement, pk=opinion_pk)
        consultation.cancel_opinion(opinion, actor=request.user, comment=data["comment"])

    return _side_action(
        request, pk, "cancel_opinion", forms.CommentForm, act, _("Đã hủy lấy ý kiến.")
    )


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
def download(request, pk, attachment_pk):
    """Send one file of an agreement the person may see; an agency's file to that agency."""
    agreement = _visible(request, pk)
    attachment = get_object_or_404(Attachment, agreement=agreement, pk=attachment_pk)
    if (
        attachment.opinion_id
        and not selectors.visible_opinions(agreement, request.user)
        .filter(pk=attachment.opinion_id)
        .exists()
    ):
        raise Http404
    return uploads.download_response(attachment, actor=request.user)


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
