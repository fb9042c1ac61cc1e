"""Reads on the audit trail: a matter's timeline, the auditor's search, who may see it."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from organizations.models import Role
from organizations.selectors import roles_of

from .models import Entry

_RELATED = ("actor", "on_behalf_of", "unit", "subject_type")


def timeline(subject) -> QuerySet:
    """Return the entries about one matter, oldest first.

    A viewflow process also brings the entries recorded with its id.
    """
    subject_type = ContentType.objects.get_for_model(subject)
    about = Q(subject_type=subject_type, subject_id=str(subject.pk))
    if _is_process(subject):
        about |= Q(process_id=subject.pk)
    return Entry.objects.filter(about).select_related(*_RELATED).order_by("seq")


def _is_process(subject) -> bool:
    from viewflow.workflow.models import Process

    return isinstance(subject, Process)


def matter_timeline(subject_type: ContentType, subject_id: str) -> QuerySet:
    """Return the entries about the matter ``subject_type``/``subject_id``, oldest first."""
    if "\x00" in subject_id:  # PostgreSQL refuses a NUL in text: no matter has one
        return Entry.objects.none()
    return (
        Entry.objects.filter(subject_type=subject_type, subject_id=subject_id)
        .select_related(*_RELATED)
        .order_by("seq")
    )


def search(
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    actor=None,
    unit=None,
    action: str = "",
    kind: ContentType | None = None,
    text: str = "",
) -> QuerySet:
    """Return the entries matching every filter given, newest first."""
    entries = Entry.objects.select_related(*_RELATED).order_by("-seq")
    if start:
        entries = entries.filter(occurred_at__gte=_local_midnight(start))
    if end:
        entries = entries.filter(occurred_at__lt=_local_midnight(end + datetime.timedelta(days=1)))
    if actor:
        entries = entries.filter(Q(actor=actor) | Q(on_behalf_of=actor))
    if unit:
        entries = entries.filter(unit=unit)
    if action:
        entries = entries.filter(action=action)
    if kind:
        entries = entries.filter(subject_type=kind)
    if text:
        entries = entries.filter(_text_matches(text.strip()))
    return entries


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _text_matches(text: str) -> Q:
    matches = (
        Q(comment__icontains=text)
        | Q(subject_label__icontains=text)
        | Q(actor_label__icontains=text)
        | Q(payload__icontains=text)
        | Q(subject_id=text)
        | Q(request_id=text)
    )
    if text.isdigit():
        matches |= Q(seq=int(text))
    return matches


def subject_kinds() -> QuerySet:
    """Return the content types that some entry is about."""
    used = Entry.objects.filter(subject_type=OuterRef("pk"))
    return ContentType.objects.filter(Exists(used)).order_by("app_label", "model")


def can_search(user) -> bool:
    """Return True if ``user`` may search and export the trail (auditors)."""
    return Role.AUDITOR in roles_of(user)


def can_verify(user) -> bool:
    """Return True if ``user`` may verify the chain (auditors and administrators)."""
    return bool({Role.AUDITOR, Role.ADMINISTRATOR} & roles_of(user))
