"""Pages of the outbound trip: the start form, each step's form, the trip page and lists.

The steps and pages are the ones every kind has (``matter_views``, ``matters.views``);
this module says what is the trip's own: its services, forms, templates and labels.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from matters import files
from people.selectors import is_focal_agency
from permits import forms, passports, policy, services
from permits.models import Attachment, OutboundTrip, Status, TripMember, TripPassport
from permits.passport_sheet import sheet_for

from . import matter_views, selectors

URLS = {
    "page": "outbound_trip",
    "download": "outbound_download",
    "withdraw": "outbound_withdraw",
    "chart": "outbound_chart",
    "export": "outbound_export",
}


class TripStep(matter_views.MatterStep):
    """What every outbound step shows: the trip, its warnings, members and files."""

    subject_attribute = "trip"
    services = services
    attachment_model = Attachment
    urls = URLS
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


class ConfirmRejectionView(TripStep, matter_views.ConfirmRejectionView):
    """The shared confirmation of a proposed refusal, shown with this kind's summary."""


class ApproveView(TripStep, matter_views.ApproveView):
    """The shared leader's decision, shown with this kind's summary."""


class AcknowledgeView(TripStep, matter_views.AcknowledgeView):
    """The shared acknowledgement of the results report, shown with this kind's summary."""


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
        members = self.trip.members.select_related("person")
        return {**super().get_form_kwargs(), "members": members}

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
                form_kwargs={"user": self.request.user},
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
    urls = URLS
    attachment_model = Attachment
    export_name = "danh-sach-doan-ra"
    title_header = gettext_lazy("Tên đoàn")
    field_columns = ("countries", "start_date", "end_date")
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
            "passport_desk": trip.status in passports.HANDING_OUT and is_focal_agency(request.user),
        }


pages = TripPages()
trip_list = pages.list_view
trip_export = pages.export_view
trip_detail = pages.detail_view
download = pages.download_view
decision = pages.document_view
decision_pdf = pages.document_pdf_view
withdraw = pages.withdraw_view
start_trip = pages.start_view
trip_chart = pages.chart_view


# -- members' personal data and passports ------------------------------------------------------


@login_required
@require_POST
@sensitive_variables()
def reveal(request, pk, member_pk):
    """Show one member's identity number and date of birth in full, to whoever works the
    review or security step of the trip now; audited. Anyone else: 403 (404 if unseen)."""
    trip = pages.get(request, pk)
    member = get_object_or_404(TripMember.objects.select_related("person"), trip=trip, pk=member_pk)
    role = matter_views.revealing_role(request.user, trip)
    if role is None:
        raise PermissionDenied(
            _("Bạn không được xem đầy đủ thông tin cá nhân của thành viên đoàn.")
        )
    revealed = services.reveal_member_identity(member, actor=request.user, role=role)
    response = render(
        request,
        "workflows/outbound/member_reveal.html",
        {"trip": trip, "member": member, **revealed},
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def _passport_desk(request, pk):
    trip = pages.get(request, pk)
    if not is_focal_agency(request.user):
        raise PermissionDenied(_("Chỉ cơ quan ngoại vụ giao và nhận lại hộ chiếu."))
    return trip


@login_required
def passport_sheet(request, pk):
    """The hand-out sheet of the trip's official passports, and their hand-out and return
    (the focal agency, after the decision)."""
    trip = _passport_desk(request, pk)
    if request.method == "POST":
        try:
            if "hand_back" in request.POST:
                record = get_object_or_404(TripPassport, trip=trip, pk=request.POST["hand_back"])
                passports.hand_back(record, actor=request.user)
            else:
                chosen = trip_passports(trip, request.POST.getlist("passport"))
                passports.hand_out(trip, chosen, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("outbound_passports", pk=trip.pk)
    return render(
        request,
        "workflows/outbound/passport_sheet.html",
        {
            "trip": trip,
            "rows": passports.sheet(trip),
            "due_back_on": passports.due_back_on(trip),
            "limit": passports.limit_label(),
            "rule": passports.RULE,
            "may_hand_out": trip.status in passports.HANDING_OUT,
        },
    )


@login_required
@require_GET
def passport_sheet_document(request, pk):
    """The hand-out sheet as a Word file (the focal agency, once the decision is issued);
    before that, back to the page with the reason."""
    trip = _passport_desk(request, pk)
    try:
        content = sheet_for(trip, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("outbound_passports", pk=trip.pk)
    return files.download(content, f"phieu-giao-nhan-ho-chieu-{trip.reference}.docx", files.DOCX)


def trip_passports(trip, ids) -> list:
    """Return the passports of ``ids`` that the trip's sheet lists."""
    listed = {
        row["passport"].pk: row["passport"] for row in passports.sheet(trip) if row["passport"]
    }
    return [listed[int(i)] for i in ids if i.isdigit() and int(i) in listed]
