"""The lead time of a conference request, and the reviewer's warnings.

Quyết định 06/2020/QĐ-TTg, Art. 4 cl. 1 a: the organising unit sends its complete dossier
at least 30 days before the planned date, 40 days when the Prime Minister allows the
conference (Art. 3 cl. 1). The periods are step keys (``conference.lead_time``,
``conference.lead_time_pm``) in ``settings.WORKFLOW_DEADLINES``: calendar days, as the
Decision counts them, and counted on the working-day calendar if a province types them
in working days. A new request inside the period is refused (the rule is absolute); a
request that falls inside it later (a revision after a return, a conference that turns
out to be the Prime Minister's) is a warning for the reviewer.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

import workdays


def lead_time_key(conference) -> str:
    return (
        "conference.lead_time_pm" if conference.requires_prime_minister else "conference.lead_time"
    )


def notice(conference, sent_on: datetime.date):
    """Return (days of notice from ``sent_on`` to the opening, the deadline required)."""
    deadline = workdays.deadline_for(lead_time_key(conference))
    if deadline.working:
        days = workdays.working_days_between(sent_on, conference.start_date)
    else:
        days = (conference.start_date - sent_on).days
    return days, deadline


def lead_time_error(conference, sent_on: datetime.date) -> str | None:
    """Return why ``conference`` filed on ``sent_on`` is too late, or None if it is not."""
    days, deadline = notice(conference, sent_on)
    if days >= deadline.days:
        return None
    if conference.requires_prime_minister:
        rule = _("hội nghị thuộc thẩm quyền cho phép của Thủ tướng Chính phủ")
    else:
        rule = _("hội nghị thuộc thẩm quyền cho phép của Chủ tịch UBND tỉnh")
    return _(
        "Hồ sơ phải gửi ít nhất %(required)s trước ngày khai mạc (%(rule)s, Điều 4 khoản 1 "
        "Quyết định 06/2020/QĐ-TTg); còn %(days)d ngày."
    ) % {"required": deadline.label, "rule": rule, "days": max(days, 0)}


def warnings_for(conference, today: datetime.date | None = None) -> list[str]:
    """Return the policy warnings on ``conference``, as sentences for the reviewer."""
    today = today or timezone.localdate()
    warnings = []
    sent_on = timezone.localdate(conference.submitted_at) if conference.submitted_at else today
    late = lead_time_error(conference, sent_on) or lead_time_error(conference, today)
    if late:
        warnings.append(late)
    answers_due = workdays.due_date("conference.opinion", today)
    if answers_due >= conference.start_date:
        warnings.append(
            _(
                "Nếu lấy ý kiến từ hôm nay, hạn trả lời của các cơ quan (%(due)s) không trước "
                "ngày khai mạc (%(start)s)."
            )
            % {"due": f"{answers_due:%d/%m/%Y}", "start": f"{conference.start_date:%d/%m/%Y}"}
        )
    if conference.sensitive_topics and not conference.needs_pm_approval:
        warnings.append(
            _(
                "Nội dung liên quan đến %(topics)s: thuộc thẩm quyền cho phép của Thủ tướng "
                "Chính phủ (Điều 3 khoản 1 điểm b)."
            )
            % {"topics": ", ".join(conference.get_sensitive_topics_display()).lower()}
        )
    return warnings
