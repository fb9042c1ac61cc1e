"""The audit trail (nhật ký kiểm toán): hash-chained entries, checkpoints, verifications.

An Entry is written only by ``audit.record`` and never changed: on PostgreSQL triggers
refuse UPDATE, DELETE and TRUNCATE (migration 0002), and on every database the hash
chain shows any change made around them (docs/adr/0006-audit-chain.md).
"""

import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import Role

from . import chain


class Action(models.TextChoices):
    """What an entry records."""

    SUBMITTED = "submitted", _("Gửi hồ sơ")
    ENDORSED = "endorsed", _("Đơn vị ký trình")
    FORWARDED = "forwarded", _("Chuyển tiếp")
    RETURNED = "returned", _("Trả lại để bổ sung")
    RESUBMITTED = "resubmitted", _("Gửi lại sau khi bổ sung")
    REJECTED = "rejected", _("Không chấp thuận")
    REJECTION_PROPOSED = "rejection_proposed", _("Đề nghị không chấp thuận")
    REJECTION_OVERRULED = "rejection_overruled", _("Không đồng ý đề nghị không chấp thuận")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")
    SECURITY_CLEARED = "security_cleared", _("Công an tỉnh đồng ý")
    SECURITY_OBJECTED = "security_objected", _("Công an tỉnh không đồng ý")
    OPINION_GIVEN = "opinion_given", _("Cho ý kiến")
    PARTY_OPINION_RECORDED = "party_opinion_recorded", _("Ghi nhận ý kiến của cấp ủy")
    APPROVED = "approved", _("Phê duyệt")
    DECISION_ISSUED = "decision_issued", _("Ban hành quyết định")
    SUBMISSION_FILED = "submission_filed", _("Trình tờ trình")
    DOCUMENT_SIGNED = "document_signed", _("Ký văn bản")
    AMENDMENT_REQUESTED = "amendment_requested", _("Đề nghị điều chỉnh, hủy")
    REPORT_SUBMITTED = "report_submitted", _("Nộp báo cáo kết quả")
    ACKNOWLEDGED = "acknowledged", _("Tiếp nhận báo cáo")
    CLAIMED = "claimed", _("Nhận xử lý")
    RELEASED = "released", _("Trả lại hàng chờ")
    REASSIGNED = "reassigned", _("Phân công lại")
    COMMENTED = "commented", _("Ghi ý kiến")
    FILE_UPLOADED = "file_uploaded", _("Tải lên tệp")
    FILE_DOWNLOADED = "file_downloaded", _("Tải xuống tệp")
    PERSONAL_DATA_VIEWED = "personal_data_viewed", _("Xem dữ liệu cá nhân")
    IMPORTED = "imported", _("Nhập dữ liệu")
    CREATED = "created", _("Tạo mới")
    UPDATED = "updated", _("Cập nhật")
    MERGED = "merged", _("Gộp hồ sơ trùng")
    PASSPORT_HANDED_OUT = "passport_handed_out", _("Giao hộ chiếu")
    PASSPORT_HANDED_BACK = "passport_handed_back", _("Nhận lại hộ chiếu")
    LOGIN_SUCCEEDED = "login_succeeded", _("Đăng nhập thành công")
    LOGIN_FAILED = "login_failed", _("Đăng nhập không thành công")
    ACCESS_DENIED = "access_denied", _("Bị từ chối truy cập")


class Entry(models.Model):
    """One step in the audit trail, chained to the one before it by ``prev_hash``."""

    # Assigned under the chain lock as head + 1, never by a database sequence, which
    # would leave gaps on rollback.
    seq = models.BigIntegerField(_("số thứ tự"), primary_key=True)
    occurred_at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A snapshot, so the trail still says who acted after a name changes.
    actor_label = models.CharField(_("người thực hiện (lúc ghi)"), max_length=300, blank=True)
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("vai trò"), max_length=40, choices=Role, blank=True)
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thay mặt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Người được xử lý thay, khi người xử lý thay thực hiện."),
    )
    action = models.CharField(_("hành động"), max_length=40, choices=Action)
    # The matter is any model: the audit app knows no domain app.
    subject_type = models.ForeignKey(
        ContentType,
        verbose_name=_("loại hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_id = models.CharField(_("mã hồ sơ"), max_length=64, blank=True)
    subject_label = models.CharField(_("hồ sơ"), max_length=500, blank=True)
    process_id = models.BigIntegerField(_("mã quy trình"), null=True, blank=True, db_index=True)
    task_id = models.BigIntegerField(_("mã công việc"), null=True, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)
    payload = models.JSONField(_("nội dung thay đổi"), default=dict, blank=True)
    request_id = models.CharField(_("mã yêu cầu"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    prev_hash = models.CharField(_("mã băm mục trước"), max_length=64)
    hash = models.CharField(_("mã băm"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering = ["seq"]
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "seq"], name="audit_subject_idx"),
            models.Index(fields=["actor", "seq"], name="audit_actor_idx"),
            models.Index(fields=["action", "seq"], name="audit_action_idx"),
            models.Index(fields=["unit", "seq"], name="audit_unit_idx"),
        ]

    def __str__(self):
        return f"#{self.seq} {self.get_action_display()} {self.subject_label}".strip()

    @property
    def payload_text(self) -> str:
        """Return the payload as readable JSON (personal data already masked), or ``""``."""
        if not self.payload:
            return ""
        return json.dumps(self.payload, ensure_ascii=False, sort_keys=True)

    @property
    def subject_kind(self) -> str:
        """Return what kind of matter the entry is about, in words ("chuyến đi")."""
        if self.subject_type_id is None:
            return ""
        subject_type = ContentType.objects.get_for_id(self.subject_type_id)
        model = subject_type.model_class()
        return str(model._meta.verbose_name) if model else subject_type.model

    @property
    def changed_labels(self) -> list[str]:
        """Return the names, in words, of the fields the payload's ``changed`` lists."""
        changed = self.payload.get("changed") if isinstance(self.payload, dict) else None
        if not changed or self.subject_type_id is None:
            return []
        model = ContentType.objects.get_for_id(self.subject_type_id).model_class()
        labels = []
        for name in changed:
            try:
                field = model._meta.get_field(name)
            except (AttributeError, FieldDoesNotExist):
                labels.append(str(name))
                continue
            label = getattr(field, "verbose_name", None)
            labels.append(str(label or field.related_model._meta.verbose_name_plural))
        return labels

    def chain_fields(self) -> dict:
        """Return the fields the hash covers, as plain JSON values."""
        subject_type = (
            ContentType.objects.get_for_id(self.subject_type_id) if self.subject_type_id else None
        )
        return {
            "seq": self.seq,
            "occurred_at": chain.canonical_time(self.occurred_at),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "unit_id": self.unit_id,
            "role": self.role,
            "on_behalf_of_id": self.on_behalf_of_id,
            "action": self.action,
            "subject_type": subject_type.natural_key() if subject_type else None,
            "subject_id": self.subject_id,
            "subject_label": self.subject_label,
            "process_id": self.process_id,
            "task_id": self.task_id,
            "comment": self.comment,
            "payload": self.payload,
            "request_id": self.request_id,
            "ip": chain.canonical_ip(self.ip),
        }

    def compute_hash(self) -> str:
        """Return the hash this entry must have, given its fields and ``prev_hash``."""
        return chain.chain_hash(self.prev_hash, chain.canonical(self.chain_fields()))


class Checkpoint(models.Model):
    """A head of the chain noted at a moment, to be kept outside the database as well.

    A rewrite that re-hashes the whole tail leaves a valid chain; only a head noted
    earlier shows it.
    """

    seq = models.BigIntegerField(_("số thứ tự"))
    hash = models.CharField(_("mã băm"), max_length=64)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("điểm kiểm tra")
        verbose_name_plural = _("điểm kiểm tra")
        ordering = ["-seq", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["seq", "hash"], name="audit_one_checkpoint_per_head")
        ]

    def __str__(self):
        return f"{self.seq} {self.hash}"


class Verification(models.Model):
    """One run of the chain verification, kept so the auditor sees the last result."""

    class Problem(models.TextChoices):
        EDITED = "edited", _("bị sửa")
        MISSING = "missing", _("bị thiếu (đã bị xóa)")
        REORDERED = "reordered", _("sai thứ tự hoặc bị chèn")
        REWRITTEN = "rewritten", _("bị ghi lại (không khớp điểm kiểm tra)")

    ran_at = models.DateTimeField(_("thời điểm kiểm tra"), auto_now_add=True)
    ran_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ok = models.BooleanField(_("toàn vẹn"))
    through_seq = models.BigIntegerField(_("hợp lệ đến số"))
    head = models.CharField(_("mã băm cuối"), max_length=64)
    broken_seq = models.BigIntegerField(_("hỏng tại số"), null=True, blank=True)
    problem = models.CharField(_("lỗi"), max_length=20, choices=Problem, blank=True)
    detail = models.TextField(_("chi tiết"), blank=True)

    class Meta:
        verbose_name = _("lần kiểm tra nhật ký")
        verbose_name_plural = _("các lần kiểm tra nhật ký")
        ordering = ["-ran_at", "-id"]

    def __str__(self):
        return f"{self.ran_at:%d/%m/%Y %H:%M} {'OK' if self.ok else self.problem}"
