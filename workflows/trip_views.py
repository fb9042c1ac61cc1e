"""Pages of the outbound trip: the start form, each step's form, the trip page and lists.

The steps and pages are the ones every kind has (``matter_views``, ``matters.views``);
this module says what is the trip's own: its services, forms, templates and labels.
"""

from django.utils.translation import gettext_lazy

from permits import forms, policy, services
from permits.models import Attachment, OutboundTrip, Status

from . import matter_views, selectors


class TripStep(matter_views.MatterStep):
    """What every outbound step shows: the trip, its warnings, members and files."""

    subject_attribute = "trip"
    services = services
    attachment_model = Attachment
    summary_template = "workflows/outbound/_trip_summary.html"

    @property
    def trip(self):
        return self.subject

    def summary_context(self):
        return {
            "warnings": policy.warnings_for(self.trip),
            "attachments": self.trip.attachments.all(),
            "members": self.trip.members.all(),
        }


class StepView(TripStep, matter_views.StepView):
    """An outbound step with a form of its own."""


class EndorseView(TripStep, matter_views.EndorseView):
    return_stage = OutboundTrip.Stage.ENDORSEMENT


class ReviewView(TripStep, matter_views.ReviewView):
    """The review of a trip, where the reviewer also confirms which members are which
    staff members (a leader who is a member does not approve the trip)."""

    return_stage = OutboundTrip.Stage.REVIEW
    unlink = ()

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
        self.act("forward", comment, unlink=self.unlink)


class ApproveView(TripStep, matter_views.ApproveView):
    pass


class AcknowledgeView(TripStep, matter_views.AcknowledgeView):
    pass


class ReportView(TripStep, matter_views.ReportView):
    form_class = forms.ReportForm


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
            self.attach(self.trip, data["opinion_file"], kind=Attachment.Kind.PARTY_OPINION)


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


class TripFormMixin(TripStep):
    """The request form with its member rows and attachments, for submit and revise."""

    template_name = "workflows/outbound/trip_form.html"

    def bound(self, trip=None):
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


class SubmitTripView(TripFormMixin, matter_views.SubmitView):
    """Start: unit staff fill in the request and send it to their unit head."""

    def submit(self, bound, unit):
        return services.submit_trip(
            unit=unit,
            actor=self.request.user,
            fields=bound["form"].trip_fields(),
            members=bound["members"].members(),
        )


class ReviseTripView(TripFormMixin, matter_views.ReviseView):
    """The submitter corrects a returned request and sends it again."""

    def resubmit(self, trip, bound, *, comment):
        services.resubmit(
            trip,
            actor=self.request.user,
            fields=bound["form"].trip_fields(),
            members=bound["members"].members(),
            comment=comment,
            task=self.activation.task,
        )


# -- pages outside the flow's steps ----------------------------------------------------------


class TripPages(matter_views.FlowPages):
    model = OutboundTrip
    statuses = Status
    services = services
    name = "trip"
    flow = "workflows.flows.OutboundTripFlow"
    list_title = gettext_lazy("Đoàn ra")
    list_template = "workflows/outbound/trip_list.html"
    detail_template = "workflows/outbound/trip_detail.html"
    urls = {
        "page": "outbound_trip",
        "download": "outbound_download",
        "withdraw": "outbound_withdraw",
        "chart": "outbound_chart",
    }
    attachment_model = Attachment
    attachment_field = "trip"
    withdraw_form = forms.WithdrawForm
    document_service = "decision_document"

    def page_rows(self, visible):
        return visible.for_page()

    def process(self, trip):
        return selectors.process_for_page(trip)

    def detail_context(self, request, trip):
        return {
            **super().detail_context(request, trip),
            "members": trip.members.all(),
            "warnings": policy.warnings_for(trip) if trip.is_open else [],
        }


pages = TripPages()
trip_list = pages.list_view
trip_detail = pages.detail_view
download = pages.download_view
decision = pages.document_view
decision_pdf = pages.document_pdf_view
withdraw = pages.withdraw_view
start_trip = pages.start_view
trip_chart = pages.chart_view
