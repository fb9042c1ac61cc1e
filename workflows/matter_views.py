"""The flow's side of every kind's pages: the steps shared by every kind (endorse,
review, approve, report, acknowledge), the request form (start and revise) and the
pages that read the process (the matter page's steps and actions, start, chart).

A kind's module subclasses these and declares what is its own: which services, which
forms, which templates, which labels. What the pages need without the engine comes
from ``matters.views``.
"""

from functools import cached_property

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django.views.decorators.http import require_GET

from matters import files, planning, tokens
from matters.forms import PlanLinkForm
from matters.selectors import last_return
from matters.views import MatterPages
from organizations.models import Role

from . import chart, progress, selectors, step_views
from . import services as workflow_services

# The labels every kind's decisions share.
RETURN_TO_UNIT = gettext_lazy("Trả lại đơn vị để chỉnh sửa, bổ sung")
PROPOSE_REJECTION = gettext_lazy("Đề nghị không chấp thuận")
RETURN_TO_DEPARTMENT = gettext_lazy("Trả lại cơ quan ngoại vụ")


class MatterStep:
    """What every step of a kind knows: its matter, services, files and summary."""

    #: The process's attribute holding the matter ("trip", "visit", "agreement").
    subject_attribute = "artifact"
    services = None
    attachment_model = None
    summary_template = ""
    #: The URL names of the kind's pages (as ``MatterPages.urls``): the revise form
    #: links the matter's files through its "download".
    urls: dict = {}

    @property
    def activation(self):
        return self.request.activation

    @property
    def subject(self):
        return getattr(self.activation.process, self.subject_attribute)

    def attach(self, owner, upload, *, kind, actor=None):
        """Store ``upload`` on ``owner`` as a file of ``kind`` (checked and audited)."""
        return files.add_file(
            owner,
            upload,
            kind=kind,
            actor=actor or self.request.user,
            model=self.attachment_model,
        )


class StepView(MatterStep, step_views.StepView):
    """A step of a kind with a form of its own."""


class DecisionStepView(MatterStep, step_views.DecisionStepView):
    """A step of a kind that is one decision among a few, with a comment."""


class EndorseView(DecisionStepView):
    """The unit head sends the request on, or returns it to its author."""

    choices = [
        ("endorse", gettext_lazy("Đồng ý, trình cơ quan ngoại vụ")),
        ("return", gettext_lazy("Trả lại để chỉnh sửa")),
    ]
    comment_required_for = ("return",)
    #: The kind's ``Stage.ENDORSEMENT``, recorded with a return.
    return_stage = None

    def decide_return(self, comment):
        self.act("return_to_submitter", comment, stage=self.return_stage)


class ReviewView(DecisionStepView):
    """The focal agency's reviewer forwards the request, returns it or proposes no."""

    choices = [
        ("forward", gettext_lazy("Đủ điều kiện, trình lãnh đạo")),
        ("return", RETURN_TO_UNIT),
        ("reject", PROPOSE_REJECTION),
    ]
    comment_required_for = ("return", "reject")
    #: The kind's ``Stage.REVIEW``, recorded with a return.
    return_stage = None

    def decide_return(self, comment):
        self.act("return_to_submitter", comment, stage=self.return_stage)


class ApproveView(DecisionStepView):
    """The leader decides, or returns the file to the focal agency."""

    choices = [
        ("approve", gettext_lazy("Phê duyệt")),
        ("return", RETURN_TO_DEPARTMENT),
        ("reject", gettext_lazy("Không phê duyệt")),
    ]
    comment_required_for = ("return", "reject")

    def decide_return(self, comment):
        self.act("return_to_department", comment)


class AcknowledgeView(DecisionStepView):
    """The focal agency receives the results report and closes the matter."""

    choices = [("acknowledge", gettext_lazy("Tiếp nhận báo cáo, kết thúc hồ sơ"))]


class ReportView(StepView):
    """The unit sends its results report, with a file if it has one."""

    def perform(self, form):
        data = form.cleaned_data
        matter = self.services.submit_report(
            self.subject, actor=self.request.user, text=data["text"], task=self.task
        )
        if data["report_file"]:
            self.attach(matter, data["report_file"], kind=self.attachment_model.Kind.REPORT)


class RequestFormView(MatterStep, generic.View):
    """The request form of a kind and its files; a kind says which forms and services."""

    template_name = ""
    #: The form in ``bound`` whose files go on the matter, by kind.
    files_form = "attachments"

    def bound(self, matter=None) -> dict:
        """Return the page's forms, bound to the POST if there is one."""
        raise NotImplementedError

    def with_plan(self, bound, unit, matter=None) -> dict:
        """Add the annual plan's form (``matters.planning``) when the kind is planned.

        On a blank start page, ``?plan_item=`` chooses an item and fills the request
        form from it.
        """
        model = bound["form"]._meta.model
        if unit is None or not planning.applies(model):
            return bound
        items = planning.choices(model, unit)
        data = self.request.POST if self.request.method == "POST" else None
        initial = {}
        if matter is not None:
            initial = {
                "plan_item": matter.plan_item_id,
                "unplanned_reason": matter.unplanned_reason,
            }
        elif data is None and self.request.GET.get("plan_item", "").isdigit():
            item = items.filter(pk=self.request.GET["plan_item"]).first()
            if item is not None:
                initial = {"plan_item": item.pk}
                form = bound["form"]
                form.initial.update(planning.prefill(item, form.fields))
        bound["plan"] = PlanLinkForm(data, items=items, initial=initial, prefix="plan")
        return bound

    def link_plan(self, matter, bound) -> None:
        """Record the plan item the request carries out, or its reason (audited)."""
        if "plan" in bound:
            data = bound["plan"].cleaned_data
            planning.link(
                matter,
                plan_item=data.get("plan_item"),
                reason=data.get("unplanned_reason", ""),
                actor=self.request.user,
            )

    def attach_files(self, matter, bound) -> None:
        """Store the files the forms in ``bound`` carry on ``matter``."""
        for kind, upload in bound[self.files_form].files_by_kind():
            self.attach(matter, upload, kind=kind)

    def show(self, bound, **extra):
        return render(self.request, self.template_name, {**bound, **extra})

    def save(self, bound, write):
        """Validate ``bound`` and run ``write()`` (the service and the files) atomically.

        Return the matter, or None when a form or the service refused (the errors are
        on the forms).
        """
        if not all(f.is_valid() for f in bound.values()):
            return None
        try:
            with transaction.atomic(), files.removed_on_rollback():
                return write()
        except ValidationError as error:
            step_views.apply_errors(self.form_for(bound, error), error)
            return None

    @staticmethod
    def form_for(bound, error):
        """Return the form that has the fields ``error`` names (the request form else)."""
        named = set(getattr(error, "error_dict", {}))
        for form in bound.values():
            if named and named <= set(getattr(form, "fields", ())):  # formsets have none
                return form
        return bound["form"]


class AlreadySubmitted(Exception):
    """The form's one-time token was consumed by a submission that ran at the same time."""


class SubmitView(RequestFormView):
    """Start: unit staff fill in the request and send it to their unit head.

    The form is accepted once: it carries a one-time token (``matters.tokens``), and a
    second submission of the same page, simultaneous or later, is sent to the matter
    the first one created.
    """

    submitted_message = gettext_lazy("Đã gửi hồ sơ %(ref)s tới lãnh đạo đơn vị.")

    def submit(self, bound, unit):
        """Call the kind's submit service with the forms' data; return the matter."""
        raise NotImplementedError

    @property
    def token_form(self) -> str:
        """Name the form a token is good for: this start page."""
        return self.request.path

    def new_token(self) -> str:
        return tokens.issue(self.request.user, self.token_form)

    def get(self, request, *args, **kwargs):
        unit = selectors.staff_unit(request.user)
        bound = self.with_plan(self.bound(), unit)
        return self.show(bound, unit=unit, form_token=self.new_token())

    def post(self, request, *args, **kwargs):
        unit = selectors.staff_unit(request.user)
        bound = self.with_plan(self.bound(), unit)
        value = request.POST.get(tokens.FIELD, "")
        try:
            nonce = tokens.check(value, user=request.user, form=self.token_form)
        except ValidationError as error:
            # Nothing is stored; the page comes back with a fresh token to send it with.
            return self.show(
                bound, unit=unit, form_token=self.new_token(), token_error=error.messages[0]
            )
        consumed = tokens.used(nonce)
        if consumed is not None:
            return self.already_submitted(consumed)

        def write():
            consumed = tokens.consume(nonce, user=request.user, form=self.token_form)
            if consumed is None:
                raise AlreadySubmitted
            matter = self.submit(bound, unit)
            self.link_plan(matter, bound)
            self.attach_files(matter, bound)
            request.activation.process.artifact = matter
            request.activation.execute()
            tokens.link(consumed, matter)
            return matter

        try:
            matter = self.save(bound, write)
        except AlreadySubmitted:
            return self.already_submitted(tokens.used(nonce))
        if matter is None:
            return self.show(bound, unit=unit, form_token=value)
        messages.success(request, self.submitted_message % {"ref": matter.reference})
        return redirect(matter)

    def already_submitted(self, consumed):
        """Send a repeated submission to the matter the first one created."""
        matter = consumed.matter if consumed is not None else None
        messages.info(self.request, _("Đề nghị này đã được gửi."))
        if matter is None:
            return redirect("my_tasks")
        return redirect(matter)


class ReviseView(RequestFormView):
    """The submitter corrects a returned request and sends it again."""

    def resubmit(self, matter, bound, *, comment):
        """Call the kind's resubmit service with the forms' data."""
        raise NotImplementedError

    def context(self, matter) -> dict:
        """Return what the revise form shows besides its forms: why the request came
        back (the last return's reason) and the files it already has."""
        return {
            self.subject_attribute: matter,
            "subject": matter,
            "unit": matter.unit,
            "revising": True,
            "returned": last_return(matter),
            "current_files": matter.attachments.all(),
            "download": self.urls.get("download", ""),
        }

    def get(self, request, *args, **kwargs):
        matter = self.subject
        bound = self.with_plan(self.bound(matter), matter.unit, matter)
        return self.show(bound, **self.context(matter))

    def post(self, request, *args, **kwargs):
        matter = self.subject
        bound = self.with_plan(self.bound(matter), matter.unit, matter)

        def write():
            self.resubmit(matter, bound, comment=request.POST.get("comment", ""))
            self.link_plan(matter, bound)
            self.attach_files(matter, bound)
            return matter

        if self.save(bound, write) is None:
            return self.show(bound, **self.context(matter))
        request.activation.execute()
        messages.success(request, _("Đã gửi lại hồ sơ %(ref)s.") % {"ref": matter.reference})
        return redirect(matter)


# -- pages outside the flow's steps ----------------------------------------------------------


class FlowPages(MatterPages):
    """A kind's pages with what its flow adds: the steps, the actions, start and chart."""

    #: The flow's dotted path (the flows module imports the views: read it when served).
    flow = ""

    @property
    def flow_class(self):
        return import_string(self.flow)

    def process(self, matter):
        return selectors.process_of(matter)

    def detail_context(self, request, matter) -> dict:
        context = super().detail_context(request, matter)
        process = self.process(matter)
        # The progress first: it reads the process's tasks once, the actions reuse them.
        context.update(progress=progress.progress(process) if process else None)
        context.update(
            process=process,
            actions=selectors.actions_for(request.user, process) if process else [],
        )
        return context

    def withdraw_matter(self, matter, *, actor, comment):
        """Withdraw ``matter`` and cancel its open steps."""
        return workflow_services.withdraw_matter(
            matter, actor=actor, comment=comment, withdraw=self.services.withdraw
        )

    def start(self, request):
        """Send the person to the flow's start form (its URL lives inside the flow's site)."""
        url = self.flow_class.instance.reverse("submit:execute")
        # ``?plan_item=`` (a request started from an item of the annual plan) goes along.
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)

    def chart(self, request, pk):
        """The flow's diagram with this matter's steps coloured by where they stand."""
        matter = self.get(request, pk)
        process = selectors.process_of(matter)
        if process is None:
            raise Http404
        context = {"subject": matter, "svg": chart.svg(self.flow_class, process)}
        return render(request, "workflows/chart.html", context)

    def receipt(self, request, pk):
        """The receipt (phiếu tiếp nhận) of a request received: 404 before it is sent."""
        matter = self.get(request, pk)
        if matter.submitted_at is None:
            raise Http404
        context = self.print_context(request, matter)
        context["heading"] = _("PHIẾU TIẾP NHẬN HỒ SƠ")
        context["answer_due_on"] = selectors.answer_due_on(self.process(matter))
        return render(request, "matters/receipt.html", context)

    @cached_property
    def receipt_view(self):
        return login_required(require_GET(self.receipt))

    @cached_property
    def start_view(self):
        return login_required(self.start)

    @cached_property
    def chart_view(self):
        return require_GET(login_required(self.chart))


# -- personal data (passport and identity numbers) ---------------------------------------------

# The steps whose holder may reveal personal data in full, and the role they act in.
REVEALING_STEPS = {"review": Role.DEPARTMENT_REVIEWER, "security_check": Role.SECURITY_OFFICER}


def revealing_role(user, matter):
    """Return the role in which ``user`` may reveal personal data on ``matter``, or None:
    the holder (or a candidate) of its open review or security-check task."""
    process = selectors.process_of(matter)
    if process is None:
        return None
    for task in selectors.open_tasks(process):
        node = task.flow_task
        role = REVEALING_STEPS.get(node.name)
        if role and (node.can_execute(user, task) or node.can_assign(user, task)):
            return role
    return None
