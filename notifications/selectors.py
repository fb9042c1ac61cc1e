"""Reads on notifications: unread counts, who receives what, and how."""

import datetime

from django.db.models import Q
from django.utils import timezone

from organizations import selectors as org_selectors
from organizations.models import Deputy, StaffProfile, User

from .events import Event
from .models import Notification, Preference

# Leaders (lãnh đạo UBND tỉnh) get the daily digest unless they choose otherwise.
DIGEST_LEADER_LEVELS = (
    StaffProfile.LeaderLevel.CHAIRMAN,
    StaffProfile.LeaderLevel.VICE_CHAIRMAN,
    StaffProfile.LeaderLevel.PROVINCE_LEADER,
)


def unread_count(user) -> int:
    """Return how many notifications ``user`` has not read yet (one query)."""
    return Notification.objects.for_user(user).unread().count()


def deputies_on(user, on: datetime.date) -> list:
    """Return the people acting for ``user`` on ``on`` (ủy quyền), inclusive of both ends."""
    deputies_of = getattr(org_selectors, "deputies_of", None)
    if deputies_of is not None:
        return [deputy for deputy in deputies_of(user, on) if deputy.is_active]
    periods = Deputy.objects.filter(principal=user, start_date__lte=on, end_date__gte=on)
    return list(User.objects.filter(pk__in=periods.values("deputy"), is_active=True))


def expand_recipients(users, *, actor=None, on: datetime.date | None = None):
    """Return (recipient, on_behalf_of) pairs: each person, then each of their deputies.

    The actor is left out (nobody is told of their own action) and each person is
    listed once, the first way they were reached.
    """
    on = on or timezone.localdate()
    seen = {actor.pk} if actor is not None else set()
    pairs = []
    for user in users:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        pairs.append((user, None))
    for principal, _none in list(pairs):
        for deputy in deputies_on(principal, on):
            if deputy.pk not in seen:
                seen.add(deputy.pk)
                pairs.append((deputy, principal))
    return pairs


def preference_of(user) -> Preference:
    """Return the saved preference of ``user``, or an unsaved default one."""
    try:
        return user.notification_preference
    except Preference.DoesNotExist:
        return Preference(user=user)


def is_on_digest(user, preference: Preference | None = None) -> bool:
    """Return True if ``user`` gets one daily digest instead of non-urgent emails."""
    preference = preference or preference_of(user)
    if preference.daily_digest is not None:
        return preference.daily_digest
    return StaffProfile.objects.filter(user=user, leader_level__in=DIGEST_LEADER_LEVELS).exists()


def wants_immediate_email(user, event: Event) -> bool:
    """Return True if ``event`` should be emailed to ``user`` now."""
    if not user.email:
        return False
    preference = preference_of(user)
    if event.value in preference.email_off:
        return False
    return event.is_urgent or not is_on_digest(user, preference)


def digest_recipients():
    """Return the active users with an email address who are on the daily digest."""
    default = Q(notification_preference__isnull=True) | Q(
        notification_preference__daily_digest__isnull=True
    )
    return (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(notification_preference__daily_digest=True)
            | (default & Q(profile__leader_level__in=DIGEST_LEADER_LEVELS))
        )
        .distinct()
    )


def unread_for_digest(user):
    """Return the unread notifications of ``user``, oldest first."""
    return Notification.objects.for_user(user).unread().order_by("created_at", "id")
