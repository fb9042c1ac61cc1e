"""The registry of persons (danh bạ cán bộ, người đi công tác) and their official and
diplomatic passports (hộ chiếu công vụ, hộ chiếu ngoại giao).

A person is one human being, whatever the spelling their name was typed with: the
policy checks and the report count persons, not names (ADR 0016). The personal identity
number (số định danh cá nhân) and passport numbers are encrypted at rest and masked on
every page (``people.personal_data``); the date of birth is kept plain, because it is
what tells two namesakes apart in every list and search.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizations.models import StaffProfile, Unit

from . import personal_data
from .selectors import PersonQuerySet
from .text import search_key


class Person(models.Model):
    """One official (or other person) who may travel in a delegation."""

    class Sex(models.TextChoices):
        MALE = "male", _("Nam")
        FEMALE = "female", _("Nữ")

    full_name = models.CharField(_("họ và tên"), max_length=150)
    # The name without accents, case or extra spaces: what the search compares.
    name_key = models.CharField(max_length=150, db_index=True, editable=False)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    sex = models.CharField(_("giới tính"), max_length=10, choices=Sex, blank=True)
    identity_encrypted = models.TextField(_("số định danh cá nhân (mã hóa)"), editable=False)
    identity_index = models.CharField(max_length=64, db_index=True, editable=False, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="persons",
    )
    unit_name = models.CharField(_("đơn vị công tác"), max_length=255, blank=True)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    leader_level = models.CharField(
        _("cấp lãnh đạo"),
        max_length=30,
        choices=StaffProfile.LeaderLevel,
        default=StaffProfile.LeaderLevel.OTHER,
    )
    # Set by the focal agency only (people.services.set_party_committee_managed).
    is_party_committee_managed = models.BooleanField(
        _("thuộc diện Ban Thường vụ Tỉnh ủy quản lý"), default=False
    )
    staff_profile = models.OneToOneField(
        StaffProfile,
        verbose_name=_("tài khoản cán bộ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("danh bạ cá nhân")
        ordering = ["name_key", "date_of_birth", "pk"]
        default_permissions = ("add", "change", "delete")

    def __str__(self):
        if self.date_of_birth:
            return f"{self.full_name} ({self.date_of_birth:%d/%m/%Y})"
        return self.full_name

    def save(self, *args, **kwargs):
        self.name_key = search_key(self.full_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("person_detail", args=[self.pk])

    @property
    def unit_label(self) -> str:
        return self.unit_name or (self.unit.name if self.unit_id else "")

    @property
    def identity_number(self) -> str:
        return personal_data.decrypt(self.identity_encrypted)

    @identity_number.setter
    def identity_number(self, value: str) -> None:
        value = personal_data.normalise(value or "")
        self.identity_encrypted = personal_data.encrypt(value)
        self.identity_index = personal_data.blind_index(value)

    @property
    def identity_masked(self) -> str:
        return personal_data.mask(self.identity_number) if self.identity_encrypted else ""


class Passport(models.Model):
    """An official or diplomatic passport, kept by an agency between trips."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Hộ chiếu công vụ")
        DIPLOMATIC = "diplomatic", _("Hộ chiếu ngoại giao")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="passports")
    kind = models.CharField(_("loại hộ chiếu"), max_length=20, choices=Kind)
    number_encrypted = models.TextField(_("số hộ chiếu (mã hóa)"), editable=False)
    number_index = models.CharField(max_length=64, editable=False)
    issued_on = models.DateField(_("ngày cấp"), null=True, blank=True)
    expires_on = models.DateField(_("ngày hết hạn"))
    kept_by = models.ForeignKey(
        Unit,
        verbose_name=_("cơ quan quản lý hộ chiếu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kept_passports",
    )

    class Meta:
        verbose_name = _("hộ chiếu công vụ, ngoại giao")
        verbose_name_plural = _("hộ chiếu công vụ, ngoại giao")
        ordering = ["-expires_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["number_index"], name="one_row_per_passport"),
            models.CheckConstraint(
                condition=Q(issued_on__isnull=True) | Q(expires_on__gt=models.F("issued_on")),
                name="passport_expires_after_issue",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number_masked}"

    @property
    def number(self) -> str:
        return personal_data.decrypt(self.number_encrypted)

    @number.setter
    def number(self, value: str) -> None:
        self.number_encrypted = personal_data.encrypt(personal_data.normalise(value))
        self.number_index = personal_data.blind_index(value)

    @property
    def number_masked(self) -> str:
        return personal_data.mask(self.number)

    def valid_on(self, day: datetime.date) -> bool:
        return self.expires_on >= day
