"""Outbound trips (đoàn ra) and inbound visits (đoàn vào): the requests, their people
(members, guests) and attachments, and their outcome documents.

Status is business-level and set only by ``permits.services`` and
``permits.visit_services`` as the flow moves; what a person may see is decided by
``OutboundTrip.objects.visible_to(user)`` and ``InboundVisit.objects.visible_to(user)``
(DESIGN §5).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from matters import status
from matters.files import random_name
from matters.models import (
    Matter,
    NumberedDecision,
    Planned,
    ResultsReport,
    SecurityVetting,
    StoredFile,
)
from organizations.models import StaffProfile, Unit
from people.models import Passport, Person

from . import personal_data
from .selectors import InboundVisitQuerySet, OutboundTripQuerySet


class TripPurpose(models.Model):
    """A managed list of purposes (mục đích chuyến đi): investment promotion, training, ..."""

    name = models.CharField(_("mục đích"), max_length=255, unique=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("mục đích chuyến đi")
        verbose_name_plural = _("mục đích chuyến đi")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


# The request statuses are defined once, for every kind (``matters.status``).
Status = status.Status


class OutboundTrip(Matter, SecurityVetting, NumberedDecision, ResultsReport, Planned):
    """A unit's request to send officials abroad (đề nghị cử đoàn ra)."""

    class Funding(models.TextChoices):
        STATE_BUDGET = "state_budget", _("Ngân sách nhà nước")
        UNIT_FUNDS = "unit_funds", _("Kinh phí của đơn vị")
        INVITING_PARTY = "inviting_party", _("Phía mời đài thọ")
        SPONSOR = "sponsor", _("Tổ chức, cá nhân tài trợ")
        MIXED = "mixed", _("Nhiều nguồn")

    title = models.CharField(_("tên đoàn"), max_length=255)
    purpose = models.ForeignKey(
        TripPurpose, verbose_name=_("mục đích"), on_delete=models.PROTECT, related_name="trips"
    )
    purpose_detail = models.TextField(_("nội dung, mục đích chi tiết"), blank=True)
    countries = CountryField(_("quốc gia đến"), multiple=True)
    cities = models.CharField(_("thành phố, địa điểm"), max_length=255, blank=True)
    start_date = models.DateField(_("ngày đi"))
    end_date = models.DateField(_("ngày về"))
    inviting_partner = models.CharField(_("cơ quan, tổ chức mời"), max_length=255)
    funding_source = models.CharField(_("nguồn kinh phí"), max_length=20, choices=Funding)
    funding_currency = models.CharField(_("đơn vị tiền tệ"), max_length=3, default="VND")
    funding_amount = models.DecimalField(
        _("dự toán kinh phí"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    programme = models.TextField(_("chương trình làm việc"), blank=True)
    party_opinion_number = models.CharField(_("số văn bản ý kiến"), max_length=50, blank=True)
    party_opinion_date = models.DateField(_("ngày văn bản ý kiến"), null=True, blank=True)
    party_opinion_content = models.TextField(_("nội dung ý kiến"), blank=True)

    objects = OutboundTripQuerySet.as_manager()

    class Meta:
        verbose_name = _("đoàn ra")
        verbose_name_plural = _("đoàn ra")
        ordering = ["-created_at"]
        # No business user holds a model-level view permission (DESIGN §5).
        default_permissions = ("add", "change", "delete")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="trip_returns_after_leaving"
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["status", "start_date"]),
            # The trip list, newest first: a page reads 25 rows, not the whole history
            # (docs/performance.md).
            models.Index(fields=["-created_at", "-id"], name="trip_newest_first_idx"),
            # The overlap warning looks for trips not over before this one starts: the
            # recent few, not the whole history.
            models.Index(fields=["end_date"], name="trip_end_date_idx"),
        ]

    def get_absolute_url(self):
        return reverse("outbound_trip", args=[self.pk])

    @property
    def head(self):
        """Return the head of delegation (trưởng đoàn) or None."""
        return next((m for m in self.read_once("members") if m.is_head), None)

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    def add_people(self, entries) -> None:
        """Add members from the registry, as a registered amendment lists them
        (``{"person": id, "verdict": ..., "note": ...}``, ``matters.issuance``)."""
        persons = Person.objects.select_related("unit").in_bulk([e["person"] for e in entries])
        last = self.members.aggregate(last=models.Max("order"))["last"] or 0
        rows = []
        for order, entry in enumerate(entries, start=last + 1):
            person = persons[entry["person"]]
            rows.append(
                TripMember(
                    trip=self,
                    order=order,
                    full_name=person.full_name,
                    position=person.position,
                    unit_name=person.unit_name or getattr(person.unit, "name", ""),
                    leader_level=person.leader_level,
                    is_party_committee_managed=person.is_party_committee_managed,
                    person=person,
                    security_verdict=entry["verdict"],
                    security_note=entry.get("note", ""),
                )
            )
        TripMember.objects.bulk_create(rows)

    @property
    def needs_party_opinion(self) -> bool:
        """Return True if any member is a cadre managed by the Party Standing Committee."""
        return any(m.is_party_committee_managed for m in self.read_once("members"))


class TripMember(models.Model):
    """One person in the delegation (thành viên đoàn)."""

    class DelegationRole(models.TextChoices):
        HEAD = "head", _("Trưởng đoàn")
        DEPUTY_HEAD = "deputy_head", _("Phó trưởng đoàn")
        MEMBER = "member", _("Thành viên")

    class Verdict(models.TextChoices):
        PENDING = "pending", _("Chưa thẩm tra")
        CLEARED = "cleared", _("Đồng ý")
        CLEARED_WITH_NOTES = "cleared_with_notes", _("Đồng ý, có lưu ý")
        OBJECTED = "objected", _("Không đồng ý")

    trip = models.ForeignKey(OutboundTrip, on_delete=models.CASCADE, related_name="members")
    order = models.PositiveSmallIntegerField(_("STT"), default=0)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    position = models.CharField(_("chức vụ"), max_length=255)
    unit_name = models.CharField(_("đơn vị công tác"), max_length=255)
    delegation_role = models.CharField(
        _("vai trò trong đoàn"),
        max_length=20,
        choices=DelegationRole,
        default=DelegationRole.MEMBER,
    )
    leader_level = models.CharField(
        _("cấp lãnh đạo"),
        max_length=30,
        choices=StaffProfile.LeaderLevel,
        default=StaffProfile.LeaderLevel.OTHER,
    )
    is_party_committee_managed = models.BooleanField(
        _("thuộc diện Ban Thường vụ Tỉnh ủy quản lý"), default=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trip_memberships",
    )
    # The registry's person (ADR 0016): the policy checks and the report count persons.
    # Empty only for rows written before the registry by code that bypasses the services.
    person = models.ForeignKey(
        Person,
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trip_memberships",
    )
    security_verdict = models.CharField(
        _("kết quả thẩm tra"), max_length=20, choices=Verdict, default=Verdict.PENDING
    )
    security_note = models.CharField(_("ghi chú an ninh"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("thành viên đoàn")
        verbose_name_plural = _("thành viên đoàn")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["trip"],
                condition=Q(delegation_role="head"),
                name="one_head_per_delegation",
            )
        ]
        indexes = [
            models.Index(fields=["full_name"]),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.position})"

    @property
    def is_head(self) -> bool:
        return self.delegation_role == self.DelegationRole.HEAD


class TripPassport(models.Model):
    """An official or diplomatic passport handed out for a trip, and its return.

    The decision lists the passports to hand out; after the return the traveller hands
    the passport back to the agency that keeps it within ``due_back_on`` (the
    "outbound.passport_return" deadline, 5 working days: Art. 23 of Law 49/2019/QH14,
    ``permits.passports.RULE``, docs/flows.md).
    """

    trip = models.ForeignKey(OutboundTrip, on_delete=models.CASCADE, related_name="passports")
    passport = models.ForeignKey(Passport, on_delete=models.PROTECT, related_name="trips")
    handed_out_on = models.DateField(_("ngày giao hộ chiếu"), null=True, blank=True)
    due_back_on = models.DateField(_("hạn nộp lại"), null=True, blank=True)
    handed_back_on = models.DateField(_("ngày nộp lại"), null=True, blank=True)

    class Meta:
        verbose_name = _("hộ chiếu giao cho chuyến đi")
        verbose_name_plural = _("hộ chiếu giao cho chuyến đi")
        ordering = ["trip", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["trip", "passport"], name="one_passport_once_a_trip")
        ]
        indexes = [models.Index(fields=["handed_back_on", "due_back_on"])]

    def __str__(self):
        return f"{self.passport} – {self.trip}"

    @property
    def is_out(self) -> bool:
        return self.handed_out_on is not None and self.handed_back_on is None


# Named by the first migration; files are now stored by ``matters.files.random_name``.
_random_name = random_name


class Attachment(StoredFile):
    """A file attached to a trip: invitation, its translation, programme, decision, report."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Thư mời")
        INVITATION_TRANSLATION = "invitation_translation", _("Bản dịch thư mời")
        PROGRAMME = "programme", _("Chương trình làm việc")
        COST_ESTIMATE = "cost_estimate", _("Dự toán kinh phí")
        PARTY_OPINION = "party_opinion", _("Văn bản ý kiến Ban Thường vụ Tỉnh ủy")
        DECISION = "decision", _("Quyết định cử đoàn")
        REPORT = "report", _("Báo cáo kết quả")
        PASSPORT_COPIES = "passport_copies", _("Bản chụp hộ chiếu")
        GUEST_LIST = "guest_list", _("Danh sách khách (Excel)")
        APPROVAL_LETTER = "approval_letter", _("Văn bản chấp thuận đón đoàn")
        OTHER = "other", _("Tài liệu khác")

    # Exactly one owner: an outbound trip or an inbound visit (attachment_has_one_owner).
    trip = models.ForeignKey(
        OutboundTrip, null=True, on_delete=models.CASCADE, related_name="attachments"
    )
    visit = models.ForeignKey(
        "InboundVisit", null=True, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("loại tài liệu"), max_length=30, choices=Kind)

    class Meta:
        verbose_name = _("tài liệu đính kèm")
        verbose_name_plural = _("tài liệu đính kèm")
        ordering = StoredFile.Meta.ordering
        constraints = [
            models.CheckConstraint(
                condition=(Q(trip__isnull=False) & Q(visit__isnull=True))
                | (Q(trip__isnull=True) & Q(visit__isnull=False)),
                name="attachment_has_one_owner",
            )
        ]

    @property
    def owner(self):
        """Return the trip or visit this file belongs to."""
        return self.trip if self.trip_id else self.visit

    @classmethod
    def owner_fields(cls, owner) -> dict:
        """Return the fields naming ``owner``, an outbound trip or an inbound visit."""
        return {"visit": owner} if isinstance(owner, InboundVisit) else {"trip": owner}


# -- Inbound visits (đoàn vào) ---------------------------------------------------------------


class InboundVisit(Matter, SecurityVetting, NumberedDecision, ResultsReport, Planned):
    """A unit's request to host a foreign delegation (đề nghị đón tiếp đoàn vào).

    Ends in an approval letter (văn bản chấp thuận) with a number, then a results report.
    """

    document_type = "CV"  # a công văn of the people's committee (ADR 0012)

    class Funding(models.TextChoices):
        HOST_UNIT = "host_unit", _("Đơn vị đón tiếp chi trả")
        GUESTS = "guests", _("Đoàn khách tự túc")
        STATE_BUDGET = "state_budget", _("Ngân sách nhà nước")
        SPONSOR = "sponsor", _("Tổ chức, cá nhân tài trợ")
        MIXED = "mixed", _("Nhiều nguồn")

    # A visit's unit hosts, its numbered document is an approval letter.
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đón tiếp"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tên đoàn"), max_length=255)
    organisation = models.CharField(_("cơ quan, tổ chức nước ngoài"), max_length=255)
    countries = CountryField(_("quốc gia của đoàn"), multiple=True)
    start_date = models.DateField(_("ngày đến"))
    end_date = models.DateField(_("ngày đi"))
    programme = models.TextField(_("chương trình làm việc"), blank=True)
    places = models.CharField(_("địa điểm làm việc"), max_length=500, blank=True)
    purpose = models.TextField(_("mục đích, nội dung làm việc"))
    field = models.CharField(_("lĩnh vực"), max_length=255, blank=True)
    funding_source = models.CharField(_("kinh phí đón tiếp"), max_length=20, choices=Funding)
    host_leader = models.CharField(_("lãnh đạo tiếp đoàn"), max_length=255)
    received_by_provincial_leaders = models.BooleanField(
        _("lãnh đạo UBND tỉnh tiếp đoàn"), default=False
    )
    decided_at = models.DateTimeField(_("ngày phê duyệt"), null=True, blank=True)
    decision_number = models.CharField(_("số văn bản chấp thuận"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày văn bản chấp thuận"), null=True, blank=True)

    objects = InboundVisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đoàn vào")
        verbose_name_plural = _("đoàn vào")
        ordering = ["-created_at"]
        # No business user holds a model-level view permission (DESIGN §5).
        default_permissions = ("add", "change", "delete")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="visit_leaves_after_arriving"
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["status", "start_date"]),
        ]

    def get_absolute_url(self):
        return reverse("inbound_visit", args=[self.pk])

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    def add_people(self, entries) -> None:
        """Add members from the registry, as a registered amendment lists them
        (``{"person": id, "verdict": ..., "note": ...}``, ``matters.issuance``)."""
        persons = Person.objects.in_bulk([entry["person"] for entry in entries])
        last = self.members.aggregate(last=models.Max("order"))["last"] or 0
        TripMember.objects.bulk_create(
            TripMember(
                trip=self,
                order=last + i,
                full_name=persons[entry["person"]].full_name,
                position=persons[entry["person"]].position,
                unit_name=persons[entry["person"]].unit_name
                or getattr(persons[entry["person"]].unit, "name", ""),
                leader_level=persons[entry["person"]].leader_level,
                is_party_committee_managed=persons[entry["person"]].is_party_committee_managed,
                person=persons[entry["person"]],
                security_verdict=entry["verdict"],
                security_note=entry.get("note", ""),
            )
            for i, entry in enumerate(entries, start=1)
        )


class Guest(models.Model):
    """One foreign guest of an inbound visit (khách nước ngoài).

    The passport number and date of birth are stored encrypted (``permits.personal_data``);
    ``passport_index`` is their blind index, for finding the same passport elsewhere.
    """

    Verdict = TripMember.Verdict

    visit = models.ForeignKey(InboundVisit, on_delete=models.CASCADE, related_name="guests")
    order = models.PositiveSmallIntegerField(_("STT"), default=0)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    nationality = CountryField(_("quốc tịch"))
    passport_encrypted = models.TextField(_("số hộ chiếu (mã hóa)"), editable=False)
    passport_index = models.CharField(max_length=64, db_index=True, editable=False)
    date_of_birth_encrypted = models.TextField(_("ngày sinh (mã hóa)"), editable=False)
    # Optional for records imported from before the system (DESIGN §8); the visit form
    # and the guest-list import still require it for new visits.
    passport_expiry = models.DateField(_("ngày hết hạn hộ chiếu"), null=True, blank=True)
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=255, blank=True)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    security_verdict = models.CharField(
        _("kết quả thẩm tra"), max_length=20, choices=Verdict, default=Verdict.PENDING
    )
    security_note = models.CharField(_("lý do, ghi chú an ninh"), max_length=500, blank=True)
    # An objected guest removed from the delegation stays here, for the record.
    removed = models.BooleanField(_("đã loại khỏi đoàn"), default=False)

    class Meta:
        verbose_name = _("khách nước ngoài")
        verbose_name_plural = _("khách nước ngoài")
        ordering = ["order", "pk"]

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
    def date_of_birth(self):
        text = personal_data.decrypt(self.date_of_birth_encrypted)
        return datetime.date.fromisoformat(text) if text else None

    @date_of_birth.setter
    def date_of_birth(self, value) -> None:
        self.date_of_birth_encrypted = personal_data.encrypt(value.isoformat() if value else "")

    @property
    def passport_masked(self) -> str:
        return personal_data.mask(self.passport_number)
