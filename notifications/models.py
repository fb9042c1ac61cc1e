"""In-app notifications, per-person preferences and the email outbox.

A Notification is what the bell counts. An OutboxMessage is the durable order "send
this email", written in the same transaction as the step that caused it and delivered
later by ``notifications.delivery`` (see docs/adr/0004-notification-outbox.md).
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .events import Event


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        """Return the notifications addressed to ``user`` (directly or as a deputy)."""
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One event as one person sees it in the bell and the notification list."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nhận thay cho"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Người được xử lý thay, khi thông báo đến người xử lý thay."),
    )
    event = models.CharField(_("loại thông báo"), max_length=40, choices=Event)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The subject is any model (a trip, a visit, an agreement): notifications know no
    # domain app, so it is a content type and a key plus the label it had at the time.
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_id = models.CharField(max_length=64, blank=True)
    subject_label = models.CharField(_("hồ sơ"), max_length=500, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    context = models.JSONField(default=dict, blank=True)
    dedup_key = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_recent_idx"),
        ]

    def __str__(self):
        return self.message

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def message(self) -> str:
        """Return the one-line Vietnamese sentence shown in the list and the email."""
        actor = self.actor.get_full_name() if self.actor_id else _("Hệ thống")
        return Event(self.event).sentence % {"actor": actor, "subject": self.subject_label}

    @property
    def due_on(self) -> datetime.date | None:
        """Return the due date a deadline reminder is about, or None."""
        text = self.context.get("due_on") if isinstance(self.context, dict) else None
        return datetime.date.fromisoformat(text) if text else None

    @property
    def absolute_url(self) -> str:
        """Return the link for an email: SITE_URL plus the stored path."""
        if not self.url or self.url.startswith(("http://", "https://")):
            return self.url
        return settings.SITE_URL.rstrip("/") + self.url


class Preference(models.Model):
    """How one person wants to be told: email per kind, and the leaders' daily digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_off = models.JSONField(
        _("không gửi email cho"), default=list, blank=True, help_text=_("Các loại thông báo.")
    )
    daily_digest = models.BooleanField(
        _("nhận thư tổng hợp hằng ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống: lãnh đạo UBND tỉnh nhận thư tổng hợp, người khác nhận từng thư."),
    )

    class Meta:
        verbose_name = _("tùy chọn thông báo")
        verbose_name_plural = _("tùy chọn thông báo")

    def __str__(self):
        return str(self.user)


class OutboxMessage(models.Model):
    """A durable order to send one email, delivered at least once, recorded exactly once."""

    class Kind(models.TextChoices):
        NOTIFICATION = "notification", _("Thư thông báo")
        DIGEST = "digest", _("Thư tổng hợp hằng ngày")

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        SENT = "sent", _("Đã gửi")
        INCIDENT = "incident", _("Sự cố")
        CANCELLED = "cancelled", _("Đã hủy")

    kind = models.CharField(_("loại thư"), max_length=20, choices=Kind)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Identifiers only (never personal data): the digest keeps the notification ids.
    payload = models.JSONField(default=dict, blank=True)
    dedup_key = models.CharField(_("khóa chống trùng"), max_length=255, unique=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    next_attempt_at = models.DateTimeField(_("thử lại lúc"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("lần thử gần nhất"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư chờ gửi")
        verbose_name_plural = _("hộp thư đi")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="outbox_pending_due_idx",
            ),
            models.Index(fields=["status", "-created_at"], name="outbox_status_idx"),
        ]

    def __str__(self):
        return self.dedup_key

    @property
    def message_id(self) -> str:
        """Return a stable Message-ID so a re-sent copy is recognisable as the same mail."""
        return f"<outbox-{self.pk}.{self.created_at:%Y%m%d%H%M%S}@doingoai>"


class Incident(OutboxMessage):
    """An outbox message that failed too often; administrators see and retry these."""

    class Meta:
        proxy = True
        verbose_name = _("sự cố gửi thư")
        verbose_name_plural = _("sự cố gửi thư")
