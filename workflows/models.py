"""Models of the workflows app: the deadlines of tasks and the process proxies."""

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class TaskDeadline(models.Model):
    """The due date of one viewflow task, and how far the reminder sweep has got with it."""

    task = models.OneToOneField(
        "viewflow.Task",
        verbose_name=_("công việc"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="deadline",
    )
    # The key of settings.WORKFLOW_DEADLINES, e.g. "outbound.review".
    step = models.CharField(_("bước"), max_length=100)
    days = models.PositiveSmallIntegerField(_("số ngày"))
    working = models.BooleanField(_("tính theo ngày làm việc"))
    due_on = models.DateField(_("hạn xử lý"))
    reminded_at = models.DateTimeField(_("đã nhắc lúc"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("đã báo quá hạn lúc"), null=True, blank=True)
    # Set once the sweep has nothing more to do (the task finished, or it escalated);
    # the partial index then drops the row, so the sweep reads only live deadlines.
    closed_at = models.DateTimeField(_("kết thúc theo dõi lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("hạn xử lý công việc")
        verbose_name_plural = _("hạn xử lý công việc")
        indexes = [
            models.Index(
                fields=["due_on"],
                condition=Q(closed_at__isnull=True),
                name="task_deadline_open_due_idx",
            ),
        ]

    def __str__(self):
        return f"{self.step} #{self.task_id}: {self.due_on:%d/%m/%Y}"


class MatterProcess:
    """What every kind's process proxy shares: ``matter``, the process's own copy of its
    matter, under the kind's own name too (``trip``, ``visit``, ``agreement``)."""

    #: The name of the cached property that loads the matter (set by each proxy).
    matter_attr = ""

    @property
    def matter(self):
        return getattr(self, self.matter_attr)


class OutboundTripProcess(MatterProcess, Process):
    """The viewflow process of one outbound trip; the trip itself is the artifact."""

    matter_attr = "trip"

    class Meta:
        proxy = True
        verbose_name = _("quy trình đoàn ra")
        verbose_name_plural = _("quy trình đoàn ra")

    @cached_property
    def trip(self):
        from permits.models import OutboundTrip

        return OutboundTrip.objects.select_related("unit", "purpose", "submitted_by").get(
            pk=self.artifact_object_id
        )


class InboundVisitProcess(MatterProcess, Process):
    """The viewflow process of one inbound visit (đoàn vào); the visit is the artifact."""

    matter_attr = "visit"

    class Meta:
        proxy = True
        verbose_name = _("quy trình đoàn vào")
        verbose_name_plural = _("quy trình đoàn vào")

    @cached_property
    def visit(self):
        return self.artifact


class AgreementProcess(MatterProcess, Process):
    """The viewflow process of one international agreement; the agreement is the artifact."""

    matter_attr = "agreement"

    class Meta:
        proxy = True
        verbose_name = _("quy trình thỏa thuận quốc tế")
        verbose_name_plural = _("quy trình thỏa thuận quốc tế")

    @cached_property
    def agreement(self):
        return self.artifact
