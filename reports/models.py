"""Models of the reports app: a Word or Excel export made in the background."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matters.models import Matter, NumberedDecision
from matters.querysets import FOCAL_AGENCY_ROLES
from matters.status import statuses
from organizations.models import Role
from organizations.selectors import acting_grants, roles_of


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


# -- The report's draft, its sections' text, and the figures of other offices (issue #22) --


class Section(models.TextChoices):
    """The parts of the report to the ministry (I–V), the results' areas under II."""

    CONTEXT = "context", _("I. Bối cảnh chung")
    POLITICAL = "political", _("II.1. Chính trị đối ngoại")
    ECONOMIC = "economic", _("II.2. Kinh tế đối ngoại")
    CULTURE = "culture", _("II.3. Văn hóa, thông tin đối ngoại")
    CONSULAR = "consular", _("II.4. Lãnh sự, bảo hộ công dân, người Việt Nam ở nước ngoài")
    BORDER = "border", _("II.5. Biên giới lãnh thổ")
    ASSESSMENT = "assessment", _("III. Đánh giá chung")
    DIRECTIONS = "directions", _("IV. Phương hướng, nhiệm vụ thời gian tới")
    RECOMMENDATIONS = "recommendations", _("V. Kiến nghị, đề xuất")


class Indicator(models.TextChoices):
    """A figure the focal agency collects from another office (số liệu của cơ quan khác)."""

    FDI_PROJECTS = "fdi_projects", _("Dự án FDI cấp mới")
    FDI_CAPITAL = "fdi_capital", _("Vốn đầu tư FDI đăng ký cấp mới")
    FDI_ADJUSTED = "fdi_adjusted", _("Vốn FDI điều chỉnh tăng thêm")
    EXPORTS = "exports", _("Kim ngạch xuất khẩu")
    IMPORTS = "imports", _("Kim ngạch nhập khẩu")
    WORKERS_ABROAD = "workers_abroad", _("Người lao động đi làm việc ở nước ngoài")
    CULTURAL_EVENTS = "cultural_events", _("Sự kiện văn hóa, quảng bá ở nước ngoài")
    FOREIGN_RESIDENTS = "foreign_residents", _("Người nước ngoài cư trú trên địa bàn")
    OVERSEAS_VIETNAMESE = "overseas_vietnamese", _("Hoạt động với người Việt Nam ở nước ngoài")
    BORDER_EVENTS = "border_events", _("Vụ việc biên giới, biển đảo")


# indicator: (section, unit of measure, whether a count (padded "05"), usual source)
INDICATORS = {
    Indicator.FDI_PROJECTS: (Section.ECONOMIC, "dự án", True, "Sở Tài chính"),
    Indicator.FDI_CAPITAL: (Section.ECONOMIC, "triệu USD", False, "Sở Tài chính"),
    Indicator.FDI_ADJUSTED: (Section.ECONOMIC, "triệu USD", False, "Sở Tài chính"),
    Indicator.EXPORTS: (Section.ECONOMIC, "triệu USD", False, "Sở Công Thương"),
    Indicator.IMPORTS: (Section.ECONOMIC, "triệu USD", False, "Sở Công Thương"),
    Indicator.WORKERS_ABROAD: (Section.ECONOMIC, "người", True, "Sở Nội vụ"),
    Indicator.CULTURAL_EVENTS: (Section.CULTURE, "sự kiện", True, "Sở Văn hóa, Thể thao, Du lịch"),
    Indicator.FOREIGN_RESIDENTS: (Section.CONSULAR, "người", True, "Công an tỉnh"),
    Indicator.OVERSEAS_VIETNAMESE: (Section.CONSULAR, "hoạt động", True, "Sở Ngoại vụ"),
    Indicator.BORDER_EVENTS: (Section.BORDER, "vụ việc", True, "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"),
}  # fmt: skip


class ExternalFigure(models.Model):
    """One figure of the report that another office gives (FDI from the investment office,
    exports from the industry office, foreigners residing from the police...), for its
    own period inside the report's, with the agency and the document it came from and
    who entered it. One figure per indicator and period: entering it again replaces it."""

    Indicator = Indicator

    indicator = models.CharField(_("chỉ tiêu"), max_length=30, choices=Indicator)
    date_from = models.DateField(_("từ ngày"))
    date_to = models.DateField(_("đến ngày"))
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=2)
    note = models.CharField(_("ghi chú, diễn giải"), max_length=500, blank=True)
    source_agency = models.CharField(_("cơ quan cung cấp"), max_length=255)
    source_document = models.CharField(_("văn bản cung cấp số liệu"), max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("thời điểm nhập"))

    class Meta:
        verbose_name = _("số liệu của cơ quan khác")
        verbose_name_plural = _("số liệu của các cơ quan khác")
        ordering = ["date_from", "indicator", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date_from", "date_to"], name="one_figure_per_period"
            )
        ]

    def __str__(self):
        return f"{self.get_indicator_display()} {self.date_from:%d/%m/%Y}–{self.date_to:%d/%m/%Y}"

    @property
    def section(self) -> str:
        return INDICATORS[self.indicator][0]

    @property
    def measure(self) -> str:
        return INDICATORS[self.indicator][1]


ReportStatus = statuses(
    "ReportStatus", ["DRAFT", "AWAITING_APPROVAL", "RETURNED", "APPROVED", "ISSUED"]
)


class ReportDraftQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the report drafts ``user`` may see: the focal agency every one, the
        leaders those sent to them or decided by them, the clerk those to sign and
        register, the auditors every one; nobody else any."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        roles = roles_of(user)
        if roles & (FOCAL_AGENCY_ROLES | {Role.AUDITOR}):
            return self.all()
        rule = Q(pk__in=[])
        if Role.LEADER in roles:
            rule |= Q(status__in=LEADER_STATUSES) | Q(approver=user)
        if Role.CLERK in roles:
            rule |= Q(status__in=(ReportStatus.APPROVED, ReportStatus.ISSUED))
        return self.filter(rule)


LEADER_STATUSES = (ReportStatus.AWAITING_APPROVAL, ReportStatus.APPROVED, ReportStatus.ISSUED)


class ReportDraft(Matter, NumberedDecision):
    """The report to the ministry of one period as a document of the People's Committee:
    drafted by the focal agency's specialist (the sections' text, the title's subject, the
    request it answers), submitted to the leader with a tờ trình, approved, then signed
    and registered as every other document (``matters.issuance``, ADR 0021). What the
    leader approves is frozen at submission (``frozen``: the figures as they stood), and
    kept once issued: an issued report is never recomputed."""

    Status = ReportStatus
    document_type = "BC"

    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ReportStatus, default=ReportStatus.DRAFT
    )
    date_from = models.DateField(_("từ ngày"))
    date_to = models.DateField(_("đến ngày"))
    subject = models.CharField(_("trích yếu (nội dung báo cáo)"), max_length=500, blank=True)
    request = models.CharField(_("văn bản yêu cầu báo cáo"), max_length=500, blank=True)
    #: The specialist's text of each section (``Section``): key → text.
    texts = models.JSONField(_("nội dung các phần"), default=dict, blank=True)
    #: The report's dictionary as submitted (figures, entered figures, text); None while
    #: the draft is being written.
    frozen = models.JSONField(_("số liệu đã chốt"), null=True, blank=True, editable=False)

    objects = ReportDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo công tác đối ngoại")
        verbose_name_plural = _("các báo cáo công tác đối ngoại")
        ordering = ["-date_to", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["date_from", "date_to"], name="one_report_per_period")
        ]

    @property
    def title(self) -> str:
        start, end = f"{self.date_from:%d/%m/%Y}", f"{self.date_to:%d/%m/%Y}"
        return f"Báo cáo công tác đối ngoại từ {start} đến {end}"

    def get_absolute_url(self) -> str:
        return reverse("reports:draft", args=[self.pk])

    @property
    def editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


# -- Requests for figures to other agencies (yêu cầu cung cấp số liệu, issue #22) ----------

#: The roles in which an agency's people answer a request for figures addressed to it.
ANSWERING_ROLES = (Role.CONSULTED_AGENCY, Role.UNIT_STAFF, Role.UNIT_HEAD, Role.SECURITY_OFFICER)


class FigureRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the requests ``user`` may see: the focal agency and the auditors every
        one; an agency's people those addressed to their agency; nobody else any."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if roles_of(user) & (FOCAL_AGENCY_ROLES | {Role.AUDITOR}):
            return self.all()
        agencies = {unit_id for role, unit_id in acting_grants(user) if role in ANSWERING_ROLES}
        return self.filter(agency_id__in=agencies)

    def pending(self):
        return self.filter(answered_at__isnull=True)


class FigureRequest(models.Model):
    """The focal agency's request to another agency for the figures of a period (FDI from
    the finance office, trade from industry and trade, workers abroad, foreigners
    residing from the police...), with a due date in working days. The agency answers
    in the system: its answer writes the ``ExternalFigure`` rows, with the agency as
    their source and its answer's document (``reports.services.answer_figure_request``)."""

    agency = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("cơ quan được đề nghị"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    indicators = models.JSONField(_("các chỉ tiêu đề nghị"), default=list)
    date_from = models.DateField(_("số liệu từ ngày"))
    date_to = models.DateField(_("số liệu đến ngày"))
    note = models.TextField(_("nội dung đề nghị"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("thời điểm đề nghị"))
    due_on = models.DateField(_("hạn cung cấp"))
    answered_at = models.DateTimeField(_("thời điểm cung cấp"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cung cấp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answer_document = models.CharField(_("văn bản cung cấp số liệu"), max_length=255, blank=True)

    objects = FigureRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("yêu cầu cung cấp số liệu")
        verbose_name_plural = _("các yêu cầu cung cấp số liệu")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["agency", "answered_at"])]

    def __str__(self):
        start, end = f"{self.date_from:%d/%m/%Y}", f"{self.date_to:%d/%m/%Y}"
        return f"Cung cấp số liệu báo cáo đối ngoại từ {start} đến {end}"

    def get_absolute_url(self) -> str:
        return reverse("reports:figure_request", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.answered_at is None

    @property
    def indicator_labels(self) -> list[str]:
        return [str(Indicator(key).label) for key in self.indicators]

    def figures(self):
        """Return the figures this request's answer wrote (its indicators and period)."""
        return ExternalFigure.objects.filter(
            indicator__in=self.indicators, date_from=self.date_from, date_to=self.date_to
        )

    @property
    def is_overdue(self) -> bool:
        """Return True if the answer is still awaited after the due date."""
        return self.is_pending and timezone.localdate() > self.due_on

    def is_late(self, today=None) -> bool:
        """Return True if the answer came (or is still awaited) after the due date."""
        answered = timezone.localdate(self.answered_at) if self.answered_at else None
        return (answered or today or timezone.localdate()) > self.due_on
