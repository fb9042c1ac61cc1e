"""What every kind of matter stores, as abstract models the kinds inherit.

``Matter`` is the request itself: who asked, where it stands, who reviewed and decided
it, when. ``SecurityVetting``, ``NumberedDecision``, ``ResultsReport`` and ``Synthesis``
(of a consultation) are the parts several kinds share (a trip and a visit both end in a
numbered document and a results report). ``StoredFile`` is an uploaded file (tài liệu
đính kèm): each kind keeps its own table, naming its owner and its kinds of document. As
Django's ``AbstractBaseUser``, none of them has a table; a kind may override a field to
word it its own way.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organizations.models import Role, Unit

from .files import random_name
from .querysets import MatterQuerySet
from .status import CLOSED, Status


class Matter(models.Model):
    """A unit's request that goes through the steps of a flow to a decision.

    A kind adds its own fields (a ``title`` at least, which ``str`` shows), its status
    enum where it has statuses of its own, and its queryset (a ``MatterQuerySet``).
    """

    class Stage(models.TextChoices):
        """The step a matter was returned from, so a resubmission goes back there."""

        ENDORSEMENT = "endorsement", _("Đơn vị cho ý kiến")
        REVIEW = "review", _("Thẩm định")

    reference = models.CharField(_("mã hồ sơ"), max_length=30, unique=True, editable=False)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    returned_from = models.CharField(max_length=20, choices=Stage, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chuyên viên thẩm định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo phê duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    # Where the matter stops: nothing more is asked of anyone.
    closed_statuses = CLOSED

    objects = MatterQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.reference} – {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status not in self.closed_statuses

    def read_once(self, relation: str) -> list:
        """Return the rows of ``relation`` (``"members"``), read once per copy of the matter.

        The step's services and the flow's routing share the step's copy, so they share
        the read; a queryset that prefetched the relation has read it already.
        """
        if relation not in getattr(self, "_prefetched_objects_cache", {}):
            models.prefetch_related_objects([self], relation)
        return list(getattr(self, relation).all())

    def forget(self, relation: str) -> None:
        """Drop the rows ``read_once`` kept: ``relation`` was written since."""
        getattr(self, "_prefetched_objects_cache", {}).pop(relation, None)


class Planned(models.Model):
    """The annual plan item a request carries out (mục trong kế hoạch đoàn ra, đoàn vào
    hằng năm), or why it has none (lý do phát sinh). A kind whose requests the annual
    plan lists inherits it; ``matters.planning`` links, checks and warns, once for all.

    The plan item is named by string: ``matters`` imports no kind (ADR 0014).
    """

    plan_item = models.ForeignKey(
        "plans.PlanItem",
        verbose_name=_("mục trong kế hoạch năm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unplanned_reason = models.TextField(_("lý do phát sinh (ngoài kế hoạch)"), blank=True)

    class Meta:
        abstract = True


class SecurityVetting(models.Model):
    """The security agency's check of the people on a matter."""

    security_notes = models.TextField(_("lưu ý của cơ quan an ninh"), blank=True)
    # Kept by the services wherever verdicts change: a person on the request has a
    # verdict (not "pending"). The security officer's visibility rule reads it as a
    # column instead of searching every member's verdict (docs/performance.md).
    security_vetted = models.BooleanField(
        _("đã có kết quả thẩm tra an ninh"), default=False, editable=False
    )

    class Meta:
        abstract = True


class NumberedDecision(models.Model):
    """The numbered document an approved matter ends in (a decision, a letter)."""

    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày ký quyết định"), null=True, blank=True)

    #: The type of the document in the people's committee's register (``Issuance``):
    #: "QĐ" (quyết định) or "CV" (công văn).
    document_type = "QĐ"

    class Meta:
        abstract = True

    @property
    def document_available(self) -> bool:
        """Return True if the system can make the document: it issued it itself.

        A matter imported from paper may carry its number without the date or signer;
        its document exists on paper only.
        """
        return bool(self.decision_number and self.decision_date and self.approver_id)


class ResultsReport(models.Model):
    """The report on the results the unit owes after the matter took place."""

    report_due_on = models.DateField(_("hạn báo cáo kết quả"), null=True, blank=True)
    report_text = models.TextField(_("báo cáo kết quả"), blank=True)
    report_submitted_at = models.DateTimeField(_("ngày nộp báo cáo"), null=True, blank=True)

    class Meta:
        abstract = True


class Synthesis(models.Model):
    """The focal agency's summary of the consulted agencies' opinions, for leadership."""

    synthesis = models.TextField(_("báo cáo tổng hợp ý kiến"), blank=True)
    has_disagreement = models.BooleanField(_("có cơ quan không đồng ý"), default=False)

    class Meta:
        abstract = True


class ConsultedOpinion(models.Model):
    """The written opinion of one consulted agency (ý kiến cơ quan liên quan).

    A kind's opinion model adds only the foreign key to its matter, with
    ``related_name="opinions"``: that relation is how ``matter`` and the consultation
    services (``matters.consultation``) find it.
    """

    class Verdict(models.TextChoices):
        AGREE = "agree", pgettext_lazy("opinion", "Đồng ý")
        AGREE_WITH_CONDITIONS = (
            "agree_with_conditions",
            pgettext_lazy("opinion", "Đồng ý, có ý kiến kèm theo"),
        )
        DISAGREE = "disagree", pgettext_lazy("opinion", "Không đồng ý")

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
        abstract = True
        verbose_name = _("ý kiến cơ quan")
        verbose_name_plural = _("ý kiến các cơ quan")
        ordering = ["-is_security", "pk"]

    def __str__(self):
        return f"{self.agency} – {self.matter.reference}"

    @classmethod
    def matter_field(cls) -> str:
        """Return the name of the foreign key to the matter (the one named ``opinions``)."""
        return next(
            f.name
            for f in cls._meta.get_fields()
            if f.many_to_one and f.remote_field.related_name == "opinions"
        )

    @property
    def matter(self):
        return getattr(self, self.matter_field())

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
        answered = self.answered_at or timezone.now()
        return timezone.localdate(answered) > self.due_on


class StoredFile(models.Model):
    """An uploaded file, stored under a random name (``matters.files``).

    A kind's file model adds the owner's foreign key(s), a ``kind`` field with its
    choices (``Kind``), and names its owner with ``owner`` and ``owner_fields``.
    """

    file = models.FileField(_("tệp"), upload_to=random_name, max_length=255)
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
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.original_name

    @property
    def owner(self):
        """Return the matter this file belongs to (what visibility and the audit name)."""
        raise NotImplementedError

    @classmethod
    def owner_fields(cls, owner) -> dict:
        """Return the fields naming ``owner``, for a new file of it."""
        raise NotImplementedError


class ConsultationFile(StoredFile):
    """A file of a matter that consults: the matter's own, or an agency's written opinion.

    A kind's model adds the foreign key to its matter (named by ``matter_field``) and an
    ``opinion`` foreign key to its opinion model, ``related_name="attachments"``.
    """

    #: The name of the foreign key to the matter.
    matter_field = ""

    class Meta(StoredFile.Meta):
        abstract = True

    @property
    def owner(self):
        return getattr(self, self.matter_field)

    @classmethod
    def owner_fields(cls, owner) -> dict:
        """Return the fields naming ``owner``: the matter, or one of its opinions."""
        if isinstance(owner, ConsultedOpinion):
            return {cls.matter_field: owner.matter, "opinion": owner}
        return {cls.matter_field: owner}


class FormToken(models.Model):
    """A start form's one-time token, consumed by the first valid submission of the form.

    The form carries a signed token (``matters.tokens``); its random part is stored here
    when the submission is accepted. The unique constraint makes two simultaneous
    submissions of one form consume it once: the other one finds the matter it created.
    """

    token = models.CharField(max_length=64, unique=True)
    form = models.CharField(max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    used_at = models.DateTimeField(db_index=True)
    matter_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, on_delete=models.CASCADE, related_name="+"
    )
    matter_id = models.PositiveBigIntegerField(null=True)

    class Meta:
        verbose_name = _("mã biểu mẫu dùng một lần")

    def __str__(self):
        return self.form

    @property
    def matter(self):
        """Return the matter the submission created, or None."""
        if self.matter_type_id is None:
            return None
        model = self.matter_type.model_class()
        return model._base_manager.filter(pk=self.matter_id).first()


class Issuance(models.Model):
    """One document the people's committee issues on a matter, from the focal agency's
    submission (tờ trình) to its registration (vào sổ, ADR 0012).

    Generic over kinds (the matter by content type and id): the first document of a
    matter, then any amending or cancelling one, which cites the one it amends. A draft
    has no number; the leader (or the clerk for them) uploads the signed PDF, then the
    clerk registers it in the people's committee's one register of the year.
    """

    class Purpose(models.TextChoices):
        ORIGINAL = "original", _("Văn bản ban đầu")
        AMENDMENT = "amendment", _("Văn bản điều chỉnh")
        CANCELLATION = "cancellation", _("Văn bản hủy bỏ")

    matter_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    matter_id = models.PositiveBigIntegerField()
    purpose = models.CharField(_("loại"), max_length=20, choices=Purpose, default=Purpose.ORIGINAL)
    doc_type = models.CharField(_("loại văn bản"), max_length=20)
    amends = models.ForeignKey(
        "self",
        verbose_name=_("điều chỉnh văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    #: What an amendment changes ({"start_date": ..., "end_date": ..., "remove": [...]}).
    changes = models.JSONField(_("nội dung điều chỉnh"), default=dict, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # The submission (tờ trình) of the focal agency, from its own register.
    submission_number = models.CharField(_("số tờ trình"), max_length=50, blank=True)
    submission_date = models.DateField(_("ngày tờ trình"), null=True, blank=True)
    summary = models.TextField(_("tóm tắt nội dung trình"), blank=True)
    proposal = models.TextField(_("đề xuất"), blank=True)

    # The approval, then the signature: the signed file is kept byte for byte.
    approved_at = models.DateTimeField(_("thời điểm phê duyệt"), null=True, blank=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signed_file = models.FileField(
        _("bản đã ký"), upload_to=random_name, max_length=255, blank=True
    )
    signed_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    signed_sha256 = models.CharField(max_length=64, blank=True)
    signed_size = models.PositiveIntegerField(null=True, blank=True)
    signed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # The registration in the people's committee's register (one sequence a year).
    issuer = models.ForeignKey(
        Unit,
        verbose_name=_("cơ quan ban hành"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("số đăng ký"), null=True, blank=True)
    number = models.CharField(_("số, ký hiệu"), max_length=50, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản ban hành")
        verbose_name_plural = _("văn bản ban hành")
        ordering = ["pk"]
        indexes = [models.Index(fields=["matter_type", "matter_id"], name="issuance_matter")]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "sequence"], name="issuance_unique_register_number"
            )
        ]

    def __str__(self):
        return self.number or self.submission_number or f"#{self.pk}"

    @property
    def is_signed(self) -> bool:
        return bool(self.signed_file)

    @property
    def is_registered(self) -> bool:
        return self.sequence is not None
