"""Pages of the international conference (hội nghị, hội thảo quốc tế): the request, each
step's form and the conference's page.

The steps and pages are the ones every kind has (``matter_views``, ``consultation``);
this module says what is the conference's own: its services, forms, templates, labels,
and the Prime Minister's branch. Every read starts from
``Conference.objects.visible_to(user)``: another unit sees nothing (404).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from conferences import forms, policy, services
from conferences.models import Conference, ConferenceAttachment, Status
from matters.forms import CommentForm, OpinionForm, SelectAgenciesForm

from . import consultation, matter_views

Attachment = ConferenceAttachment
URLS = {
    "page": "conference",
    "download": "conference_download",
    "withdraw": "conference_withdraw",
    "cancel_opinion": "conference_cancel_opinion",
    "chart": "conference_chart",
}


def warnings(conference) -> list[str]:
    """Return the policy warnings while a decision is still to be made."""
    undecided = conference.status in services.WITHDRAWABLE
    return policy.warnings_for(conference) if undecided else []


class ConferenceStep(consultation.ConsultationStep, matter_views.MatterStep):
    """What every conference step shows: the conference, its warnings, files and opinions."""

    subject_attribute = "conference"
    services = services
    attachment_model = Attachment
    summary_template = "workflows/conference/_conference_summary.html"
    urls = URLS

    def summary_context(self):
        return {**super().summary_context(), "warnings": warnings(self.subject)}


class StepView(ConferenceStep, matter_views.StepView):
    """A conference step with a form of its own."""


class EndorseView(ConferenceStep, matter_views.EndorseView):
    return_stage = Conference.Stage.ENDORSEMENT


class ReviewView(ConferenceStep, matter_views.ReviewView):
    choices = [
        ("accept", gettext_lazy("Hồ sơ đầy đủ, lấy ý kiến các cơ quan")),
        *matter_views.ReviewView.choices[1:],
    ]
    return_stage = Conference.Stage.REVIEW


class ConfirmRejectionView(ConferenceStep, matter_views.ConfirmRejectionView):
    """The shared confirmation of a proposed refusal, shown with this kind's summary."""


class SelectAgenciesView(ConferenceStep, consultation.SelectAgenciesView):
    form_class = SelectAgenciesForm


class GiveOpinionView(ConferenceStep, consultation.GiveOpinionView):
    form_class = OpinionForm
    opinion_file_kind = Attachment.Kind.OPINION


class SynthesisView(ConferenceStep, consultation.SynthesisView):
    """The shared synthesis of the agencies' opinions, shown with this kind's summary."""


class ApproveView(ConferenceStep, matter_views.ApproveView):
    """The leader allows the conference, or (the Prime Minister's) submits it to him."""

    @property
    def choices(self):
        if self.subject.requires_prime_minister:
            decide = ("forward", gettext_lazy("Trình Thủ tướng Chính phủ cho phép"))
        else:
            decide = ("approve", gettext_lazy("Cho phép tổ chức"))
        return [
            decide,
            ("return", matter_views.RETURN_TO_DEPARTMENT),
            ("reject", pgettext_lazy("decision", "Không cho phép")),
        ]

    def decide_forward(self, comment):
        self.act("forward_to_prime_minister", comment)


class PrimeMinisterAnswerView(StepView):
    """The focal agency records the Prime Minister's answer."""

    form_class = forms.PrimeMinisterAnswerForm

    def get_initial(self):
        return {"answered_on": timezone.localdate()}

    def perform(self, form):
        data = form.cleaned_data
        conference = services.record_pm_answer(
            self.subject,
            actor=self.request.user,
            allowed=data["decision"] == "allow",
            answer=data["answer"],
            answered_on=data["answered_on"],
            comment=data["comment"],
            task=self.task,
        )
        if data["answer_file"]:
            self.attach(conference, data["answer_file"], kind=Attachment.Kind.PM_ANSWER)


class ReportView(StepView):
    """The organiser reports who came, by country, and what came of it."""

    form_class = forms.ResultsReportForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "conference": self.subject}

    def perform(self, form):
        data = form.cleaned_data
        conference = services.submit_report(
            self.subject,
            actor=self.request.user,
            text=data["text"],
            participants=data["participants"],
            foreign=form.foreign(),
            task=self.task,
        )
        if data["report_file"]:
            self.attach(conference, data["report_file"], kind=Attachment.Kind.REPORT)


class AcknowledgeView(ConferenceStep, matter_views.AcknowledgeView):
    """The shared acknowledgement of the results report, shown with this kind's summary."""


class ConferenceFormMixin(ConferenceStep):
    """The request form and its files, for submit and revise."""

    template_name = "workflows/conference/conference_form.html"
    files_form = "files"

    def bound(self, conference=None):
        post = self.request.method == "POST"
        data, files = (self.request.POST, self.request.FILES) if post else (None, None)
        return {
            "form": forms.ConferenceForm(data, instance=conference or Conference()),
            "files": forms.ConferenceFilesForm(data, files),
        }


class SubmitConferenceView(ConferenceFormMixin, matter_views.SubmitView):
    """Start: unit staff fill in the request and send it to their unit head."""

    def submit(self, bound, unit):
        return services.submit(
            unit=unit, actor=self.request.user, fields=bound["form"].matter_fields()
        )


class ReviseConferenceView(ConferenceFormMixin, matter_views.ReviseView):
    """The submitter corrects a returned request and sends it again."""

    def resubmit(self, conference, bound, *, comment):
        services.resubmit(
            conference,
            actor=self.request.user,
            fields=bound["form"].matter_fields(),
            comment=comment,
            task=self.activation.task,
        )


# -- pages outside the flow's steps ----------------------------------------------------------


class ConferencePages(consultation.ConsultationPages, matter_views.FlowPages):
    model = Conference
    statuses = Status
    services = services
    name = "conference"
    flow = "workflows.flows.ConferenceFlow"
    detail_template = "workflows/conference/conference_detail.html"
    urls = URLS
    attachment_model = Attachment
    attachment_field = "conference"
    withdraw_form = CommentForm
    document_service = "letter_document"

    def detail_context(self, request, conference):
        return {**super().detail_context(request, conference), "warnings": warnings(conference)}


pages = ConferencePages()
conference_detail = pages.detail_view
download = pages.download_view
letter = pages.document_view
letter_pdf = pages.document_pdf_view
withdraw = pages.withdraw_view
cancel_opinion = pages.cancel_view
start_conference = pages.start_view
chart = pages.chart_view
