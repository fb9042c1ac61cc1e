"""International conferences and seminars (hội nghị, hội thảo quốc tế), Quyết định
06/2020/QĐ-TTg.

A unit asks to organise one; the focal agency (Sở Ngoại vụ) reviews it and consults the
agencies concerned (the police always, Art. 5), the People's Committee allows it, or
forwards it to the Prime Minister when the decision is his (Art. 3 cl. 1), and a
numbered letter answers the unit. After the event the unit reports who came and what
came of it. Records decided before the system existed are imported (``imported``); the
registry and the report count both alike.
"""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country, CountryField

from matters.models import (
    ConsultationFile,
    ConsultedOpinion,
    Matter,
    NumberedDecision,
    Planned,
    ResultsReport,
    Synthesis,
)
from matters.querysets import ConsultingQuerySet
from matters.status import COUNTED, statuses
from organizations.models import Unit

# Where a conference stands: the request's shared statuses, the consultation's, and the
# wait for the Prime Minister's answer.
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
        ("AWAITING_PM", "awaiting_pm", _("Chờ ý kiến Thủ tướng Chính phủ")),
        "APPROVED",
        "ISSUED",
        "REPORTING",
        "REPORTED",
        "COMPLETED",
        "REJECTED",
        "WITHDRAWN",
        "CANCELLED",
    ],
)
# What a leader sees of a conference: from the request for a decision on.
FOR_LEADERSHIP = (Status.AWAITING_APPROVAL, Status.AWAITING_PM, *COUNTED)


class ConferenceQuerySet(ConsultingQuerySet):
    """The rule of every matter that consults: the unit, the focal agency, the agencies
    asked for an opinion (the police always), leaders from the request for a decision."""

    leadership_statuses = FOR_LEADERSHIP

    def for_list(self):
        """Return the conferences with what a list row shows, in a fixed number of queries."""
        return self.select_related("unit", "submitted_by")


class Conference(Matter, Synthesis, NumberedDecision, ResultsReport, Planned):
    """An international conference or seminar a unit organises in the province."""

    document_type = "CV"  # a công văn of the people's committee (ADR 0012)

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Hội nghị quốc tế")
        SEMINAR = "seminar", _("Hội thảo quốc tế")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("Trực tiếp")
        ONLINE = "online", _("Trực tuyến")
        HYBRID = "hybrid", _("Kết hợp trực tiếp và trực tuyến")

    class Topic(models.TextChoices):
        """The topics that make a conference the Prime Minister's to allow (Art. 3 cl. 1 b)."""

        SOVEREIGNTY = "sovereignty", _("Chủ quyền quốc gia")
        BORDER = "border", _("Biên giới, lãnh thổ")
        RELIGION = "religion", _("Tôn giáo")
        ETHNICITY = "ethnicity", _("Dân tộc")
        HUMAN_RIGHTS = "human_rights", _("Nhân quyền")
        SECURITY = "security", _("An ninh, quốc phòng")

    class Funding(models.TextChoices):
        STATE_BUDGET = "state_budget", _("Ngân sách nhà nước")
        UNIT = "unit", _("Kinh phí của đơn vị")
        FOREIGN = "foreign", _("Tài trợ của nước ngoài")
        MIXED = "mixed", _("Kết hợp nhiều nguồn")

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị tổ chức"),
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    # Records imported from paper keep the reference they had.
    reference = models.CharField(_("mã hồ sơ"), max_length=30, unique=True)
    title = models.CharField(_("tên hội nghị, hội thảo"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind, default=Kind.CONFERENCE)
    content = models.TextField(_("nội dung, chương trình"), blank=True)
    format = models.CharField(
        _("hình thức tổ chức"), max_length=20, choices=Format, default=Format.IN_PERSON
    )
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    organisers = models.CharField(_("đơn vị phối hợp tổ chức"), max_length=255, blank=True)
    foreign_partners = models.CharField(
        _("đối tác nước ngoài đồng tổ chức, tài trợ"), max_length=255, blank=True
    )
    funding_source = models.CharField(
        _("nguồn kinh phí"), max_length=20, choices=Funding, blank=True
    )
    funding_amount = models.PositiveBigIntegerField(_("kinh phí dự kiến (đồng)"), default=0)
    participants_vietnamese = models.PositiveIntegerField(_("đại biểu Việt Nam dự kiến"), default=0)
    participants_foreign = models.PositiveIntegerField(_("đại biểu nước ngoài dự kiến"), default=0)
    countries = CountryField(_("quốc gia của đại biểu nước ngoài"), multiple=True, blank=True)
    # The total expected (Vietnamese and foreign), kept for the records imported without
    # the split; the report counts it until the results report gives the actual number.
    participants_planned = models.PositiveIntegerField(_("số đại biểu dự kiến"))
    participants_actual = models.PositiveIntegerField(
        _("số đại biểu thực tế"), null=True, blank=True
    )
    # The results report: foreign participants who actually came, by country {"FR": 12}.
    foreign_actual = models.JSONField(
        _("đại biểu nước ngoài thực tế theo quốc gia"), default=dict, blank=True
    )
    sensitive_topics = models.JSONField(_("nội dung nhạy cảm"), default=list, blank=True)
    needs_pm_approval = models.BooleanField(
        _("thuộc thẩm quyền cho phép của Thủ tướng Chính phủ"), default=False
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)
    # The province's letter to the Prime Minister, and his answer.
    pm_sent_on = models.DateField(_("ngày trình Thủ tướng Chính phủ"), null=True, blank=True)
    pm_answer = models.CharField(_("văn bản trả lời của Thủ tướng"), max_length=255, blank=True)
    pm_answered_on = models.DateField(_("ngày trả lời của Thủ tướng"), null=True, blank=True)
    imported = models.BooleanField(_("nhập từ hồ sơ cũ"), default=False)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("hội nghị, hội thảo quốc tế")
        verbose_name_plural = _("hội nghị, hội thảo quốc tế")
        ordering = ["-start_date", "-pk"]
        # No business user holds a model-level view permission (DESIGN §5).
        default_permissions = ("add", "change", "delete")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="conference_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["status", "start_date"])]

    def get_absolute_url(self):
        return reverse("conference", args=[self.pk])

    @property
    def participants(self) -> int:
        """Return the number the report counts: actual when reported, else planned."""
        if self.participants_actual is not None:
            return self.participants_actual
        return self.participants_planned

    @property
    def foreign_actual_by_country(self) -> list[tuple[str, int]]:
        """Return the foreign participants who came as (country name, number) pairs."""
        return [(Country(code).name, count) for code, count in self.foreign_actual.items()]

    @property
    def requires_prime_minister(self) -> bool:
        """Return True if the Prime Minister allows it (Art. 3 cl. 1): the unit says so
        (ministerial-level participants, a) or a sensitive topic is flagged (b)."""
        return self.needs_pm_approval or bool(self.sensitive_topics)

    def get_sensitive_topics_display(self) -> list[str]:
        labels = dict(self.Topic.choices)
        return [str(labels.get(topic, topic)) for topic in self.sensitive_topics]


class Opinion(ConsultedOpinion):
    """The written opinion of one agency consulted on a conference."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="opinions")


class ConferenceAttachment(ConsultationFile):
    """A file of a conference: its agenda, participants, sponsor's letter, an opinion."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Dự thảo chương trình")
        FOREIGN_PARTICIPANTS = "foreign_participants", _("Danh sách đại biểu nước ngoài")
        SPONSOR_LETTER = "sponsor_letter", _("Thư tài trợ")
        OPINION = "opinion", _("Văn bản ý kiến của cơ quan")
        PM_ANSWER = "pm_answer", _("Văn bản trả lời của Thủ tướng Chính phủ")
        APPROVAL_LETTER = "approval_letter", _("Văn bản cho phép tổ chức")
        REPORT = "report", _("Báo cáo kết quả")
        OTHER = "other", _("Tài liệu khác")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attachments")
    opinion = models.ForeignKey(
        Opinion, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("loại tài liệu"), max_length=30, choices=Kind)
    matter_field = "conference"

    class Meta:
        verbose_name = _("tài liệu hội nghị, hội thảo")
        verbose_name_plural = _("tài liệu hội nghị, hội thảo")
        ordering = ConsultationFile.Meta.ordering
