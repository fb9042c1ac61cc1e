"""Reads on organisations: who acts where, as what, today.

A person acts in a role in a unit when they hold the role's object permission on the
Unit themselves, or when they are the deputy (người được ủy quyền) of someone who does,
on a day inside the deputy period.
"""

import datetime
import unicodedata

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from guardian.models import UserObjectPermission
from guardian.shortcuts import get_objects_for_user

from . import settings_cache
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


def deputy_periods_on(on: datetime.date) -> tuple[tuple[int, int], ...]:
    """Return (principal id, deputy id) of every deputy period that includes ``on``, by
    id; from the settings cache."""
    return settings_cache.cached(
        ("deputy_periods", on),
        lambda: tuple(
            Deputy.objects.filter(start_date__lte=on, end_date__gte=on)
            .order_by("pk")
            .values_list("principal_id", "deputy_id")
        ),
    )


def acts_for(user: User, principal_id: int, on: datetime.date | None = None) -> bool:
    """Return True if ``user`` is a deputy of the user ``principal_id`` on ``on`` (default
    today); from the settings cache (``principals_of`` as one yes or no, with no query)."""
    return (principal_id, user.pk) in deputy_periods_on(on or today())


def staff_named(names) -> dict[str, int]:
    """Return {name key: user id} for each of ``names`` that exactly one active staff
    member bears: the same letters whatever the case and spacing (the key is the name
    in NFC, its spaces collapsed, casefolded). From the settings cache: people and
    staff profiles bump its version, so a new namesake is seen by the next step."""
    spelled = {name_key(name): _spelled(name) for name in names}
    spelled.pop("", None)

    def load(keys):
        query = Q()
        for key in keys:
            query |= Q(full_name__iexact=spelled[key])
        found: dict[str, list] = {key: [] for key in keys}
        people = User.objects.filter(query, is_active=True, profile__isnull=False)
        for user_id, full_name in people.values_list("pk", "full_name"):
            if (key := name_key(full_name)) in found:
                found[key].append(user_id)
        # None for a name nobody or several bear: cached too, so it is not read again.
        return {key: ids[0] if len(ids) == 1 else None for key, ids in found.items()}

    found = settings_cache.cached_many("staff_named", spelled, load)
    return {key: user_id for key, user_id in found.items() if user_id is not None}


def name_key(name: str) -> str:
    """Return ``name`` as ``staff_named`` matches it: NFC, spaces collapsed, casefolded."""
    return _spelled(name).casefold()


def _spelled(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


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


def _grant_rows(user: User, on: datetime.date | None) -> tuple:
    """Return (user_id, role, unit_id) of the grants ``user`` acts in on ``on``: their own
    and those of the people they are deputy for. Cached per settings version."""
    on = on or today()
    return settings_cache.cached(("grants", user.pk, on), lambda: _read_grant_rows(user.pk, on))


def _read_grant_rows(user_id: int, on: datetime.date) -> tuple:
    # The hottest read of the application (every page, every step): written in SQL, it
    # costs a fifth of what the ORM takes to build the same query (docs/performance.md).
    # It reads what ``role_grants`` reads, for the user and their principals on ``on``.
    unit_type = ContentType.objects.get_for_model(Unit).pk
    codenames = list(_ROLE_BY_CODENAME)
    grants, permissions = UserObjectPermission._meta.db_table, Permission._meta.db_table
    sql = f"""
        SELECT g.user_id, p.codename, g.object_pk
        FROM {grants} g JOIN {permissions} p ON p.id = g.permission_id
        WHERE g.content_type_id = %s AND p.content_type_id = %s
          AND p.codename IN ({", ".join(["%s"] * len(codenames))})
          AND (g.user_id = %s OR g.user_id IN (
                SELECT d.principal_id FROM {Deputy._meta.db_table} d
                WHERE d.deputy_id = %s AND d.start_date <= %s AND d.end_date >= %s))
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [unit_type, unit_type, *codenames, user_id, user_id, on, on])
        return tuple(
            (row_user, _ROLE_BY_CODENAME[codename], int(object_pk))
            for row_user, codename, object_pk in cursor.fetchall()
        )


def _acting_grants(user: User, on: datetime.date | None, unit: Unit | None = None):
    """Return (role, unit_id) pairs the user acts in, themselves or as a deputy."""
    if not user.is_authenticated or not user.is_active:
        return []
    return [
        (role, unit_id)
        for _, role, unit_id in _grant_rows(user, on)
        if unit is None or unit_id == unit.pk
    ]


def principal_for(user: User, role: Role, unit: Unit, on: datetime.date | None = None):
    """Return whom ``user`` acts for as ``role`` in ``unit``: None when the grant is their
    own (or nobody's), else the principal of their deputy period."""
    if not user.is_authenticated or not user.is_active:
        return None
    wanted = (Role(role), unit.pk)
    holders = {uid for uid, *grant in _grant_rows(user, on) if tuple(grant) == wanted}
    if not holders or user.pk in holders:
        return None
    return User.objects.filter(pk__in=holders).order_by("pk").first()


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


def user(user_id: int | None) -> User | None:
    """Return the person ``user_id`` (None for None), from the settings cache: people
    are settings (their rows bump the version), and a step tells the same few people
    (the reviewer, the submitter) again and again."""
    if user_id is None:
        return None

    def read(ids):
        return {u.pk: u for u in User.objects.filter(pk__in=ids).defer(*User.UNCACHED_FIELDS)}

    return settings_cache.cached_many("user", [user_id], read).get(user_id)


def users_with_role(role: Role, unit: Unit) -> list[User]:
    """Return the active people holding ``role`` in ``unit`` themselves (deputies not
    included), by id; from the settings cache."""
    role = Role(role)

    def read():
        unit_type = ContentType.objects.get_for_model(Unit)
        holders = UserObjectPermission.objects.filter(
            content_type=unit_type,
            permission__content_type=unit_type,
            permission__codename=role.permission_codename,
            object_pk=str(unit.pk),
        ).values("user_id")
        people = User.objects.filter(pk__in=holders, is_active=True)
        return list(people.defer(*User.UNCACHED_FIELDS).order_by("pk"))

    return settings_cache.cached(("holders", role, unit.pk), read)


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
    return next((head for head in users_with_role(head_role, unit) if head != user), None)
