"""Reads on notifications: unread counts, who receives what, and how."""

import datetime

from django.db.models import Q
from django.utils import timezone

from organizations import settings_cache
from organizations.models import StaffProfile, User
from organizations.selectors import deputy_periods_on

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


def expand_recipients(users, *, actor=None, on: datetime.date | None = None):
    """Return (recipient, on_behalf_of) pairs: each person, then each of their deputies.

    The actor is left out (nobody is told of their own action) and each person is
    listed once, the first way they were reached. The deputy periods come from the
    settings cache; the deputies themselves take one query when there are any.
    """
    on = on or timezone.localdate()
    seen = {actor.pk} if actor is not None else set()
    pairs = []
    for user in users:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        pairs.append((user, None))
    if not pairs:
        return pairs
    principals = {user.pk for user, _none in pairs}
    periods = [(p, d) for p, d in deputy_periods_on(on) if p in principals]
    people = User.objects.filter(pk__in={d for _p, d in periods}, is_active=True) if periods else ()
    people = {person.pk: person for person in people}
    deputies = {}
    for principal_id, deputy_id in periods:
        if deputy_id in people:
            deputies.setdefault(principal_id, []).append(people[deputy_id])
    for principal, _none in list(pairs):
        for deputy in deputies.get(principal.pk, ()):
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


def immediate_email_recipients(users, event: Event) -> set[int]:
    """Return the ids of ``users`` to whom ``event`` is emailed now.

    Not to those without an address, nor to those who turned the event off, nor, for a
    non-urgent event, to those on the daily digest: people who chose it, and leaders
    (lãnh đạo UBND tỉnh) who did not choose otherwise. The choices come from the
    settings cache (one query for those not cached).
    """
    with_address = [user.pk for user in users if user.email]
    if not with_address:
        return set()
    wanted = set()
    for pk, (email_off, daily_digest, leader_level) in _email_choices(with_address).items():
        if event.value in (email_off or ()):
            continue
        if daily_digest is None:
            daily_digest = leader_level in DIGEST_LEADER_LEVELS
        if event.is_urgent or not daily_digest:
            wanted.add(pk)
    return wanted


def _email_choices(user_ids) -> dict[int, tuple]:
    """Return {user id: (events with email off, daily digest, leader level)}."""

    def read(missing):
        rows = User.objects.filter(pk__in=missing).values_list(
            "pk",
            "notification_preference__email_off",
            "notification_preference__daily_digest",
            "profile__leader_level",
        )
        return {pk: (tuple(off or ()), digest, level) for pk, off, digest, level in rows}

    return settings_cache.cached_many("email_choices", user_ids, read)


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
