"""Pages of the ABTC request (đề nghị cho phép sử dụng thẻ đi lại của doanh nhân APEC):
the request, each step's form and the request's page.

The steps and pages are the ones every consulting kind has (``matter_views``,
``consultation``); this module says what is the travel card's own: its services, forms,
templates, the managers' rows and the leader's decision manager by manager. Every read
starts from ``AbtcRequest.objects.visible_to(user)``: another business sees nothing (404).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from abtc import forms, policy, services
from abtc.models import AbtcAttachment, AbtcRequest, Manager, Status
from matters.forms import CommentForm, OpinionForm
from organizations.models import Role

from . import consultation, matter_views, selectors

Attachment = AbtcAttachment
URLS = {
    "page": "abtc_request",
    "download": "abtc_download",
    "withdraw": "abtc_withdraw",
    "cancel_opinion": "abtc_cancel_opinion",
    "chart": "abtc_chart",
}


def revealing_role(user, abtc_request):
    """Return the role in which ``user`` may see the managers' passports in full on
    ``abtc_request`` (the reviewer at the review, the police while their opinion is
    awaited), or None."""
    process = selectors.process_of(abtc_request)
    if process is None:
        return None
    for task in selectors.open_tasks(process):
        node = task.flow_task
        if node.name == "review":
            role = Role.DEPARTMENT_REVIEWER
        elif node.name == "give_opinion" and node.role_for(task) == Role.SECURITY_OFFICER:
            role = Role.SECURITY_OFFICER
        else:
            continue
        if node.can_execute(user, task) or node.can_assign(user, task):
            return role
    return None


def warnings(abtc_request) -> list[str]:
    """Return the reviewer's warnings while a decision is still to be made."""
    undecided = abtc_request.status in services.WITHDRAWABLE
    return policy.warnings_for(abtc_request) if undecided else []


class AbtcStep(consultation.ConsultationStep, matter_views.MatterStep):
    """What every ABTC step shows: the request, its managers (passports masked), its
    warnings, files and opinions."""

    subject_attribute = "abtc_request"
    services = services
    attachment_model = Attachment
    summary_template = "workflows/abtc/_abtc_summary.html"
    urls = URLS

    def summary_context(self):
        return {
            **super().summary_context(),
            "warnings": warnings(self.subject),
            "may_reveal": revealing_role(self.request.user, self.subject) is not None,
        }


class StepView(AbtcStep, matter_views.StepView):
    """An ABTC step with a form of its own."""


class EndorseView(AbtcStep, matter_views.EndorseView):
    """The business's legal representative signs the request off to the province."""

    choices = [
        ("endorse", gettext_lazy("Ký đề nghị, gửi cơ quan ngoại vụ")),
        ("return", gettext_lazy("Trả lại để chỉnh sửa")),
    ]
    return_stage = AbtcRequest.Stage.ENDORSEMENT


class ReviewView(AbtcStep, matter_views.ReviewView):
    choices = [
        ("accept", gettext_lazy("Hồ sơ đầy đủ, lấy ý kiến các cơ quan")),
        *matter_views.ReviewView.choices[1:],
    ]
    return_stage = AbtcRequest.Stage.REVIEW


class ConfirmRejectionView(AbtcStep, matter_views.ConfirmRejectionView):
    """The shared confirmation of a proposed refusal, shown with this kind's summary."""


class SelectAgenciesView(AbtcStep, consultation.SelectAgenciesView):
    form_class = forms.AbtcAgenciesForm


class GiveOpinionView(AbtcStep, consultation.GiveOpinionView):
    form_class = OpinionForm
    opinion_file_kind = Attachment.Kind.OPINION


class SynthesisView(AbtcStep, consultation.SynthesisView):
    """The shared synthesis of the agencies' opinions, shown with this kind's summary."""


class ApproveView(StepView):
    """The leader allows the card for the managers ticked (the others refused), returns
    the synthesis to the focal agency, or refuses the whole request."""

    form_class = forms.ApproveForm
    choices = [
        ("approve", gettext_lazy("Cho phép sử dụng thẻ (các doanh nhân được chọn)")),
        ("return", matter_views.RETURN_TO_DEPARTMENT),
        ("reject", pgettext_lazy("decision", "Không cho phép")),
    ]

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "choices": self.choices,
            "managers": list(self.subject.managers.all()),
        }

    def perform(self, form):
        data = form.cleaned_data
        common = {"actor": self.request.user, "comment": data["comment"], "task": self.task}
        if data["decision"] == "approve":
            services.approve(self.subject, managers=data["managers"], **common)
        elif data["decision"] == "return":
            services.return_to_department(self.subject, **common)
        else:
            services.reject(self.subject, **common)


class AbtcFormMixin(AbtcStep):
    """The request form, the managers' rows and the papers, for submit and revise."""

    template_name = "workflows/abtc/abtc_form.html"
    files_form = "files"

    def bound(self, abtc_request=None):
        post = self.request.method == "POST"
        data, files = (self.request.POST, self.request.FILES) if post else (None, None)
        return {
            "form": forms.AbtcRequestForm(data, instance=abtc_request or AbtcRequest()),
            "managers": forms.ManagerFormSet(data, prefix="managers"),
            "files": forms.AbtcFilesForm(data, files),
        }


class SubmitAbtcView(AbtcFormMixin, matter_views.SubmitView):
    """Start: the business's staff fill in the request and send it to its representative."""

    submitted_message = gettext_lazy("Đã gửi hồ sơ %(ref)s tới người đại diện doanh nghiệp.")

    def submit(self, bound, unit):
        return services.submit(
            unit=unit,
            actor=self.request.user,
            fields=bound["form"].matter_fields(),
            managers=bound["managers"].managers(),
        )


class ReviseAbtcView(AbtcFormMixin, matter_views.ReviseView):
    """The business corrects a returned request: the managers typed again replace the
    rows (passports are never shown back in full); none typed keeps them."""

    def bound(self, abtc_request=None):
        bound = super().bound(abtc_request)
        bound["managers"].optional = True
        return bound

    def resubmit(self, abtc_request, bound, *, comment):
        services.resubmit(
            abtc_request,
            actor=self.request.user,
            fields=bound["form"].matter_fields(),
            managers=bound["managers"].managers() or None,
            comment=comment,
            task=self.activation.task,
        )


# -- pages outside the flow's steps ----------------------------------------------------------


class AbtcPages(consultation.ConsultationPages, matter_views.FlowPages):
    model = AbtcRequest
    statuses = Status
    services = services
    name = "abtc_request"
    flow = "workflows.flows.AbtcFlow"
    detail_template = "workflows/abtc/abtc_detail.html"
    urls = URLS
    attachment_model = Attachment
    attachment_field = "request"
    withdraw_form = CommentForm
    document_service = "decision_document"

    def detail_context(self, request, abtc_request):
        from abtc.views import may_register_cards

        return {
            **super().detail_context(request, abtc_request),
            "warnings": warnings(abtc_request),
            "may_reveal": revealing_role(request.user, abtc_request) is not None,
            "may_register_cards": abtc_request.status in (Status.ISSUED, Status.COMPLETED)
            and may_register_cards(request.user, abtc_request),
        }


pages = AbtcPages()
abtc_detail = pages.detail_view
download = pages.download_view
decision = pages.document_view
decision_pdf = pages.document_pdf_view
withdraw = pages.withdraw_view
cancel_opinion = pages.cancel_view
start_abtc = pages.start_view
chart = pages.chart_view


@require_POST
@login_required
def reveal(request, pk, manager_pk):
    """Show one manager's passport number in full to whoever works the review or the
    police's opinion now; audited. Anyone else: 403 (404 if the request is unseen)."""
    abtc_request = pages.get(request, pk)
    manager = get_object_or_404(Manager, request=abtc_request, pk=manager_pk)
    role = revealing_role(request.user, abtc_request)
    if role is None:
        raise PermissionDenied(_("Bạn không được xem đầy đủ thông tin cá nhân của doanh nhân."))
    revealed = services.reveal_personal_data(manager, actor=request.user, role=role)
    response = render(
        request,
        "workflows/abtc/manager_reveal.html",
        {"abtc_request": abtc_request, "manager": manager, **revealed},
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
