"""Render outbox messages as Vietnamese emails (plain text and HTML)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Notification, OutboxMessage


def build_email(message: OutboxMessage) -> EmailMultiAlternatives | None:
    """Return the email for ``message``, or None if there is nothing left to send."""
    recipient = message.recipient
    if not recipient.email or not recipient.is_active:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        if message.kind == OutboxMessage.Kind.DIGEST:
            subject, context, template = _digest(message)
        else:
            subject, context, template = _single(message)
        context |= {"recipient": recipient, "site_url": settings.SITE_URL}
        text = render_to_string(f"notifications/email/{template}.txt", context)
        html = render_to_string(f"notifications/email/{template}.html", context)
    connection = get_connection(
        settings.NOTIFICATIONS_EMAIL_BACKEND, timeout=settings.NOTIFICATIONS_SMTP_TIMEOUT
    )
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[recipient.email],
        connection=connection,
        headers={"Message-ID": message.message_id, "X-Doingoai-Outbox": str(message.pk)},
    )
    email.attach_alternative(html, "text/html")
    return email


def _single(message: OutboxMessage):
    notification = message.notification
    subject = f"[{_('Đối ngoại')}] {notification.get_event_display()}: {notification.subject_label}"
    return _one_line(subject), {"notification": notification}, "notification"


def _digest(message: OutboxMessage):
    ids = message.payload.get("notifications", [])
    items = list(
        Notification.objects.filter(pk__in=ids).select_related("actor").order_by("created_at")
    )
    total = message.payload.get("total", len(items))
    subject = _("[Đối ngoại] Tổng hợp %(count)s thông báo chưa đọc") % {"count": total}
    context = {
        "items": items,
        "total": total,
        "more": max(total - len(items), 0),
        "date": message.payload.get("date"),
        "list_url": settings.SITE_URL.rstrip("/") + "/thong-bao/",
    }
    return subject, context, "digest"


def _one_line(text: str) -> str:
    """Return ``text`` fit for a Subject header (no line breaks, bounded length)."""
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:199] + "…"
