"""Foreign NGOs, the aid they give (viện trợ phi chính phủ nước ngoài) and the meetings
held with them.

Nghị định 80/2020/NĐ-CP, replaced by Nghị định 313/2025/NĐ-CP (in force from
08/12/2025): the receiving unit (chủ khoản viện trợ) files the programme or project
document with the donor's commitment and legal papers; the agency the province
designates appraises it and consults the agencies concerned (the police always); the
People's Committee approves it or not, by a numbered decision. The aid owner then
records disbursements and reports periodically; an approval lapses when the aid has not
started within the regulation's period. Amounts are Decimal, in the original currency
and in USD at the rate recorded with the dossier.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from matters.models import ConsultationFile, ConsultedOpinion, Matter, NumberedDecision, Synthesis
from matters.querysets import ConsultingQuerySet
from matters.status import statuses
from organizations.models import Role, Unit

CENT = Decimal("0.01")

# Where an aid project stands: the request's shared statuses, the consultation's, and
# the life of the aid once approved (waiting to start, under way, lapsed).
Status = statuses(
    "Status",
    [
        "DRAFT",
        "SUBMITTED",
        "IN_REVIEW",
        "RETURNED",
        "REJECTION_PROPOSED",
        ("CONSULTING", "consulting", _("Đang lấy ý kiến các cơ quan")),
        ("SYNTHESIS", "synthesis", _("Đang tổng hợp ý kiến")),
        "AWAITING_APPROVAL",
        "APPROVED",
        ("ISSUED", "issued", _("Đã ban hành quyết định, chờ triển khai")),
        ("IMPLEMENTING", "implementing", _("Đang thực hiện")),
        ("REPORTED", "reported", _("Đã báo cáo kết thúc")),
        "COMPLETED",
        "REJECTED",
        "WITHDRAWN",
        ("LAPSED", "lapsed", _("Hết hiệu lực (không triển khai đúng hạn)")),
        "CANCELLED",
    ],
)
# What the report counts: approved, whatever came after (a lapsed approval never took
# place and does not count).
COUNTED = (
    Status.APPROVED,
    Status.ISSUED,
    Status.IMPLEMENTING,
    Status.REPORTED,
    Status.COMPLETED,
)
# What a leader sees: from the request for a decision on.
FOR_LEADERSHIP = (Status.AWAITING_APPROVAL, *COUNTED, Status.LAPSED)
CLOSED = (Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN, Status.LAPSED)


def usd(amount: Decimal, rate: Decimal) -> Decimal:
    """Return ``amount`` at ``rate`` USD a unit, to the cent (half up)."""
    return (Decimal(amount) * Decimal(rate)).quantize(CENT, rounding=ROUND_HALF_UP)


class ForeignNGO(models.Model):
    """A foreign non-governmental organisation (tổ chức phi chính phủ nước ngoài)."""

    class Registration(models.TextChoices):
        """The paper it holds in Vietnam (Nghị định 12/2012/NĐ-CP, Art. 4)."""

        OPERATION = "operation", _("Giấy đăng ký hoạt động")
        PROJECT_OFFICE = "project_office", _("Giấy đăng ký lập Văn phòng dự án")
        REPRESENTATIVE_OFFICE = "representative_office", _("Giấy đăng ký lập Văn phòng đại diện")
        NONE = "none", _("Chưa đăng ký tại Việt Nam")

    name = models.CharField(_("tên tổ chức (nguyên ngữ)"), max_length=255, unique=True)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=255, blank=True)
    country = CountryField(_("quốc gia"))
    registration_kind = models.CharField(
        _("loại giấy đăng ký tại Việt Nam"),
        max_length=30,
        choices=Registration,
        default=Registration.OPERATION,
    )
    registration_number = models.CharField(_("số giấy đăng ký"), max_length=50, blank=True)
    registration_issuer = models.CharField(_("cơ quan cấp"), max_length=255, blank=True)
    registration_valid_from = models.DateField(_("có giá trị từ"), null=True, blank=True)
    registration_valid_until = models.DateField(_("có giá trị đến"), null=True, blank=True)
    contact_person = models.CharField(_("người liên hệ"), max_length=255, blank=True)
    contact_email = models.EmailField(_("thư điện tử"), blank=True)
    contact_phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    address = models.CharField(_("địa chỉ tại Việt Nam"), max_length=255, blank=True)
    areas = models.TextField(_("lĩnh vực hoạt động"), blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("tổ chức phi chính phủ nước ngoài")
        verbose_name_plural = _("tổ chức phi chính phủ nước ngoài")
        ordering = ["name"]
        default_permissions = ("add", "change", "delete")
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_valid_until__isnull=True)
                | Q(registration_valid_from__isnull=True)
                | Q(registration_valid_until__gte=F("registration_valid_from")),
                name="ngo_registration_valid_after_issue",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.name_vi})" if self.name_vi else self.name

    def get_absolute_url(self):
        return reverse("ngo_aid:ngo", args=[self.pk])


class AidProjectQuerySet(ConsultingQuerySet):
    """The rule of every matter that consults (``matters.querysets``)."""

    leadership_statuses = FOR_LEADERSHIP

    def for_list(self):
        """Return the projects with what a list row shows, in a fixed number of queries."""
        return self.select_related("unit", "donor", "submitted_by")


class AidProject(Matter, Synthesis, NumberedDecision):
    """A programme, project or non-project aid a foreign NGO gives a unit of the province."""

    # Not amended or cancelled through the change flow (ADR 0012) yet: its follow-up (the
    # start, the periodic reports) has no branch for a cancelled aid.
    changes_by_decision = False

    class Form(models.TextChoices):
        PROGRAMME = "programme", _("Chương trình")
        PROJECT = "project", _("Dự án")
        NON_PROJECT = "non_project", _("Phi dự án")

    class Field(models.TextChoices):
        HEALTH = "health", _("Y tế")
        EDUCATION = "education", _("Giáo dục, đào tạo")
        SOCIAL = "social", _("Xã hội, giảm nghèo")
        AGRICULTURE = "agriculture", _("Nông nghiệp, phát triển nông thôn")
        ENVIRONMENT = "environment", _("Môi trường, biến đổi khí hậu")
        DISASTER = "disaster", _("Phòng chống thiên tai, cứu trợ khẩn cấp")
        OTHER = "other", _("Lĩnh vực khác")

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("chủ khoản viện trợ"),
        on_delete=models.PROTECT,
        related_name="aid_projects",
    )
    reference = models.CharField(_("mã hồ sơ"), max_length=30, unique=True)
    donor = models.ForeignKey(
        ForeignNGO,
        verbose_name=_("nhà tài trợ"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    title = models.CharField(_("tên chương trình, dự án"), max_length=255)
    form = models.CharField(_("hình thức"), max_length=20, choices=Form, default=Form.PROJECT)
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=Field, default=Field.OTHER)
    objectives = models.TextField(_("mục tiêu"), blank=True)
    location = models.CharField(_("địa bàn thực hiện"), max_length=255, blank=True)
    beneficiaries = models.TextField(_("đối tượng thụ hưởng"), blank=True)
    start_date = models.DateField(_("thời gian bắt đầu (dự kiến)"))
    end_date = models.DateField(_("thời gian kết thúc (dự kiến)"))
    currency = models.CharField(_("loại tiền"), max_length=3, default="USD")
    amount = models.DecimalField(_("giá trị (nguyên tệ)"), max_digits=18, decimal_places=2)
    usd_rate = models.DecimalField(
        _("tỷ giá quy đổi (USD cho một đơn vị nguyên tệ)"),
        max_digits=18,
        decimal_places=8,
        default=Decimal(1),
    )
    rate_date = models.DateField(_("ngày áp dụng tỷ giá"), null=True, blank=True)
    amount_usd = models.DecimalField(_("giá trị quy đổi (USD)"), max_digits=18, decimal_places=2)
    counterpart_vnd = models.DecimalField(
        _("vốn đối ứng (đồng)"), max_digits=18, decimal_places=0, default=Decimal(0)
    )
    # How often the aid owner reports (months); the last report is due at the end.
    report_every_months = models.PositiveSmallIntegerField(_("kỳ báo cáo (tháng)"), default=6)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)
    started_on = models.DateField(_("ngày bắt đầu thực hiện"), null=True, blank=True)
    lapse_warned_on = models.DateField(_("ngày cảnh báo chưa triển khai"), null=True, blank=True)
    imported = models.BooleanField(_("nhập từ hồ sơ cũ"), default=False)

    closed_statuses = CLOSED
    objects = AidProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("khoản viện trợ phi chính phủ nước ngoài")
        verbose_name_plural = _("khoản viện trợ phi chính phủ nước ngoài")
        ordering = ["-created_at", "-pk"]
        default_permissions = ("add", "change", "delete")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="aid_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="aid_amount_not_negative"),
            models.CheckConstraint(condition=Q(usd_rate__gt=0), name="aid_rate_positive"),
        ]
        indexes = [models.Index(fields=["status", "decision_date"])]

    def get_absolute_url(self):
        return reverse("ngo_aid_project", args=[self.pk])

    def provincial_seat(self, role):
        """Return the unit appraising the aid for the focal agency's roles (``seat``)."""
        if role in (Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_HEAD):
            from .services import appraising_agency

            return appraising_agency()
        return None

    @property
    def disbursed_usd(self) -> Decimal:
        """Return the USD disbursed so far (summed in the database)."""
        total = self.disbursements.aggregate(total=models.Sum("amount_usd"))["total"]
        return total or Decimal(0)


class Opinion(ConsultedOpinion):
    """The written opinion of one agency consulted on an aid project."""

    project = models.ForeignKey(AidProject, on_delete=models.CASCADE, related_name="opinions")


class AidAttachment(ConsultationFile):
    """A file of an aid project: the donor's commitment, the project document, its legal
    papers, an agency's opinion, the decision, a report."""

    class Kind(models.TextChoices):
        COMMITMENT = "commitment", _("Văn bản cam kết viện trợ của nhà tài trợ")
        PROJECT_DOCUMENT = "project_document", _("Văn kiện chương trình, dự án")
        LEGAL_PAPERS = "legal_papers", _("Giấy tờ pháp lý của nhà tài trợ")
        OPINION = "opinion", _("Văn bản ý kiến của cơ quan")
        DECISION = "decision", _("Quyết định phê duyệt khoản viện trợ")
        REPORT = "report", _("Báo cáo tình hình thực hiện")
        OTHER = "other", _("Tài liệu khác")

    project = models.ForeignKey(AidProject, on_delete=models.CASCADE, related_name="attachments")
    opinion = models.ForeignKey(
        Opinion, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("loại tài liệu"), max_length=30, choices=Kind)
    matter_field = "project"

    class Meta:
        verbose_name = _("tài liệu khoản viện trợ")
        verbose_name_plural = _("tài liệu khoản viện trợ")
        ordering = ConsultationFile.Meta.ordering


class Disbursement(models.Model):
    """Money (or goods valued in money) the donor disbursed on a day (giải ngân)."""

    project = models.ForeignKey(AidProject, on_delete=models.CASCADE, related_name="disbursements")
    disbursed_on = models.DateField(_("ngày giải ngân"))
    amount = models.DecimalField(_("số tiền (nguyên tệ)"), max_digits=18, decimal_places=2)
    amount_usd = models.DecimalField(_("quy đổi (USD)"), max_digits=18, decimal_places=2)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"))

    class Meta:
        verbose_name = _("lần giải ngân")
        verbose_name_plural = _("các lần giải ngân")
        ordering = ["disbursed_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_positive"),
        ]

    def __str__(self):
        return f"{self.project.reference} {self.disbursed_on:%d/%m/%Y}"


class PeriodicReport(models.Model):
    """The aid owner's report on one period of the aid, or its final report."""

    project = models.ForeignKey(AidProject, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    final = models.BooleanField(_("báo cáo kết thúc"), default=False)
    text = models.TextField(_("nội dung báo cáo"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("thời điểm nộp"))

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["period_end", "pk"]

    def __str__(self):
        return f"{self.project.reference} {self.period_end:%d/%m/%Y}"


class Meeting(models.Model):
    """A meeting of the province with foreign NGOs (gặp mặt, làm việc), as the report
    counts them."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Lãnh đạo UBND tỉnh")
        DEPARTMENT = "department", _("Lãnh đạo sở, ngành")
        UNIT = "unit", _("Cơ quan, đơn vị")

    reference = models.CharField(_("mã"), max_length=30, unique=True)
    held_on = models.DateField(_("ngày gặp"))
    title = models.CharField(_("tên cuộc gặp"), max_length=255)
    level = models.CharField(_("cấp chủ trì"), max_length=20, choices=Level, default=Level.PROVINCE)
    organisations = models.ManyToManyField(
        ForeignNGO, verbose_name=_("tổ chức tham dự"), related_name="meetings", blank=True
    )
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    content = models.TextField(_("nội dung"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    imported = models.BooleanField(_("nhập từ hồ sơ cũ"), default=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("cuộc gặp với tổ chức PCPNN")
        verbose_name_plural = _("các cuộc gặp với tổ chức PCPNN")
        ordering = ["-held_on", "-pk"]
        default_permissions = ("add", "change", "delete")

    def __str__(self):
        return f"{self.held_on:%d/%m/%Y} – {self.title}"


class HostedVisit(models.Model):
    """An inbound visit the province hosted for an NGO, linked from the NGO's side.

    The visit is another kind's matter: it is named by content type and id (and its
    reference, as it read when linked), never imported (ADR 0015).
    """

    ngo = models.ForeignKey(ForeignNGO, on_delete=models.CASCADE, related_name="visits")
    matter_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    matter_id = models.PositiveBigIntegerField()
    matter = GenericForeignKey("matter_type", "matter_id")
    reference = models.CharField(_("mã hồ sơ đoàn vào"), max_length=30)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(_("thời điểm liên kết"))

    class Meta:
        verbose_name = _("đoàn vào của tổ chức")
        verbose_name_plural = _("đoàn vào của tổ chức")
        ordering = ["-linked_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["ngo", "matter_type", "matter_id"], name="ngo_visit_linked_once"
            )
        ]

    def __str__(self):
        return f"{self.ngo} – {self.reference}"
