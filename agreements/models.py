"""International agreements (thỏa thuận quốc tế, Law 70/2020 and Decree 64/2021).

A provincial unit proposes an agreement with a foreign partner; the focal agency (Sở
Ngoại vụ) asks the concerned agencies for written opinions (the security agency
always), reconciles them, the Chairman decides, and after signing the agreement lives
in the registry: in force, amended, extended, expired or terminated.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from matters.files import random_name
from matters.models import (
    ConsultationFile,
    ConsultedOpinion,
    Matter,
    NumberedDecision,
    Planned,
    Synthesis,
)
from matters.querysets import ConsultingQuerySet
from matters.status import statuses
from organizations.models import Unit

# Where an agreement stands (DESIGN §2): the request statuses it shares, worded for
# an agreement where the Chairman decides, and the consultation and the registry's own.
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
        ("AWAITING_APPROVAL", "awaiting_approval", _("Chờ Chủ tịch UBND tỉnh quyết định")),
        ("APPROVED", "approved", _("Đã chấp thuận ký kết")),
        ("ISSUED", "issued", _("Đã ban hành văn bản chấp thuận")),
        ("SIGNED", "signed", _("Đã ký kết")),
        "REJECTED",
        "WITHDRAWN",
        ("IN_FORCE", "in_force", _("Đang có hiệu lực")),
        ("AMENDED", "amended", _("Đã sửa đổi, bổ sung")),
        ("EXTENDED", "extended", _("Đã gia hạn")),
        ("EXPIRED", "expired", _("Hết hiệu lực")),
        ("TERMINATED", "terminated", _("Chấm dứt")),
    ],
)


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
FOR_LEADERSHIP = (Status.AWAITING_APPROVAL, Status.APPROVED, Status.ISSUED, *SIGNED_STATUSES)


class AgreementQuerySet(ConsultingQuerySet):
    """The rule of every matter that consults (``ConsultingQuerySet``): the consulted
    agencies, the security agency among them, see only the agreements sent to them."""

    leadership_statuses = FOR_LEADERSHIP

    def for_list(self):
        """Return the agreements with what a list row shows, in a fixed number of queries."""
        return self.select_related("unit", "submitted_by")

    def signed(self):
        return self.filter(status__in=SIGNED_STATUSES)


class Agreement(Matter, Synthesis, NumberedDecision, Planned):
    """A unit's proposal to sign an international agreement, and then its registry entry.

    The Chairman's approval is issued as a công văn of the people's committee (the
    approval letter, ``agreements.documents``), signed and registered like every
    document (ADR 0012); only then is the agreement signed with the partner.
    """

    document_type = "CV"  # a công văn of the people's committee (ADR 0012)
    # After its letter the agreement's life is the registry's (signed, in force,
    # amended, terminated), not an amending document's: no change flow (ADR 0012).
    changes_by_decision = False

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
    # An agreement's own statuses; the registry filters on them, hence the index.
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    # When an agency disagrees, the province asks the Prime Minister (Law 70/2020 Art. 19).
    escalated_on = models.DateField(_("ngày xin ý kiến Thủ tướng"), null=True, blank=True)
    pm_consent = models.CharField(_("văn bản đồng ý của Thủ tướng"), max_length=255, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True, db_index=True)
    signed_place = models.CharField(_("nơi ký"), max_length=255, blank=True)
    signed_by = models.CharField(_("người ký"), max_length=255, blank=True)
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    # Within 15 days of signing: written report to the Prime Minister, copy to MOFA.
    reported_on = models.DateField(
        _("ngày báo cáo Thủ tướng, gửi Bộ Ngoại giao"), null=True, blank=True
    )

    # Nothing more is asked once it is refused, withdrawn, expired or terminated.
    closed_statuses = (Status.REJECTED, Status.WITHDRAWN, Status.EXPIRED, Status.TERMINATED)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("thỏa thuận quốc tế")
        verbose_name_plural = _("thỏa thuận quốc tế")
        ordering = ["-created_at", "-pk"]

    def get_absolute_url(self):
        return reverse("agreement", args=[self.pk])

    @property
    def is_signed(self) -> bool:
        return self.status in SIGNED_STATUSES


class Opinion(ConsultedOpinion):
    """The written opinion of one agency consulted on an agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="opinions")


# Named by the first migration; files are now stored by ``matters.files.random_name``.
_random_name = random_name


class AgreementAttachment(ConsultationFile):
    """A file of an agreement: its drafts, the signed copy, an agency's opinion."""

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("Tờ trình đề xuất ký kết")
        APPROVAL_LETTER = "approval_letter", _("Văn bản chấp thuận của UBND tỉnh")
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
    matter_field = "agreement"

    class Meta:
        verbose_name = _("tài liệu thỏa thuận quốc tế")
        verbose_name_plural = _("tài liệu thỏa thuận quốc tế")
        ordering = ConsultationFile.Meta.ordering


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
