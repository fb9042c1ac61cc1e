"""International agreements (thỏa thuận quốc tế, Law 70/2020 and Decree 64/2021).

A provincial unit proposes an agreement with a foreign partner; the focal agency (Sở
Ngoại vụ) asks the concerned agencies for written opinions (the security agency
always), reconciles them, the Chairman decides, and after signing the agreement lives
in the registry: in force, amended, extended, expired or terminated.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from organizations.models import Role, Unit
from organizations.selectors import roles_of, units_acted_for


class Status(models.TextChoices):
    """Where an agreement stands, in business terms (DESIGN §2)."""

    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Chờ đơn vị cho ý kiến")
    IN_REVIEW = "in_review", _("Đang thẩm định")
    RETURNED = "returned", _("Trả lại để chỉnh sửa")
    CONSULTING = "consulting", _("Đang lấy ý kiến các cơ quan")
    SYNTHESIS = "synthesis", _("Đang tổng hợp ý kiến")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ Chủ tịch UBND tỉnh quyết định")
    APPROVED = "approved", _("Đã chấp thuận ký kết")
    SIGNED = "signed", _("Đã ký kết")
    REJECTED = "rejected", _("Không chấp thuận")
    WITHDRAWN = "withdrawn", _("Đã rút hồ sơ")
    IN_FORCE = "in_force", _("Đang có hiệu lực")
    AMENDED = "amended", _("Đã sửa đổi, bổ sung")
    EXTENDED = "extended", _("Đã gia hạn")
    EXPIRED = "expired", _("Hết hiệu lực")
    TERMINATED = "terminated", _("Chấm dứt")


# After signing: what the registry lists, and what a life-cycle change may set.
SIGNED_STATUSES = (
    Status.SIGNED,
    Status.IN_FORCE,
    Status.AMENDED,
    Status.EXTENDED,
    Status.EXPIRED,
    Status.TERMINATED,
)
LIFE_CYCLE_STATUSES = SIGNED_STATUSES[1:]
# What a leader sees: from the request for a decision on.
FOR_LEADERSHIP = (Status.AWAITING_APPROVAL, Status.APPROVED, *SIGNED_STATUSES)


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the agreements ``user`` may see today (DESIGN §5).

        As for trips, and a consulted agency (or the security agency) sees only the
        agreements its opinion was asked on.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        roles = roles_of(user)
        if Role.AUDITOR in roles:
            return self.all()
        rule = Q(submitted_by=user)
        unit_roles = {Role.UNIT_STAFF, Role.UNIT_HEAD} & roles
        if unit_roles:
            rule |= Q(unit__in=self._units(user, unit_roles)) & ~Q(status=Status.DRAFT)
        if roles & {Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_HEAD}:
            rule |= ~Q(status=Status.DRAFT)
        consulted = {Role.CONSULTED_AGENCY, Role.SECURITY_OFFICER} & roles
        if consulted:
            asked = Opinion.objects.filter(
                agreement=OuterRef("pk"), agency__in=self._units(user, consulted)
            )
            rule |= Q(Exists(asked))
        if Role.LEADER in roles:
            rule |= Q(status__in=FOR_LEADERSHIP) | Q(approver__isnull=False)
        return self.filter(rule)

    @staticmethod
    def _units(user, roles) -> set:
        units = set()
        for role in roles:
            units |= set(units_acted_for(user, role=role).values_list("pk", flat=True))
        return units

    def for_list(self):
        """Return the agreements with what a list row shows, in a fixed number of queries."""
        return self.select_related("unit", "submitted_by")

    def signed(self):
        return self.filter(status__in=SIGNED_STATUSES)


class Agreement(models.Model):
    """A unit's proposal to sign an international agreement, and then its registry entry."""

    class Kind(models.TextChoices):
        MOU = "mou", _("Bản ghi nhớ (MOU)")
        AGREEMENT = "agreement", _("Thỏa thuận hợp tác")
        COOPERATION_PLAN = "cooperation_plan", _("Kế hoạch hợp tác")

    class Field(models.TextChoices):
        ECONOMY = "economy", _("Kinh tế, thương mại, đầu tư")
        EDUCATION = "education", _("Giáo dục, đào tạo")
        HEALTH = "health", _("Y tế")
        CULTURE = "culture", _("Văn hóa, du lịch, thể thao")
        SCIENCE = "science", _("Khoa học, công nghệ")
        ENVIRONMENT = "environment", _("Tài nguyên, môi trường")
        AGRICULTURE = "agriculture", _("Nông nghiệp")
        OTHER = "other", _("Lĩnh vực khác")

    class PartnerKind(models.TextChoices):
        LOCAL_GOVERNMENT = "local_government", _("Chính quyền địa phương nước ngoài")
        AGENCY = "agency", _("Cơ quan nhà nước nước ngoài")
        ORGANISATION = "organisation", _("Tổ chức nước ngoài")
        INTERNATIONAL = "international", _("Tổ chức quốc tế")

    class SignerLevel(models.TextChoices):
        PEOPLES_COMMITTEE = "peoples_committee", _("Nhân danh UBND tỉnh")
        DEPARTMENT = "department", _("Nhân danh cơ quan cấp sở")
        COMMUNE = "commune", _("Nhân danh UBND cấp xã biên giới")

    class Stage(models.TextChoices):
        """The step an agreement was returned from, so a resubmission goes back there."""

        ENDORSEMENT = "endorsement", _("Đơn vị cho ý kiến")
        REVIEW = "review", _("Thẩm định")

    reference = models.CharField(_("mã hồ sơ"), max_length=30, unique=True, editable=False)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đề xuất"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tên thỏa thuận"), max_length=255)
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=Kind)
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=Field)
    partner = models.CharField(_("đối tác nước ngoài"), max_length=255)
    partner_kind = models.CharField(_("loại đối tác"), max_length=20, choices=PartnerKind)
    partner_country = CountryField(_("quốc gia của đối tác"))
    purpose = models.TextField(_("sự cần thiết, mục đích"))
    content = models.TextField(_("nội dung chính"))
    term = models.CharField(pgettext_lazy("agreement", "thời hạn"), max_length=100, blank=True)
    proposed_signer = models.CharField(_("người dự kiến ký"), max_length=255)
    signer_level = models.CharField(
        _("cấp ký kết"),
        max_length=20,
        choices=SignerLevel,
        default=SignerLevel.PEOPLES_COMMITTEE,
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    returned_from = models.CharField(max_length=20, choices=Stage, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập hồ sơ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chuyên viên thẩm định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The department's synthesis of the opinions, for leadership.
    synthesis = models.TextField(_("báo cáo tổng hợp ý kiến"), blank=True)
    has_disagreement = models.BooleanField(_("có cơ quan không đồng ý"), default=False)
    # When an agency disagrees, the province asks the Prime Minister (Law 70/2020 Art. 19).
    escalated_on = models.DateField(_("ngày xin ý kiến Thủ tướng"), null=True, blank=True)
    pm_consent = models.CharField(_("văn bản đồng ý của Thủ tướng"), max_length=255, blank=True)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("thời điểm quyết định"), null=True, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True, db_index=True)
    signed_place = models.CharField(_("nơi ký"), max_length=255, blank=True)
    signed_by = models.CharField(_("người ký"), max_length=255, blank=True)
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    # Within 15 days of signing: written report to the Prime Minister, copy to MOFA.
    reported_on = models.DateField(
        _("ngày báo cáo Thủ tướng, gửi Bộ Ngoại giao"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("thỏa thuận quốc tế")
        verbose_name_plural = _("thỏa thuận quốc tế")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.reference} – {self.title}"

    def get_absolute_url(self):
        return reverse("agreement", args=[self.pk])

    @property
    def is_signed(self) -> bool:
        return self.status in SIGNED_STATUSES


class Opinion(models.Model):
    """The written opinion of one consulted agency (ý kiến cơ quan liên quan)."""

    class Verdict(models.TextChoices):
        AGREE = "agree", pgettext_lazy("opinion", "Đồng ý")
        AGREE_WITH_CONDITIONS = (
            "agree_with_conditions",
            pgettext_lazy("opinion", "Đồng ý, có ý kiến kèm theo"),
        )
        DISAGREE = "disagree", pgettext_lazy("opinion", "Không đồng ý")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="opinions")
    agency = models.ForeignKey(
        Unit, verbose_name=_("cơ quan được lấy ý kiến"), on_delete=models.PROTECT, related_name="+"
    )
    # The security agency answers as SECURITY_OFFICER, the others as CONSULTED_AGENCY.
    is_security = models.BooleanField(_("cơ quan an ninh"), default=False)
    requested_at = models.DateTimeField(_("thời điểm đề nghị"))
    due_on = models.DateField(_("hạn trả lời"), null=True, blank=True)
    answered_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verdict = models.CharField(_("ý kiến"), max_length=30, choices=Verdict, blank=True)
    text = models.TextField(_("nội dung ý kiến"), blank=True)
    cancelled_at = models.DateTimeField(_("thời điểm hủy lấy ý kiến"), null=True, blank=True)

    class Meta:
        verbose_name = _("ý kiến cơ quan")
        verbose_name_plural = _("ý kiến các cơ quan")
        ordering = ["-is_security", "pk"]

    def __str__(self):
        return f"{self.agency} – {self.agreement.reference}"

    @property
    def role(self) -> Role:
        """Return the role in which the agency answers."""
        return Role.SECURITY_OFFICER if self.is_security else Role.CONSULTED_AGENCY

    @property
    def is_pending(self) -> bool:
        return self.answered_at is None and self.cancelled_at is None

    @property
    def is_late(self) -> bool:
        """Return True if the answer came (or is still awaited) after the due date."""
        if self.due_on is None or self.cancelled_at is not None:
            return False
        from django.utils import timezone

        answered = self.answered_at or timezone.now()
        return timezone.localdate(answered) > self.due_on


def _random_name(instance, filename):
    # Files are stored under a random name: the uploader's name never reaches the disk.
    return f"agreements/{instance.created_at:%Y/%m}/{secrets.token_hex(16)}"


class AgreementAttachment(models.Model):
    """A file of an agreement: its drafts, the signed copy, an agency's opinion."""

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("Tờ trình đề xuất ký kết")
        DRAFT_VI = "draft_vi", _("Dự thảo tiếng Việt")
        DRAFT_FOREIGN = "draft_foreign", _("Dự thảo tiếng nước ngoài")
        OPINION = "opinion", _("Văn bản ý kiến của cơ quan")
        SIGNED_COPY = "signed_copy", _("Bản ký chính thức")
        REPORT = "report", pgettext_lazy("attachment", "Báo cáo")
        OTHER = "other", _("Tài liệu khác")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="attachments")
    opinion = models.ForeignKey(
        Opinion, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("loại tài liệu"), max_length=30, choices=Kind)
    file = models.FileField(_("tệp"), upload_to=_random_name, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tải lên"))

    class Meta:
        verbose_name = _("tài liệu thỏa thuận quốc tế")
        verbose_name_plural = _("tài liệu thỏa thuận quốc tế")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.original_name

    @property
    def owner(self):
        return self.agreement

    @classmethod
    def owner_fields(cls, owner) -> dict:
        """Return the fields naming ``owner`` (an agreement, or one of its opinions)."""
        if isinstance(owner, Opinion):
            return {"agreement": owner.agreement, "opinion": owner}
        return {"agreement": owner}


class ImplementationReport(models.Model):
    """A yearly report on how a signed agreement is carried out (Decree 64, ch. IV)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="implementation_reports"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    text = models.TextField(_("nội dung báo cáo"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người báo cáo"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("thời điểm báo cáo"))

    class Meta:
        verbose_name = _("báo cáo tình hình thực hiện")
        verbose_name_plural = _("báo cáo tình hình thực hiện")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year"], name="one_implementation_report_a_year"
            )
        ]

    def __str__(self):
        return f"{self.agreement.reference} – {self.year}"
