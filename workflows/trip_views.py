"""Pages of the outbound trip: the start form, each step's form, the trip page and lists.

A step view validates its form and calls exactly one service; the flow's wrapper has
already taken the process lock and checked who may act. Every read goes through
``OutboundTrip.objects.visible_to(user)``: what a person may not see is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django.views.decorators.http import require_POST
from viewflow.workflow.flow.views import FlowChartView

from permits import forms, policy, services, uploads
from permits.models import Attachment, OutboundTrip, Status

from . import selectors, step_views
from . import services as workflow_services
from .paging import matter_list


class TripStep:
    """What every outbound step shows: the trip, its warnings, members and files."""

    summary_template = "workflows/outbound/_trip_summary.html"

    @property
    def trip(self):
        return self.activation.process.trip

    @property
    def subject(self):
        return self.trip

    def summary_context(self):
        return {
            "warnings": policy.warnings_for(self.trip),
            "attachments": self.trip.attachments.all(),
            "members": self.trip.members.all(),
        }


class StepView(TripStep, step_views.StepView):
    """An outbound step with a form of its own."""


class DecisionStepView(TripStep, step_views.DecisionStepView):
    """An outbound step that is one decision among a few, with a comment."""


class EndorseView(DecisionStepView):
    choices = [
        ("endorse", gettext_lazy("Đồng ý, trình cơ quan ngoại vụ")),
        ("return", gettext_lazy("Trả lại để chỉnh sửa")),
    ]
    comment_required_for = ("return",)

    def decide_endorse(self, comment):
        services.endorse(self.trip, actor=self.request.user, comment=comment, task=self.task)

    def decide_return(self, comment):
        services.return_to_submitter(
            self.trip,
            actor=self.request.user,
            comment=comment,
            stage=OutboundTrip.Stage.ENDORSEMENT,
            task=self.task,
        )


class ReviewView(DecisionStepView):
    choices = [
        ("forward", gettext_lazy("Chuyển tiếp (đủ điều kiện)")),
        ("return", gettext_lazy("Trả lại đơn vị để chỉnh sửa, bổ sung")),
        ("reject", gettext_lazy("Đề nghị không chấp thuận")),
    ]
    comment_required_for = ("return", "reject")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        links = forms.member_links_field(self.trip)
        if links is not None:
            form.fields["unlink"] = links
        return form

    def perform(self, form):
        self.unlink = [member.pk for member in form.cleaned_data.get("unlink") or ()]
        super().perform(form)

    def decide_forward(self, comment):
        services.forward(
            self.trip, actor=self.request.user, comment=comment, unlink=self.unlink, task=self.task
        )

    def decide_return(self, comment):
        services.return_to_submitter(
            self.trip,
            actor=self.request.user,
            comment=comment,
            stage=OutboundTrip.Stage.REVIEW,
            task=self.task,
        )

    def decide_reject(self, comment):
        services.reject(self.trip, actor=self.request.user, comment=comment, task=self.task)


class ApproveView(DecisionStepView):
    choices = [
        ("approve", gettext_lazy("Phê duyệt")),
        ("return", gettext_lazy("Trả lại cơ quan ngoại vụ")),
        ("reject", gettext_lazy("Không phê duyệt")),
    ]
    comment_required_for = ("return", "reject")

    def decide_approve(self, comment):
        services.approve(self.trip, actor=self.request.user, comment=comment, task=self.task)

    def decide_return(self, comment):
        services.return_to_department(
            self.trip, actor=self.request.user, comment=comment, task=self.task
        )

    def decide_reject(self, comment):
        services.reject(self.trip, actor=self.request.user, comment=comment, task=self.task)


class AcknowledgeView(DecisionStepView):
    choices = [("acknowledge", gettext_lazy("Tiếp nhận báo cáo, kết thúc hồ sơ"))]

    def decide_acknowledge(self, comment):
        services.acknowledge(self.trip, actor=self.request.user, comment=comment, task=self.task)


class PartyOpinionView(StepView):
    form_class = forms.PartyOpinionForm

    def perform(self, form):
        data = form.cleaned_data
        services.record_party_opinion(
            self.trip,
            actor=self.request.user,
            number=data["number"],
            date=data["date"],
            content=data["content"],
            comment=data["comment"],
            task=self.task,
        )
        if data["opinion_file"]:
            uploads.add_attachment(
                self.trip,
                data["opinion_file"],
                kind=Attachment.Kind.PARTY_OPINION,
                actor=self.request.user,
            )


class SecurityCheckView(StepView):
    form_class = forms.SecurityCheckForm
    template_name = "workflows/outbound/security_check.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "members": self.trip.members.all()}

    def perform(self, form):
        services.security_check(
            self.trip,
            actor=self.request.user,
            verdicts=form.verdicts(),
            notes=form.cleaned_data["notes"],
            comment=form.cleaned_data["comment"],
            task=self.task,
        )


class ReportView(StepView):
    form_class = forms.ReportForm

    def perform(self, form):
        trip = services.submit_report(
            self.trip, actor=self.request.user, text=form.cleaned_data["text"], task=self.task
        )
        if form.cleaned_data["report_file"]:
            uploads.add_attachment(
                trip,
                form.cleaned_data["report_file"],
                kind=Attachment.Kind.REPORT,
                actor=self.request.user,
            )


class TripFormMixin:
    """The request form with its member rows and attachments, for submit and revise."""

    template_name = "workflows/outbound/trip_form.html"

    def forms(self, trip=None):
        data = self.request.POST if self.request.method == "POST" else None
        files = self.request.FILES if self.request.method == "POST" else None
        return {
            "form": forms.TripForm(data, instance=trip or OutboundTrip()),
            # Initial rows only for the blank page: a bound extra row equal to its
            # initial would count as unchanged, that is, as no member at all.
            "members": forms.MemberFormSet(
                data,
                prefix="members",
                initial=forms.member_initial(trip) if trip and data is None else None,
            ),
            "attachments": forms.AttachmentsForm(data, files),
        }

    def _valid(self, bound):
        return all(f.is_valid() for f in bound.values())

    def _attach(self, trip, attachments_form):
        for kind, upload in attachments_form.files_by_kind():
            uploads.add_attachment(trip, upload, kind=kind, actor=self.request.user)

    def _show(self, bound, **extra):
        return render(self.request, self.template_name, {**bound, **extra})


class SubmitTripView(TripFormMixin, generic.View):
    """Start: unit staff fill in the request and send it to their unit head."""

    def get(self, request, *args, **kwargs):
        return self._show(self.forms(), unit=self._unit())

    def _unit(self):
        return selectors.staff_unit(self.request.user)

    def post(self, request, *args, **kwargs):
        bound = self.forms()
        unit = self._unit()
        if not self._valid(bound):
            return self._show(bound, unit=unit)
        try:
            with transaction.atomic():
                trip = services.submit_trip(
                    unit=unit,
                    actor=request.user,
                    fields=bound["form"].trip_fields(),
                    members=bound["members"].members(),
                )
                self._attach(trip, bound["attachments"])
                request.activation.process.artifact = trip
                request.activation.execute()
        except ValidationError as error:
            step_views.apply_errors(bound["form"], error)
            return self._show(bound, unit=unit)
        messages.success(
            request, _("Đã gửi hồ sơ %(ref)s tới lãnh đạo đơn vị.") % {"ref": trip.reference}
        )
        return redirect("outbound_trip", trip.pk)


class ReviseTripView(TripFormMixin, generic.View):
    """The submitter corrects a returned request and sends it again."""

    def get(self, request, *args, **kwargs):
        trip = request.activation.process.trip
        return self._show(self.forms(trip), trip=trip, unit=trip.unit, revising=True)

    def post(self, request, *args, **kwargs):
        trip = request.activation.process.trip
        bound = self.forms(trip)
        if not self._valid(bound):
            return self._show(bound, trip=trip, unit=trip.unit, revising=True)
        try:
            with transaction.atomic():
                services.resubmit(
                    trip,
                    actor=request.user,
                    fields=bound["form"].trip_fields(),
                    members=bound["members"].members(),
                    comment=request.POST.get("comment", ""),
                    task=request.activation.task,
                )
                self._attach(trip, bound["attachments"])
        except ValidationError as error:
            step_views.apply_errors(bound["form"], error)
            return self._show(bound, trip=trip, unit=trip.unit, revising=True)
        request.activation.execute()
        messages.success(request, _("Đã gửi lại hồ sơ %(ref)s.") % {"ref": trip.reference})
        return redirect("outbound_trip", trip.pk)


# -- pages outside the flow's steps ----------------------------------------------------------


@login_required
def trip_list(request):
    """The trips this person may see, newest first, filtered by status and text."""
    matters = OutboundTrip.objects.visible_to(request.user).for_list()
    return matter_list(request, matters, Status, "workflows/outbound/trip_list.html")


@login_required
def trip_detail(request, pk):
    """The trip page: its data, warnings, files, timeline and what this person may do now."""
    trip = get_object_or_404(OutboundTrip.objects.visible_to(request.user).for_page(), pk=pk)
    process = selectors.process_for_page(trip)
    return render(
        request,
        "workflows/outbound/trip_detail.html",
        {
            "trip": trip,
            "subject": trip,
            "process": process,
            "members": trip.members.all(),
            "attachments": trip.attachments.all(),
            "warnings": policy.warnings_for(trip) if trip.is_open else [],
            "actions": selectors.actions_for(request.user, process) if process else [],
            "current_steps": selectors.current_steps(process) if process else [],
            "can_withdraw": services.can_withdraw(trip, request.user),
        },
    )


@login_required
def download(request, pk, attachment_pk):
    """Send one file of a trip the person may see, as an attachment; audited."""
    trip = get_object_or_404(OutboundTrip.objects.visible_to(request.user), pk=pk)
    attachment = get_object_or_404(Attachment, trip=trip, pk=attachment_pk)
    return uploads.download_response(attachment, actor=request.user)


@login_required
def decision(request, pk):
    """Send the trip's Word decision (made on first request), as an audited attachment."""
    trip = get_object_or_404(OutboundTrip.objects.visible_to(request.user), pk=pk)
    if not trip.decision_number:
        raise Http404
    attachment = services.decision_document(trip)
    return uploads.download_response(attachment, actor=request.user)


@login_required
@require_POST
def withdraw(request, pk):
    """The submitter withdraws a trip not yet approved; its open tasks are cancelled."""
    trip = get_object_or_404(OutboundTrip.objects.visible_to(request.user), pk=pk)
    form = forms.WithdrawForm(request.POST)
    form.is_valid()
    try:
        workflow_services.withdraw_trip(
            trip, actor=request.user, comment=form.cleaned_data.get("comment", "")
        )
    except ValidationError as error:
        message = " ".join(getattr(error, "messages", [str(error)]))
        messages.error(request, message)
        return redirect("outbound_trip", trip.pk)
    messages.success(request, _("Đã rút hồ sơ %(ref)s.") % {"ref": trip.reference})
    return redirect("outbound_trip", trip.pk)


@login_required
def my_tasks(request):
    """What waits for me, what I may take (my queue) and what I did lately, over every flow."""
    return render(
        request,
        "workflows/tasks.html",
        {
            "inbox": selectors.inbox(request.user),
            "queue": selectors.queue(request.user),
            "archive": selectors.archive(request.user),
        },
    )


@login_required
def start_trip(request):
    """Send the person to the flow's start form (its URL lives inside the viewflow site)."""
    from .flows import OutboundTripFlow

    return redirect(OutboundTripFlow.instance.reverse("submit:execute"))


class _ProcessChartView(FlowChartView):
    """viewflow's chart, for a process the caller has already checked the person may see."""

    def dispatch(self, request, *args, **kwargs):
        return generic.View.dispatch(self, request, *args, **kwargs)


@login_required
def trip_chart(request, pk):
    """The flow's diagram with this trip's current step highlighted (SVG)."""
    from .flows import OutboundTripFlow

    trip = get_object_or_404(OutboundTrip.objects.visible_to(request.user), pk=pk)
    process = selectors.process_of(trip)
    if process is None:
        raise Http404
    view = _ProcessChartView.as_view(flow_class=OutboundTripFlow)
    return view(request, process_pk=process.pk)
