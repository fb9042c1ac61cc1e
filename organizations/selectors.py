"""Reads on organisations: who acts where, as what, today.

A person acts in a role in a unit when they hold the role's object permission on the
Unit themselves, or when they are the deputy (người được ủy quyền) of someone who does,
on a day inside the deputy period.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from guardian.models import UserObjectPermission
from guardian.shortcuts import get_objects_for_user

from .models import Deputy, Province, Role, StaffProfile, Unit, User

_ROLE_BY_CODENAME = {role.permission_codename: role for role in Role}


def today() -> datetime.date:
    """Return today's date in the province's time zone."""
    return timezone.localdate()


def units_where(user: User, role: Role):
    """Return the units in which ``user`` itself (not as a deputy) holds ``role``."""
    return get_objects_for_user(
        user, Role(role).permission, klass=Unit, use_groups=False, with_superuser=False
    )


def principals_of(user: User, on: datetime.date | None = None):
    """Return the people ``user`` acts for as a deputy on ``on`` (default today)."""
    on = on or today()
    return User.objects.filter(
        deputies__deputy=user, deputies__start_date__lte=on, deputies__end_date__gte=on
    ).distinct()


def deputies_of(user: User, on: datetime.date | None = None):
    """Return the people acting for ``user`` on ``on`` (default today)."""
    on = on or today()
    return User.objects.filter(
        acting_for__principal=user, acting_for__start_date__lte=on, acting_for__end_date__gte=on
    ).distinct()


def active_deputy_periods(user: User, on: datetime.date | None = None):
    """Return the deputy periods in which ``user`` acts for someone on ``on``."""
    on = on or today()
    return Deputy.objects.filter(deputy=user, start_date__lte=on, end_date__gte=on).select_related(
        "principal"
    )


def role_grants(users, unit: Unit | None = None):
    """Return (user_id, role, unit_id) for every role grant held by ``users`` directly."""
    unit_type = ContentType.objects.get_for_model(Unit)
    rows = UserObjectPermission.objects.filter(
        user__in=users,
        content_type=unit_type,
        permission__content_type=unit_type,
        permission__codename__in=_ROLE_BY_CODENAME,
    )
    if unit is not None:
        rows = rows.filter(object_pk=str(unit.pk))
    return [
        (user_id, _ROLE_BY_CODENAME[codename], int(object_pk))
        for user_id, codename, object_pk in rows.values_list(
            "user_id", "permission__codename", "object_pk"
        )
    ]


def _acting_grants(user: User, on: datetime.date | None, unit: Unit | None = None):
    """Return (role, unit_id) pairs the user acts in, themselves or as a deputy."""
    if not user.is_authenticated or not user.is_active:
        return []
    # One query: the deputy periods are a subquery of the grants' read.
    people = User.objects.filter(Q(pk=user.pk) | Q(pk__in=principals_of(user, on).values("pk")))
    return [(role, unit_id) for _, role, unit_id in role_grants(people, unit)]


def acting_grants(user: User, on: datetime.date | None = None) -> list[tuple[Role, int]]:
    """Return every (role, unit id) ``user`` acts in on ``on``, deputy periods included."""
    return _acting_grants(user, on)


def roles_of(user: User, unit: Unit | None = None, on: datetime.date | None = None) -> set[Role]:
    """Return the roles ``user`` acts in (in ``unit`` if given), deputy periods included."""
    return {role for role, _ in _acting_grants(user, on, unit)}


def has_role(
    user: User, role: Role, unit: Unit | None = None, on: datetime.date | None = None
) -> bool:
    """Return True if ``user`` acts as ``role`` (in ``unit`` if given) on ``on``."""
    return Role(role) in roles_of(user, unit, on)


def units_acted_for(user: User, on: datetime.date | None = None, role: Role | None = None):
    """Return the units ``user`` acts for on ``on``, deputy periods included."""
    unit_ids = {unit_id for granted, unit_id in _acting_grants(user, on) if role in (None, granted)}
    return Unit.objects.filter(pk__in=unit_ids)


def users_with_role(role: Role, unit: Unit):
    """Return the people holding ``role`` in ``unit`` themselves (deputies not included)."""
    user_ids = [user_id for user_id, _, _ in _grants_in_unit(role, unit)]
    return User.objects.filter(pk__in=user_ids, is_active=True)


def _grants_in_unit(role: Role, unit: Unit):
    unit_type = ContentType.objects.get_for_model(Unit)
    rows = UserObjectPermission.objects.filter(
        content_type=unit_type,
        permission__content_type=unit_type,
        permission__codename=Role(role).permission_codename,
        object_pk=str(unit.pk),
    ).values_list("user_id", flat=True)
    return [(user_id, role, unit.pk) for user_id in rows]


def superior_of(user: User) -> User | None:
    """Return the person an overdue task of ``user`` escalates to, or None.

    Unit staff escalate to their unit head; the focal agency's reviewers to its head
    (lãnh đạo cơ quan ngoại vụ). Heads have no superior inside the system.
    """
    profile = StaffProfile.objects.filter(user=user).select_related("unit").first()
    if profile is None:
        return None
    unit = profile.unit
    focal_agency_id = Province.current().focal_agency_id
    head_role = Role.DEPARTMENT_HEAD if unit.pk == focal_agency_id else Role.UNIT_HEAD
    if has_role(user, head_role, unit):
        return None
    return users_with_role(head_role, unit).exclude(pk=user.pk).order_by("pk").first()
