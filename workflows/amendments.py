"""The flow side of amending or cancelling an issued document (``ChangeFlow``, ADR 0012):
starting it from the matter's page, its two decision steps, and moving the matter's own
flow along (its wait until the last day) when a registered amendment changes the dates.
"""

from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import gettext_lazy
from viewflow.workflow.models import Process
from viewflow.workflow.status import STATUS

from matters import issuance
from organizations.models import Province
from organizations.settings_cache import unit_of_work

from . import matter_views
from .kernel import the_day_after_end


def start_change(matter, *, actor, purpose, reason, changes):
    """Start the change flow of ``matter``: the unit's request (``request_change``)."""
    from .flows import ChangeFlow

    with unit_of_work():
        return ChangeFlow.start.run(
            matter=matter, actor=actor, purpose=purpose, reason=reason, changes=changes
        )


def started(activation, matter, *, actor, purpose, reason, changes):
    """The start node's work: record the request and tie the process to the matter."""
    issuance.request_change(matter, actor=actor, purpose=purpose, reason=reason, changes=changes)
    activation.process.artifact = matter
    activation.process.__dict__["changed_matter"] = matter
    activation.task.owner = actor
    return activation.process


def still_pending(activation) -> bool:
    """Return True if the change is still asked for (nobody refused it)."""
    return issuance.pending(activation.process.matter) is not None


def needs_vetting(activation) -> bool:
    """Return True if the change adds people the security agency has yet to vet."""
    pending = issuance.pending(activation.process.matter)
    return pending is not None and issuance.needs_vetting(pending)


def approver_for(matter):
    """The leader who approved the matter decides its change (else the Chairman)."""
    return matter.approver or Province.current().chairman


def reschedule(matter) -> None:
    """Move the matter's own flow's wait to the day after its (amended) last day."""
    if getattr(matter, "end_date", None) is None:
        return
    day_after = the_day_after_end(SimpleNamespace(process=SimpleNamespace(matter=matter)))
    from .flows import ChangeFlow

    main = (
        Process.objects.filter(
            artifact_content_type=_content_type(matter), artifact_object_id=matter.pk
        )
        .exclude(flow_class=ChangeFlow)
        .order_by("-pk")
        .first()
    )
    if main is not None:
        main.task_set.filter(status=STATUS.SCHEDULED).update(scheduled=day_after)


def _content_type(matter):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(matter)


class ChangeStep(matter_views.DecisionStepView):
    summary_template = "workflows/issuance/_summary.html"
    services = issuance

    def summary_context(self):
        return {"issuance": issuance.pending(self.subject), "now": timezone.now()}


class ReviewChangeView(ChangeStep):
    choices = [
        ("accept", gettext_lazy("Đồng ý, trình lãnh đạo UBND tỉnh")),
        ("refuse", gettext_lazy("Không chấp thuận đề nghị")),
    ]
    comment_required_for = ("refuse",)

    def decide_accept(self, comment):
        self.act("review_change", comment, accept=True)

    def decide_refuse(self, comment):
        self.act("review_change", comment, accept=False)


class ApproveChangeView(ChangeStep):
    choices = [
        ("accept", gettext_lazy("Phê duyệt")),
        ("refuse", gettext_lazy("Không phê duyệt")),
    ]
    comment_required_for = ("refuse",)

    def decide_accept(self, comment):
        self.act("approve_change", comment, accept=True)

    def decide_refuse(self, comment):
        self.act("approve_change", comment, accept=False)


class VetChangeView(matter_views.StepView):
    """The security agency vets each person an amendment adds (ADR 0012 addendum)."""

    summary_template = "workflows/issuance/_summary.html"

    def summary_context(self):
        return {"issuance": issuance.pending(self.subject), "now": timezone.now()}

    def get_form_class(self):
        from matters.forms import ChangeVettingForm

        return ChangeVettingForm

    def get_form_kwargs(self):
        pending = issuance.pending(self.subject)
        added = (pending.changes or {}).get("add_people", []) if pending else []
        return {**super().get_form_kwargs(), "added": added}

    def perform(self, form):
        issuance.vet_change(
            self.subject,
            actor=self.request.user,
            verdicts=form.verdicts(),
            comment=form.cleaned_data["comment"],
            task=self.task,
        )
