"""Policy checks on an inbound visit: warnings for the reviewer, never a refusal.

Limits are settings (DESIGN §2): a visit proposed fewer than
``POLICY_INBOUND_NOTICE_WORKING_DAYS`` (5) working days before arrival; a guest whose
passport expires before the visit ends; a passport (by its blind index) already on
another visit on overlapping dates. The caller counts the working days of notice on the
holiday calendar (``workdays.working_days_between``) and passes the number in.
"""

from django.utils.translation import gettext as _

from .models import Guest
from .policy import NOT_TAKING_PLACE, limit


def warnings_for(visit, *, notice_working_days: int | None = None) -> list[str]:
    """Return the policy warnings on ``visit``, as sentences for the reviewer."""
    guests = [g for g in visit.guests.all() if not g.removed]
    warnings = []
    minimum = limit("POLICY_INBOUND_NOTICE_WORKING_DAYS", 5)
    if notice_working_days is not None and notice_working_days < minimum:
        warnings.append(
            _("Hồ sơ gửi trước ngày đoàn đến %(days)d ngày làm việc, ít hơn %(limit)d ngày.")
            % {"days": notice_working_days, "limit": minimum}
        )
    for guest in guests:
        if guest.passport_expiry and guest.passport_expiry < visit.end_date:
            warnings.append(
                _("Hộ chiếu của %(name)s hết hạn ngày %(date)s, trước khi đoàn rời đi.")
                % {"name": guest.full_name, "date": f"{guest.passport_expiry:%d/%m/%Y}"}
            )
    return warnings + _same_passport_warnings(visit, guests)


def _same_passport_warnings(visit, guests) -> list[str]:
    """Warn about each guest whose passport is on another visit on overlapping dates."""
    by_index = {g.passport_index: g for g in guests}
    others = (
        Guest.objects.filter(
            passport_index__in=by_index,
            removed=False,
            visit__start_date__lte=visit.end_date,
            visit__end_date__gte=visit.start_date,
        )
        .exclude(visit__status__in=NOT_TAKING_PLACE)
        .exclude(visit=visit)
        .values("passport_index", "visit__reference")
        .order_by("visit__reference")
    )
    return [
        _("Hộ chiếu của %(name)s đã có trong đoàn %(reference)s, trùng thời gian.")
        % {"name": by_index[row["passport_index"]].full_name, "reference": row["visit__reference"]}
        for row in others
    ]
