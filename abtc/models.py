"""APEC business travel cards (thẻ đi lại của doanh nhân APEC, ABTC), Quyết định
09/2023/QĐ-TTg (replacing Quyết định 45/2006/QĐ-TTg and 54/2015/QĐ-TTg).

A business (doanh nghiệp: an ``organizations.Unit`` of kind ``enterprise``, whose staff
file and whose legal representative signs, docs/adr/0017-abtc-businesses.md) asks the
province to allow its managers to use the card (Chapter III: the first stage, at the
People's Committee of the province where the business has its head office). The focal
agency reviews the dossier and consults the police (always) and the tax office, social
insurance or others; the People's Committee allows it, manager by manager, in a
numbered decision. The Immigration Department then issues the cards (Chapter IV, not
here); the focal agency records each card (number, economies, dates) in the register,
and the business is reminded before a card expires.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from matters.models import (
    ConsultationFile,
    ConsultedOpinion,
    Matter,
    NumberedDecision,
    Synthesis,
)
from matters.querysets import ConsultingQuerySet
from matters.status import statuses
from organizations.models import Unit
from people import personal_data

from .economies import Economy, names

Status = statuses(
    "Status",
    [
        "DRAFT",
        "SUBMITTED",
        "IN_REVIEW",
        "RETURNED",
        ("CONSULTING", "consulting", _("Đang lấy ý kiến các cơ quan")),
        ("SYNTHESIS", "synthesis", _("Đang tổng hợp ý kiến")),
        "AWAITING_APPROVAL",
        "APPROVED",
        "ISSUED",
        ("COMPLETED", "completed", _("Đã vào sổ thẻ")),
        "REJECTED",
        "WITHDRAWN",
        "CANCELLED",
    ],
)
# What the figures count: allowed by the People's Committee (cards registered or not).
COUNTED = (Status.APPROVED, Status.ISSUED, Status.COMPLETED)
FOR_LEADERSHIP = (Status.AWAITING_APPROVAL, *COUNTED)


class AbtcRequestQuerySet(ConsultingQuerySet):
    """The rule of every consulting matter: the business's own staff and head, the focal
    agency, the agencies consulted on it, leaders from the request for a decision on."""

    leadership_statuses = FOR_LEADERSHIP

    def for_list(self):
        return self.select_related("unit", "submitted_by").prefetch_related("managers")


class AbtcRequest(Matter, Synthesis, NumberedDecision):
    """A business's request that its managers may use the APEC business travel card."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("doanh nghiệp"),
        on_delete=models.PROTECT,
        related_name="abtc_requests",
    )
    # The business's papers as filed (a snapshot: the register keeps what was decided on).
    enterprise_code = models.CharField(
        _("mã số doanh nghiệp"),
        max_length=20,
        help_text=_("Mã số trên Giấy chứng nhận đăng ký doanh nghiệp (cũng là mã số thuế)."),
    )
    established_on = models.DateField(_("ngày cấp đăng ký doanh nghiệp lần đầu"))
    address = models.CharField(_("địa chỉ trụ sở chính"), max_length=255)
    legal_representative = models.CharField(_("người đại diện theo pháp luật"), max_length=150)
    business_lines = models.CharField(_("ngành nghề kinh doanh chính"), max_length=255)
    apec_partners = models.TextField(
        _("đối tác, hợp đồng với các nền kinh tế APEC"),
        help_text=_("Hợp đồng, thỏa thuận đã ký với đối tác của các nền kinh tế thành viên."),
    )
    purpose = models.TextField(_("mục đích, nhu cầu đi lại"), blank=True)
    economies = models.JSONField(_("nền kinh tế đề nghị đến"), default=list)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)

    objects = AbtcRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ đề nghị sử dụng thẻ ABTC")
        verbose_name_plural = _("hồ sơ đề nghị sử dụng thẻ ABTC")
        ordering = ["-submitted_at", "-pk"]
        default_permissions = ("add", "change", "delete")
        indexes = [models.Index(fields=["status", "decision_date"])]

    @property
    def title(self) -> str:
        return _("Thẻ ABTC – %(business)s") % {"business": self.unit.name}

    def get_absolute_url(self):
        return reverse("abtc_request", args=[self.pk])

    @property
    def economy_names(self) -> list[str]:
        return names(self.economies)

    @property
    def approved_managers(self):
        return [m for m in self.managers.all() if m.approved]


class Manager(models.Model):
    """A manager of the business the card is asked for (a row of the request)."""

    request = models.ForeignKey(AbtcRequest, on_delete=models.CASCADE, related_name="managers")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    date_of_birth = models.DateField(_("ngày sinh"))
    position = models.CharField(_("chức vụ"), max_length=150)
    appointment = models.CharField(
        _("quyết định bổ nhiệm, hợp đồng lao động"), max_length=255, blank=True
    )
    # Encrypted at rest, as a guest's passport is (people.personal_data).
    passport_encrypted = models.TextField(_("số hộ chiếu (mã hóa)"), editable=False)
    passport_index = models.CharField(max_length=64, db_index=True, editable=False)
    # The People's Committee's decision on this manager: None until it is taken.
    approved = models.BooleanField(_("được cho phép"), null=True, blank=True)
    # The register of cards: filled in once the Immigration Department issued the card.
    card_number = models.CharField(_("số thẻ ABTC"), max_length=30, blank=True)
    card_issued_on = models.DateField(_("ngày cấp thẻ"), null=True, blank=True)
    card_expires_on = models.DateField(_("ngày hết hạn thẻ"), null=True, blank=True)
    card_economies = models.JSONField(_("nền kinh tế ghi trên thẻ"), default=list, blank=True)
    card_recorded_at = models.DateTimeField(_("thời điểm vào sổ"), null=True, blank=True)
    expiry_reminded_on = models.DateField(_("ngày nhắc thẻ sắp hết hạn"), null=True, blank=True)

    class Meta:
        verbose_name = _("doanh nhân đề nghị cấp thẻ")
        verbose_name_plural = _("doanh nhân đề nghị cấp thẻ")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["card_number"],
                condition=~Q(card_number=""),
                name="abtc_card_number_unique",
            ),
        ]
        indexes = [models.Index(fields=["card_expires_on"])]

    def __str__(self):
        return self.full_name

    @property
    def passport_number(self) -> str:
        return personal_data.decrypt(self.passport_encrypted)

    @passport_number.setter
    def passport_number(self, value: str) -> None:
        self.passport_encrypted = personal_data.encrypt(personal_data.normalise(value))
        self.passport_index = personal_data.blind_index(value)

    @property
    def passport_masked(self) -> str:
        return personal_data.mask(self.passport_number)

    @property
    def card_economy_names(self) -> list[str]:
        return names(self.card_economies)

    @property
    def has_card(self) -> bool:
        return bool(self.card_number)


class Opinion(ConsultedOpinion):
    """The written opinion of one agency consulted on an ABTC request."""

    request = models.ForeignKey(AbtcRequest, on_delete=models.CASCADE, related_name="opinions")


class AbtcAttachment(ConsultationFile):
    """A file of an ABTC request: the business's papers, an opinion, the decision.

    The papers are the dossier of Quyết định 09/2023/QĐ-TTg, Art. 12(2) (the written
    request itself, form CV01, is the request the business files and its head signs):
    b) the taxes paid in the last 12 months (``compliance``), c) the commercial contracts
    with APEC partners, d) the managers' passports, đ) their appointments, e) social
    insurance, g) the last year's financial statements; the registration certificate is
    kept as the business's identity paper.
    """

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Giấy chứng nhận đăng ký doanh nghiệp")
        COMPLIANCE = (
            "compliance",
            _("Báo cáo các khoản thuế doanh nghiệp, doanh nhân đã nộp ngân sách trong 12 tháng"),
        )
        CONTRACTS = (
            "contracts",
            _(
                "Hợp đồng thương mại với đối tác nền kinh tế APEC (không quá 02 năm) và tài liệu "
                "thực hiện"
            ),
        )
        PASSPORTS = "passports", _("Bản sao hộ chiếu còn giá trị sử dụng của doanh nhân")
        EMPLOYMENT = "employment", _("Quyết định bổ nhiệm chức vụ của doanh nhân")
        SOCIAL_INSURANCE = (
            "social_insurance",
            _("Báo cáo chấp hành bảo hiểm xã hội 12 tháng và quá trình đóng của doanh nhân"),
        )
        FINANCIAL_STATEMENTS = (
            "financial_statements",
            _("Báo cáo quyết toán tài chính năm gần nhất đã được phê duyệt"),
        )
        OPINION = "opinion", _("Văn bản ý kiến của cơ quan")
        DECISION = "decision", _("Quyết định cho phép sử dụng thẻ ABTC")
        OTHER = "other", _("Tài liệu khác")

    request = models.ForeignKey(AbtcRequest, on_delete=models.CASCADE, related_name="attachments")
    opinion = models.ForeignKey(
        Opinion, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("loại tài liệu"), max_length=30, choices=Kind)
    matter_field = "request"

    class Meta:
        verbose_name = _("tài liệu hồ sơ ABTC")
        verbose_name_plural = _("tài liệu hồ sơ ABTC")
        ordering = ConsultationFile.Meta.ordering


__all__ = ["COUNTED", "AbtcAttachment", "AbtcRequest", "Economy", "Manager", "Opinion", "Status"]
