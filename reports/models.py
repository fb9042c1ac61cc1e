"""Models of the reports app: a Word or Excel export made in the background."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _export_path(instance, filename):
    # The job's own random id: the file name says nothing about the requester.
    return f"reports/{instance.created_at:%Y/%m}/{instance.pk}.{instance.format}"


class ExportJob(models.Model):
    """One request for the report as a file; a Celery task builds it and reports progress."""

    class Format(models.TextChoices):
        DOCX = "docx", _("Word")
        XLSX = "xlsx", _("Excel")
        JSON = "json", _("JSON")

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang lập báo cáo")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Không thành công")

    # Random, so a job's address cannot be guessed from another's.
    class Report(models.TextChoices):
        MINISTRY = "ministry", _("Báo cáo gửi Bộ Ngoại giao")
        INTERNAL = "internal", _("Báo cáo quản lý nội bộ")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.CharField(
        _("loại báo cáo"), max_length=10, choices=Report, default=Report.MINISTRY
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    date_from = models.DateField(_("từ ngày"))
    date_to = models.DateField(_("đến ngày"))
    format = models.CharField(_("định dạng"), max_length=4, choices=Format)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    file = models.FileField(_("tệp"), upload_to=_export_path, max_length=255, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("thời điểm yêu cầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("thời điểm xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt xuất báo cáo")
        verbose_name_plural = _("các lượt xuất báo cáo")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        return f"{self.get_format_display()} {self.date_from:%d/%m/%Y}–{self.date_to:%d/%m/%Y}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def filename(self) -> str:
        name = (
            "bao-cao-quan-ly-noi-bo" if self.report == self.Report.INTERNAL else "bao-cao-doi-ngoai"
        )
        return f"{name}-{self.date_from:%Y%m%d}-{self.date_to:%Y%m%d}.{self.format}"
