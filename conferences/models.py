"""International conferences and seminars (hội nghị, hội thảo quốc tế).

Status is the request status of every kind (``matters.status``), so that the report's
rules (approved or completed counts; rejected and withdrawn never do) read the same for
every kind.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from matters.status import Status
from organizations.models import Unit

from .selectors import ConferenceQuerySet


class Conference(models.Model):
    """An international conference or seminar a unit organises in the province."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Hội nghị quốc tế")
        SEMINAR = "seminar", _("Hội thảo quốc tế")

    reference = models.CharField(_("mã hồ sơ"), max_length=30, unique=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị tổ chức"),
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    title = models.CharField(_("tên hội nghị, hội thảo"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind, default=Kind.CONFERENCE)
    countries = CountryField(_("quốc gia tham dự"), multiple=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    participants_planned = models.PositiveIntegerField(_("số đại biểu dự kiến"))
    participants_actual = models.PositiveIntegerField(
        _("số đại biểu thực tế"), null=True, blank=True
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)
    imported = models.BooleanField(_("nhập từ hồ sơ cũ"), default=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("hội nghị, hội thảo quốc tế")
        verbose_name_plural = _("hội nghị, hội thảo quốc tế")
        ordering = ["-start_date", "-pk"]
        # No business user holds a model-level view permission (DESIGN §5).
        default_permissions = ("add", "change", "delete")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="conference_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["status", "start_date"])]

    def __str__(self):
        return f"{self.reference} – {self.title}"

    @property
    def participants(self) -> int:
        """Return the number the report counts: actual when reported, else planned."""
        if self.participants_actual is not None:
            return self.participants_actual
        return self.participants_planned
