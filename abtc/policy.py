"""The conditions of Quyết định 09/2023/QĐ-TTg the reviewer checks, as warnings.

Art. 8(2): the business has been operating continuously for 12 months or more, complies
with the laws on trade, tax, customs, labour and social insurance, has direct business
with partners of APEC economies and needs to send its people there often. Art. 8(3): the
business person is 18 or older, has held the position for 12 months or more (Art. 9(3)
lists the positions). What the system can read from the request is a warning for the
reviewer (they never block: the agencies consulted confirm the rest); a manager under 18
is refused at input (``services``)."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

MIN_AGE = 18


def operating_months() -> int:
    return getattr(settings, "ABTC_MIN_OPERATING_MONTHS", 12)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """Return ``day`` ``years`` later (29/02 becomes 28/02 in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def operating_since_error(established_on, today) -> str | None:
    """Return why a business established on ``established_on`` is too young, or None."""
    months = operating_months()
    years, rest = divmod(months, 12)
    threshold = add_years(established_on, years)
    month = threshold.month - 1 + rest
    threshold = threshold.replace(
        year=threshold.year + month // 12, month=month % 12 + 1, day=min(threshold.day, 28)
    )
    if threshold <= today:
        return None
    return _(
        "Doanh nghiệp hoạt động chưa đủ %(months)d tháng liên tục (thành lập ngày %(date)s; "
        "Điều 9 Quyết định 09/2023/QĐ-TTg)."
    ) % {"months": months, "date": f"{established_on:%d/%m/%Y}"}


def warnings_for(abtc_request, today: datetime.date | None = None) -> list[str]:
    """Return the reviewer's warnings on ``abtc_request``, as sentences."""
    today = today or timezone.localdate()
    warnings = []
    young = operating_since_error(abtc_request.established_on, today)
    if young:
        warnings.append(young)
    for manager in abtc_request.managers.all():
        if not manager.appointment:
            warnings.append(
                _(
                    "Chưa ghi quyết định bổ nhiệm hoặc hợp đồng lao động của %(name)s "
                    "(Điều 8 Quyết định 09/2023/QĐ-TTg)."
                )
                % {"name": manager.full_name}
            )
    return warnings
