"""The working-day calendar: the days that break the Monday–Friday rule."""

from django.db import models
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
