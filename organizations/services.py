"""Writes on organisations: role grants in units and deputy periods (ủy quyền)."""

import datetime

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from .models import Deputy, Role, StaffProfile, Unit, User
from .selectors import today, units_where


def role_group(role: Role) -> Group:
    """Return the Django group that stands for ``role``, creating it if needed."""
    group, _created = Group.objects.get_or_create(name=Role(role).value)
    return group


@transaction.atomic
def grant_role(user: User, role: Role, unit: Unit) -> None:
    """Let ``user`` act as ``role`` in ``unit`` (group membership + object permission)."""
    role = Role(role)
    user.groups.add(role_group(role))
    assign_perm(role.permission, user, unit)


@transaction.atomic
def revoke_role(user: User, role: Role, unit: Unit) -> None:
    """Take ``role`` in ``unit`` away from ``user``; drop the group when no unit is left."""
    role = Role(role)
    remove_perm(role.permission, user, unit)
    if not units_where(user, role).exists():
        user.groups.remove(role_group(role))


@transaction.atomic
def set_profile(
    user: User,
    *,
    unit: Unit,
    position: str = "",
    leader_level: str = StaffProfile.LeaderLevel.OTHER,
    is_party_committee_managed: bool = False,
) -> StaffProfile:
    """Create or update where ``user`` works and what their position means."""
    profile, _created = StaffProfile.objects.update_or_create(
        user=user,
        defaults={
            "unit": unit,
            "position": position,
            "leader_level": leader_level,
            "is_party_committee_managed": is_party_committee_managed,
        },
    )
    return profile


def deputy_period_errors(principal, deputy, start_date, end_date, *, lock=False) -> dict:
    """Return field → message for everything wrong with a proposed deputy period."""
    errors = {}
    if end_date < start_date:
        errors["end_date"] = _("Ngày kết thúc xử lý thay phải sau hoặc trùng ngày bắt đầu.")
    if deputy.pk == principal.pk:
        errors["deputy"] = _("Không thể tự xử lý thay cho chính mình.")
    elif not deputy.is_active:
        errors["deputy"] = _("Người xử lý thay đã bị khóa tài khoản.")
    if errors:
        return errors
    periods = Deputy.objects.select_for_update() if lock else Deputy.objects.all()
    other = (
        periods.filter(principal=principal, start_date__lte=end_date, end_date__gte=start_date)
        .select_related("deputy")
        .first()
    )
    if other is not None:
        errors["start_date"] = _(
            "Đã có phân công %(deputy)s xử lý thay từ %(start)s đến %(end)s "
            "trùng với thời gian này."
        ) % {
            "deputy": other.deputy,
            "start": f"{other.start_date:%d/%m/%Y}",
            "end": f"{other.end_date:%d/%m/%Y}",
        }
    return errors


@transaction.atomic
def appoint_deputy(
    principal: User,
    *,
    deputy: User,
    start_date: datetime.date,
    end_date: datetime.date,
    actor: User | None,
    reason: str = "",
) -> Deputy:
    """Let ``deputy`` act for ``principal`` from ``start_date`` to ``end_date`` inclusive."""
    errors = deputy_period_errors(principal, deputy, start_date, end_date, lock=True)
    if errors:
        raise ValidationError(errors)
    return Deputy.objects.create(
        principal=principal,
        deputy=deputy,
        start_date=start_date,
        end_date=end_date,
        reason=reason,
        created_by=actor,
    )


@transaction.atomic
def end_deputy(period: Deputy, *, actor: User | None, on: datetime.date | None = None) -> Deputy:
    """End a deputy period early: the deputy acts no more after ``on`` (default today)."""
    on = on or today()
    period = Deputy.objects.select_for_update().get(pk=period.pk)
    if on < period.start_date:
        period.delete()
        return period
    if on < period.end_date:
        period.end_date = on
        period.save(update_fields=["end_date"])
    return period
