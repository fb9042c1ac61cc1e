"""The views every flow's human steps are made of.

A step view shows the matter (``summary_template``), validates its form and calls
exactly one service in ``perform``; the flow's wrapper (``steps.wrap_step_view``) has
already taken the process lock and checked who may act. A service's ValidationError
lands on the form and nothing is saved; otherwise the task completes and the person
goes back to the matter's page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from matters.forms import DecisionForm


def apply_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


class StepView(generic.FormView):
    """One human step: show the matter, take the form, call one service, complete."""

    template_name = "workflows/step.html"
    summary_template = ""
    form_class = DecisionForm
    success_message = gettext_lazy("Đã hoàn thành bước “%(step)s”.")

    @property
    def activation(self):
        return self.request.activation

    @property
    def subject(self):
        """Return the matter this process is about (the process's artifact)."""
        return self.activation.process.artifact

    @property
    def task(self):
        return self.activation.task

    @property
    def step_title(self):
        return self.activation.flow_task.task_title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            subject=self.subject,
            task=self.task,
            step_title=self.step_title,
            summary_template=self.summary_template,
            **self.summary_context(),
        )
        return context

    def summary_context(self) -> dict:
        """Return what ``summary_template`` needs besides ``subject``."""
        return {}

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.perform(form)
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("Bạn không có quyền thực hiện thao tác này."))
            return self.form_invalid(form)
        self.activation.execute()
        messages.success(self.request, self.success_message % {"step": self.step_title})
        return HttpResponseRedirect(self.subject.get_absolute_url())

    def perform(self, form):
        """Call the step's one service with the form's data."""
        raise NotImplementedError


class DecisionStepView(StepView):
    """A step whose form is one decision among ``choices``.

    ``decide_<choice>`` acts where the view has one; otherwise the choice names the
    service of ``services`` to call (``approve`` calls ``services.approve``).
    """

    choices: list = []
    comment_required_for: tuple = ()
    #: The kind's services module, read when the step is done.
    services = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(choices=self.choices, comment_required_for=self.comment_required_for)
        return kwargs

    def perform(self, form):
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        decide = getattr(self, f"decide_{decision}", None)
        if decide is None:
            self.act(decision, comment)
        else:
            decide(comment)

    def act(self, service, comment, **kwargs):
        """Call the service named ``service`` on the subject, as this step's holder."""
        getattr(self.services, service)(
            self.subject, actor=self.request.user, comment=comment, task=self.task, **kwargs
        )
