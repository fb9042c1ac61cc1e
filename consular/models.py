"""The consular register (sổ theo dõi vụ việc lãnh sự, bảo hộ công dân).

Three groups of case, one table: a foreigner in distress in the province (người nước
ngoài gặp nạn: accident, death, illness, arrest, lost documents), Vietnamese citizens
in distress or detained abroad (công dân Việt Nam gặp nạn, bị bắt giữ ở nước ngoài),
and fishermen detained by a foreign force (ngư dân bị nước ngoài bắt giữ), with their
vessel. A case is recorded, the ministry's Consular Department and the foreign
representation are notified (each notice with its time and document), its status
follows the persons (detained → released → repatriated) and it is closed with how it
was resolved. The persons' names, identity or passport numbers and dates of birth are
encrypted (``people.personal_data``) and shown masked; a reveal is audited.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from organizations.models import Unit
from people import personal_data


class Group(models.TextChoices):
    FOREIGNER = "foreigner", _("Người nước ngoài gặp nạn trên địa bàn")
    CITIZEN = "citizen", _("Công dân Việt Nam gặp nạn, bị bắt giữ ở nước ngoài")
    FISHERMEN = "fishermen", _("Ngư dân bị nước ngoài bắt giữ")


class Incident(models.TextChoices):
    ACCIDENT = "accident", _("Tai nạn")
    DEATH = "death", _("Tử vong")
    ILLNESS = "illness", _("Ốm đau, bệnh tật")
    ARREST = "arrest", _("Bị bắt, tạm giữ")
    LOST_DOCUMENTS = "lost_documents", _("Mất giấy tờ")
    DISTRESS_AT_SEA = "distress_at_sea", _("Gặp nạn trên biển")
    OTHER = "other", _("Khác")


class Status(models.TextChoices):
    RECORDED = "recorded", _("Đã tiếp nhận")
    DETAINED = "detained", _("Đang bị bắt giữ")
    RELEASED = "released", _("Đã được thả")
    REPATRIATED = "repatriated", _("Đã về nước")
    CLOSED = "closed", _("Đã kết thúc")


# Where a case may go from each status (the closing step also needs the resolution).
# A foreigner's case is recorded and closed; the persons of a case abroad are detained,
# released and repatriated, or the case closes from any status ("other" outcomes).
TRANSITIONS = {
    Group.FOREIGNER: {Status.RECORDED: {Status.CLOSED}},
    Group.CITIZEN: {
        Status.RECORDED: {Status.DETAINED, Status.RELEASED, Status.REPATRIATED, Status.CLOSED},
        Status.DETAINED: {Status.RELEASED, Status.REPATRIATED, Status.CLOSED},
        Status.RELEASED: {Status.REPATRIATED, Status.CLOSED},
        Status.REPATRIATED: {Status.CLOSED},
    },
}
TRANSITIONS[Group.FISHERMEN] = TRANSITIONS[Group.CITIZEN]


class ConsularCaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the cases ``user`` may see (docs/flows.md, "Vụ việc lãnh sự")."""
        from .selectors import visibility

        rule = visibility(user)
        return self.none() if rule is None else self.filter(rule)

    def open(self):
        return self.exclude(status=Status.CLOSED)


class ConsularCase(models.Model):
    """One consular case: what happened, to whom, where, and what was done."""

    Group = Group
    Incident = Incident
    Status = Status

    reference = models.CharField(_("mã vụ việc"), max_length=30, unique=True, editable=False)
    group = models.CharField(_("loại vụ việc"), max_length=20, choices=Group)
    incident = models.CharField(_("sự việc"), max_length=20, choices=Incident)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=Status, default=Status.RECORDED
    )
    occurred_on = models.DateField(_("ngày xảy ra"))
    # Foreigners: their nationality, the place in the province. Abroad: the country
    # (or none, at sea) and the sea area.
    nationality = CountryField(_("quốc tịch"), blank=True)
    country = CountryField(_("quốc gia xảy ra"), blank=True)
    sea_area = models.CharField(_("vùng biển"), max_length=255, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    summary = models.TextField(_("diễn biến"), blank=True)
    people_count = models.PositiveIntegerField(_("số người"), default=1)
    vessel_number = models.CharField(_("số hiệu tàu"), max_length=50, blank=True)
    vessel_owner_encrypted = models.TextField(_("chủ tàu (mã hóa)"), blank=True, editable=False)
    home_port = models.CharField(_("cảng cá, nơi đăng ký"), max_length=255, blank=True)
    # The immediate notices (thông báo ngay): to the ministry's Consular Department and
    # to the foreign representation (embassy, consulate).
    ministry_notified_at = models.DateTimeField(
        _("thời điểm báo Cục Lãnh sự"), null=True, blank=True
    )
    ministry_notice = models.CharField(_("văn bản báo Cục Lãnh sự"), max_length=255, blank=True)
    representation = models.CharField(_("cơ quan đại diện nước ngoài"), max_length=255, blank=True)
    representation_notified_at = models.DateTimeField(
        _("thời điểm báo cơ quan đại diện"), null=True, blank=True
    )
    representation_notice = models.CharField(
        _("văn bản báo cơ quan đại diện"), max_length=255, blank=True
    )
    resolution = models.TextField(_("kết quả giải quyết"), blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    # Who recorded it and in which agency (the focal agency, or the police for a
    # foreigner's case); ``submitted_by`` and ``unit`` as the step toolkit names them.
    unit = models.ForeignKey(
        Unit, verbose_name=_("cơ quan tiếp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chuyên viên theo dõi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The last step taken on the case: the reminders count working days from it.
    last_activity_at = models.DateTimeField(_("cập nhật gần nhất"))
    imported = models.BooleanField(_("nhập từ hồ sơ cũ"), default=False, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    objects = ConsularCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("vụ việc lãnh sự")
        verbose_name_plural = _("vụ việc lãnh sự")
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["group", "occurred_on"])]

    def __str__(self):
        return f"{self.reference} – {self.get_group_display()}"

    def get_absolute_url(self) -> str:
        return reverse("consular:detail", args=[self.pk])

    @property
    def title(self) -> str:
        return f"{self.get_incident_display()}, {self.occurred_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def is_abroad(self) -> bool:
        return self.group != Group.FOREIGNER

    def next_statuses(self) -> list[str]:
        return sorted(TRANSITIONS[self.group].get(self.status, ()), key=Status.values.index)

    @property
    def vessel_owner(self) -> str:
        return personal_data.decrypt(self.vessel_owner_encrypted)

    @vessel_owner.setter
    def vessel_owner(self, value: str) -> None:
        self.vessel_owner_encrypted = personal_data.encrypt(value or "")

    @property
    def vessel_owner_masked(self) -> str:
        return personal_data.mask_name(self.vessel_owner)


class CasePerson(models.Model):
    """One person of a case; name, document number and date of birth encrypted."""

    case = models.ForeignKey(ConsularCase, on_delete=models.CASCADE, related_name="persons")
    order = models.PositiveSmallIntegerField(_("STT"), default=0)
    full_name_encrypted = models.TextField(_("họ và tên (mã hóa)"), editable=False)
    document_encrypted = models.TextField(
        _("số hộ chiếu, CCCD (mã hóa)"), blank=True, editable=False
    )
    document_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    date_of_birth_encrypted = models.TextField(_("ngày sinh (mã hóa)"), blank=True, editable=False)
    nationality = CountryField(_("quốc tịch"), blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("người trong vụ việc")
        verbose_name_plural = _("người trong vụ việc")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name_masked

    @property
    def full_name(self) -> str:
        return personal_data.decrypt(self.full_name_encrypted)

    @full_name.setter
    def full_name(self, value: str) -> None:
        self.full_name_encrypted = personal_data.encrypt(value.strip())

    @property
    def document_number(self) -> str:
        return personal_data.decrypt(self.document_encrypted)

    @document_number.setter
    def document_number(self, value: str) -> None:
        self.document_encrypted = personal_data.encrypt(personal_data.normalise(value or ""))
        self.document_index = personal_data.blind_index(value or "")

    @property
    def date_of_birth(self):
        text = personal_data.decrypt(self.date_of_birth_encrypted)
        return datetime.date.fromisoformat(text) if text else None

    @date_of_birth.setter
    def date_of_birth(self, value) -> None:
        self.date_of_birth_encrypted = personal_data.encrypt(value.isoformat() if value else "")

    @property
    def name_masked(self) -> str:
        return personal_data.mask_name(self.full_name)

    @property
    def document_masked(self) -> str:
        return personal_data.mask(self.document_number)
