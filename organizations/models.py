"""Units (đơn vị), staff profiles, roles and deputies (ủy quyền).

Roles are Django groups; *where* a person holds a role is a django-guardian object
permission on the Unit (``organizations.act_as_<role>``), so grants grow with units,
not with requests. Grant and revoke only through ``organizations.services``.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A role a person holds in a unit; the value is also the Django group's name."""

    UNIT_STAFF = "unit_staff", _("Cán bộ đơn vị")
    UNIT_HEAD = "unit_head", _("Lãnh đạo đơn vị")
    DEPARTMENT_REVIEWER = "department_reviewer", _("Chuyên viên thẩm định (cơ quan ngoại vụ)")
    DEPARTMENT_HEAD = "department_head", _("Lãnh đạo cơ quan ngoại vụ")
    SECURITY_OFFICER = "security_officer", _("Cán bộ an ninh (Công an tỉnh)")
    CONSULTED_AGENCY = "consulted_agency", _("Cơ quan được lấy ý kiến")
    LEADER = "leader", _("Lãnh đạo UBND tỉnh")
    # The clerical office (văn thư) of the people's committee: signed files, the register.
    CLERK = "clerk", _("Văn thư UBND tỉnh")
    AUDITOR = "auditor", _("Cán bộ giám sát")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")

    @property
    def permission_codename(self) -> str:
        return f"act_as_{self.value}"

    @property
    def permission(self) -> str:
        return f"organizations.act_as_{self.value}"


class User(AbstractUser):
    """A person who signs in. Vietnamese names are kept whole (họ và tên)."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)

    # Left out of the copies the settings cache keeps (a save of such a copy leaves them
    # alone): they change at every sign-in. An update of any other column bumps the
    # settings version (organizations/migrations/0004_settings_version.py).
    UNCACHED_FIELDS = ("password", "last_login", "date_joined")

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def get_full_name(self):
        return self.full_name or super().get_full_name() or self.username

    def get_short_name(self):
        return self.full_name.split()[-1] if self.full_name else self.username

    def __str__(self):
        return self.get_full_name()


class Unit(models.Model):
    """An agency or organisation of the province (Sở, Ban, huyện, trường, bệnh viện...)."""

    class Kind(models.TextChoices):
        PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        POLICE = "police", _("Công an")
        DISTRICT = "district", _("Xã, phường, đặc khu")
        UNIVERSITY = "university", _("Trường đại học, cao đẳng")
        HOSPITAL = "hospital", _("Bệnh viện")
        RESEARCH = "research", _("Viện, trung tâm nghiên cứu")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")
        ASSOCIATION = "association", _("Hội, đoàn thể")
        OTHER = "other", _("Khác")

    name = models.CharField(_("tên đơn vị"), max_length=255, unique=True)
    code = models.CharField(
        _("ký hiệu"),
        max_length=20,
        unique=True,
        help_text=_("Chữ viết tắt dùng trong số văn bản, ví dụ SNV trong 12/SNV-HTQT."),
    )
    kind = models.CharField(_("loại đơn vị"), max_length=30, choices=Kind, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]
        default_permissions = ("add", "change", "delete", "view")
        permissions = [(role.permission_codename, role.label) for role in Role]

    def __str__(self):
        return self.name


class StaffProfile(models.Model):
    """Where a person works and what their position means for routing."""

    class LeaderLevel(models.TextChoices):
        CHAIRMAN = "chairman", _("Chủ tịch UBND tỉnh")
        VICE_CHAIRMAN = "vice_chairman", _("Phó Chủ tịch UBND tỉnh")
        PROVINCE_LEADER = "province_leader", _("Lãnh đạo cấp tỉnh khác")
        DEPARTMENT_HEAD = "department_head", _("Thủ trưởng sở, ban, ngành, địa phương")
        DEPUTY_DEPARTMENT_HEAD = "deputy_department_head", _("Cấp phó sở, ban, ngành, địa phương")
        OTHER = "other", _("Cán bộ, công chức, viên chức khác")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="staff"
    )
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    leader_level = models.CharField(
        _("cấp lãnh đạo"), max_length=30, choices=LeaderLevel, default=LeaderLevel.OTHER
    )
    is_party_committee_managed = models.BooleanField(
        _("thuộc diện Ban Thường vụ Tỉnh ủy quản lý"), default=False
    )
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("hồ sơ cán bộ")
        verbose_name_plural = _("hồ sơ cán bộ")

    def __str__(self):
        return f"{self.user} – {self.position or self.get_leader_level_display()} – {self.unit}"


class Deputy(models.Model):
    """Person B (deputy) acts for person A (principal) from one date to another, inclusive."""

    principal = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được xử lý thay"),
        on_delete=models.CASCADE,
        related_name="deputies",
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý thay"),
        on_delete=models.CASCADE,
        related_name="acting_for",
    )
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    reason = models.CharField(_("lý do"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("xử lý thay")
        verbose_name_plural = _("xử lý thay")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="deputy_period_not_reversed"
            ),
            models.CheckConstraint(
                condition=~Q(principal=F("deputy")), name="deputy_is_not_principal"
            ),
        ]
        indexes = [models.Index(fields=["deputy", "start_date", "end_date"])]

    def __str__(self):
        period = f"{self.start_date:%d/%m/%Y}–{self.end_date:%d/%m/%Y}"
        return f"{self.deputy} ← {self.principal} ({period})"


class Province(models.Model):
    """The one province this installation serves, and who plays which part in it.

    The focal agency for foreign affairs is a Sở Ngoại vụ where the province still has
    one, otherwise the Văn phòng UBND tỉnh; it is chosen here, never hard-coded.
    """

    name = models.CharField(_("tên tỉnh"), max_length=120)
    focal_agency = models.ForeignKey(
        Unit,
        verbose_name=_("cơ quan chủ trì công tác đối ngoại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    security_agency = models.ForeignKey(
        Unit,
        verbose_name=_("cơ quan an ninh (Công an tỉnh)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    peoples_committee = models.ForeignKey(
        Unit,
        verbose_name=_("Ủy ban nhân dân tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    chairman = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Chủ tịch UBND tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    foreign_affairs_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo UBND tỉnh phụ trách đối ngoại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    drafting_unit_abbreviation = models.CharField(
        _("ký hiệu đơn vị soạn thảo"),
        max_length=20,
        default="NC",
        help_text=_(
            "Viết tắt tên đơn vị soạn thảo văn bản, in ở dòng “Lưu: VT, …” "
            "và trong ký hiệu công văn (ví dụ: NC, SNgV)."
        ),
    )

    class Meta:
        verbose_name = _("cấu hình tỉnh")
        verbose_name_plural = _("cấu hình tỉnh")

    def __str__(self):
        return self.name

    @classmethod
    def current(cls) -> "Province":
        """Return the province row, creating an empty one named from settings.

        Read through the settings cache (``organizations.settings_cache``): every step
        and page asks.
        """
        from .settings_cache import cached

        return cached(("province",), cls._read_current)

    @classmethod
    def _read_current(cls) -> "Province":
        leaders = ("chairman", "foreign_affairs_leader")
        province = (
            cls.objects.select_related(
                "focal_agency", "security_agency", "peoples_committee", *leaders
            )
            .defer(*(f"{leader}__{field}" for leader in leaders for field in User.UNCACHED_FIELDS))
            .first()
        )
        if province is None:
            province = cls.objects.create(name=settings.PROVINCE_NAME)
        return province


class DocumentCounter(models.Model):
    """The last document number given per issuer, document type and year."""

    issuer = models.ForeignKey(
        Unit, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    doc_type = models.CharField(
        _("loại văn bản"), max_length=20, help_text=_("Ví dụ QĐ (quyết định), CV (công văn).")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số cuối cùng đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký số văn bản")
        verbose_name_plural = _("sổ đăng ký số văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "doc_type", "year"], name="one_counter_per_issuer_type_year"
            )
        ]

    def __str__(self):
        return f"{self.doc_type}-{self.issuer.code} {self.year}: {self.last_number}"
