"""The annual plan of outbound trips and inbound visits (kế hoạch đoàn ra, đoàn vào hằng
năm).

The focal agency opens a planning round (đợt lập kế hoạch) for a year with a deadline;
each unit registers its items (mục kế hoạch) in its unit plan, submits it, and its head
endorses it to the focal agency, which may return it. The focal agency compiles the
endorsed unit plans and submits the province's plan; the People's Committee approves it
and the plan is then signed and entered in its one register of documents (Kế hoạch số
1890/KH-UBND, ``matters.issuance``). A supplement (bổ sung) reopens the round for new
items and goes through the same approval; each registered plan keeps a version (its
number and a copy of its items): the plan's history.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from organizations.models import StaffProfile, Unit

from .querysets import PlanItemQuerySet, RoundQuerySet

#: The plan's type in the people's committee's register: Kế hoạch số 1890/KH-UBND
#: (``settings.DOCUMENT_REGISTER``).
PLAN_TYPE = "KH"


class Round(models.Model):
    """A year's planning round, as the focal agency opened it (đợt lập kế hoạch)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Các đơn vị đang đăng ký")
        SUBMITTED = "submitted", _("Chờ UBND tỉnh phê duyệt")
        # Approved by the leader: the draft waits for its signature and its number.
        SIGNING = "signing", _("Đã phê duyệt, chờ ký và vào sổ")
        APPROVED = "approved", _("Đã ban hành")

    year = models.PositiveIntegerField(_("năm kế hoạch"), unique=True)
    deadline = models.DateField(_("hạn đăng ký của các đơn vị"))
    budget_estimate = models.DecimalField(
        _("dự toán kinh phí (Sở Tài chính) (đồng)"),
        max_digits=18,
        decimal_places=0,
        null=True,
        blank=True,
    )
    notice = models.TextField(_("nội dung thông báo"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.OPEN)
    # The number of registered versions so far; a supplement is open when version > 0.
    version = models.PositiveIntegerField(_("số lần phê duyệt"), default=0)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("ngày mở đợt"))
    submitted_at = models.DateTimeField(_("ngày trình phê duyệt"), null=True, blank=True)
    plan_number = models.CharField(_("số kế hoạch"), max_length=50, blank=True)
    plan_date = models.DateField(_("ngày ký kế hoạch"), null=True, blank=True)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo phê duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt lập kế hoạch đoàn ra, đoàn vào")
        ordering = ["-year"]

    def __str__(self):
        return str(_("Kế hoạch đoàn ra, đoàn vào năm %(year)d") % {"year": self.year})

    def get_absolute_url(self):
        return reverse("plans:round", args=[self.pk])

    @property
    def is_supplement(self) -> bool:
        """Return True while a supplement to an approved plan is being prepared."""
        return self.version > 0 and self.status != self.Status.APPROVED


class UnitPlan(models.Model):
    """One unit's part of the year's plan: its items, submitted and endorsed together."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang lập")
        SUBMITTED = "submitted", _("Chờ lãnh đạo đơn vị")
        ENDORSED = "endorsed", _("Đã gửi cơ quan ngoại vụ")
        RETURNED = "returned", _("Bị trả lại để chỉnh sửa")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="unit_plans")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    return_comment = models.TextField(_("nội dung cần chỉnh sửa"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch của đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="one_unit_plan_a_round")
        ]

    def __str__(self):
        return f"{self.round} – {self.unit.name}"

    def get_absolute_url(self):
        return reverse("plans:round", args=[self.round_id]) + f"?unit={self.unit_id}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE and self.round.status == Round.Status.OPEN


class PlanItem(models.Model):
    """One planned trip, visit, conference or agreement of a unit (mục kế hoạch)."""

    class Kind(models.TextChoices):
        # The values are the keys of the kinds of matter (``matters.kinds``).
        OUTBOUND = "outbound", _("Đoàn ra")
        INBOUND = "inbound", _("Đoàn vào")
        CONFERENCE = "conference", _("Hội nghị, hội thảo quốc tế")
        AGREEMENT = "agreement", _("Thỏa thuận quốc tế")

    class Funding(models.TextChoices):
        STATE_BUDGET = "state_budget", _("Ngân sách nhà nước")
        UNIT = "unit", _("Kinh phí của đơn vị")
        FOREIGN = "foreign", _("Phía nước ngoài tài trợ")
        MIXED = "mixed", _("Kết hợp nhiều nguồn")

    unit_plan = models.ForeignKey(UnitPlan, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind, default=Kind.OUTBOUND)
    title = models.CharField(_("nội dung"), max_length=255)
    purpose = models.TextField(_("mục đích"), blank=True)
    countries = CountryField(_("quốc gia"), multiple=True, blank=True)
    partner = models.CharField(_("đối tác"), max_length=255, blank=True)
    quarter = models.PositiveSmallIntegerField(
        _("quý"), null=True, blank=True, choices=[(q, f"Quý {q}") for q in range(1, 5)]
    )
    month = models.PositiveSmallIntegerField(
        _("tháng"), null=True, blank=True, choices=[(m, f"Tháng {m}") for m in range(1, 13)]
    )
    head_name = models.CharField(_("trưởng đoàn (dự kiến)"), max_length=150, blank=True)
    head_level = models.CharField(
        _("cấp trưởng đoàn"),
        max_length=30,
        choices=StaffProfile.LeaderLevel,
        default=StaffProfile.LeaderLevel.OTHER,
    )
    size = models.PositiveIntegerField(_("số người"), default=0)
    days = models.PositiveIntegerField(_("số ngày"), default=0)
    funding_source = models.CharField(
        _("nguồn kinh phí"), max_length=20, choices=Funding, blank=True
    )
    estimated_cost = models.DecimalField(
        _("kinh phí dự kiến (đồng)"), max_digits=18, decimal_places=0, default=0
    )
    justification = models.TextField(_("sự cần thiết"), blank=True)
    party_managed = models.BooleanField(
        _("có cán bộ diện Ban Thường vụ Tỉnh ủy quản lý"), default=False
    )
    # In the approved plan (the last approval included it).
    approved = models.BooleanField(_("đã được phê duyệt"), default=False)
    # The version of the plan that brought it (1: the plan; 2, 3, ...: supplements).
    added_in = models.PositiveIntegerField(_("bổ sung lần"), default=1)
    # A change to the approved plan: the supplement's item replaces an approved item,
    # which leaves the plan in force when the supplement is registered (its version is
    # ``withdrawn_in``) and stays in the plan's history.
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("thay thế mục đã phê duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replacements",
    )
    withdrawn_in = models.PositiveIntegerField(
        _("được thay thế ở lần phê duyệt"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục kế hoạch")
        verbose_name_plural = _("các mục kế hoạch")
        ordering = ["unit_plan__unit__name", "kind", "quarter", "month", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:item", args=[self.pk])

    @property
    def unit(self):
        return self.unit_plan.unit

    @property
    def in_force(self) -> bool:
        """Return True if the item is in the plan in force (approved, not replaced)."""
        return self.approved and self.withdrawn_in is None

    @property
    def period(self) -> str:
        """Return "Tháng 5" or "Quý 2" (or blank)."""
        if self.month:
            return f"Tháng {self.month}"
        if self.quarter:
            return f"Quý {self.quarter}"
        return ""

    @property
    def quarter_of(self) -> int | None:
        """Return the quarter the item falls in (from its month if it has one)."""
        if self.month:
            return (self.month - 1) // 3 + 1
        return self.quarter

    @property
    def choice_label(self) -> str:
        """Return how a request form lists the item."""
        year = self.unit_plan.round.year
        period = f", {self.period.lower()}" if self.period else ""
        return f"{self.get_kind_display()}: {self.title} ({year}{period})"


class Version(models.Model):
    """One approval of the plan (the plan, then each supplement), with its items then,
    made when the signed plan is entered in the people's committee's register: its
    number and date are the register's."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("lần"))
    plan_number = models.CharField(_("số kế hoạch"), max_length=50)
    plan_date = models.DateField(_("ngày ký"))
    # The registered document (its signed PDF); none on a version approved before plans
    # went through the register.
    issuance = models.OneToOneField(
        "matters.Issuance",
        verbose_name=_("văn bản ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField()
    items = models.JSONField(_("các mục được phê duyệt"), default=list)
    total_cost = models.DecimalField(max_digits=18, decimal_places=0, default=0)

    class Meta:
        verbose_name = _("lần phê duyệt kế hoạch")
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="one_plan_version_number")
        ]

    def __str__(self):
        return f"{self.round} – {self.plan_number}"

    @property
    def is_supplement(self) -> bool:
        return self.number > 1
