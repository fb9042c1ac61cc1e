"""The working-day calendar (the days that break the Monday–Friday rule) and the due
dates of steps."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
        # The table keeps the name it had when the calendar lived in ``workflows``.
        db_table = "workflows_calendarday"
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
    """The due date of one step's task, and how far the reminder sweep has got with it.

    It lives on the ground floor, beside the calendar that computes it, so that the
    reports can count missed deadlines without reading the engine's app; the engine
    (``workflows.deadlines``) writes and sweeps the rows.
    """

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
        # The table the engine's first migration created; the model moved, the rows stayed.
        db_table = "workflows_taskdeadline"
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
