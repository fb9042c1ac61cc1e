"""Models of the workflows app: the working-day calendar and the deadlines of tasks."""

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class CalendarDay(models.Model):
    """One day that breaks the Monday–Friday rule: a day off or a Saturday worked.

    Days not in the table follow the rule (Monday to Friday are working days). A year
    is seeded from the ``holidays`` package (Vietnam, with Tết and Giỗ Tổ Hùng Vương
    from the lunar calendar); administrators then enter what the Prime Minister decides
    each year (the Tết and 2/9 breaks, swapped days, make-up Saturdays). Seeding never
    touches a row an administrator created or edited.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Ngày nghỉ lễ, Tết")
        DAY_OFF = "day_off", _("Ngày nghỉ bù, nghỉ hoán đổi")
        WORKING_DAY = "working_day", _("Ngày làm việc bù")

    class Source(models.TextChoices):
        PACKAGE = "package", _("Tự động (theo luật lao động)")
        ADMIN = "admin", _("Quản trị viên nhập")

    date = models.DateField(_("ngày"), unique=True)
    # The year of ``date``, stored so a year's rows load by one indexed lookup.
    year = models.PositiveSmallIntegerField(_("năm"), db_index=True, editable=False)
    kind = models.CharField(
        _("loại ngày"),
        max_length=20,
        choices=Kind,
        help_text=_(
            "Để bỏ một ngày nghỉ do hệ thống tạo, hãy đổi loại thành “Ngày làm việc bù” "
            "thay vì xóa."
        ),
    )
    name = models.CharField(_("tên gọi"), max_length=200)
    source = models.CharField(
        _("nguồn"), max_length=20, choices=Source, default=Source.ADMIN, editable=False
    )
    edited_at = models.DateTimeField(_("quản trị viên sửa lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("lịch ngày nghỉ, ngày làm bù")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"

    def save(self, *args, **kwargs):
        # A derived column, kept in step with ``date`` wherever the row is written.
        self.year = self.date.year
        super().save(*args, **kwargs)

    @property
    def is_working(self) -> bool:
        """Return True if people work on this day."""
        return self.kind == self.Kind.WORKING_DAY

    @property
    def is_protected(self) -> bool:
        """Return True if deleting the row would only bring it back at the next seeding."""
        return self.source == self.Source.PACKAGE


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
