"""Reminders while a consular case is open (Celery beat, ``consular.remind_open_cases``).

A case with no step for ``CONSULAR_REMIND_AFTER_WORKING_DAYS`` working days reminds
whoever follows it (its reviewer, or every reviewer); after
``CONSULAR_ESCALATE_AFTER_WORKING_DAYS`` it is escalated to the focal agency's head.
Each reminder is sent once per quiet spell: its key names the last activity, so a new
step starts the count again and a second run of the task sends nothing.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from matters import steps
from notifications import Event, emit
from organizations.models import Role
from workdays.calendar import working_days_between

from .models import ConsularCase


def remind_open_cases(today=None) -> dict:
    """Remind or escalate every open case left without an update; return the counts."""
    today = today or timezone.localdate()
    remind_after = settings.CONSULAR_REMIND_AFTER_WORKING_DAYS
    escalate_after = settings.CONSULAR_ESCALATE_AFTER_WORKING_DAYS
    heads = steps.department(Role.DEPARTMENT_HEAD)
    counts = {"reminded": 0, "escalated": 0}
    for case in ConsularCase.objects.open().select_related("reviewer", "submitted_by"):
        last = timezone.localtime(case.last_activity_at).date()
        quiet = working_days_between(last, today)
        if quiet < remind_after:
            continue
        since = case.last_activity_at.isoformat()
        with transaction.atomic():
            emit(
                Event.OVERDUE,
                subject=case,
                to=steps.reviewer_or_reviewers(case),
                url=case.get_absolute_url(),
                key=f"consular-remind-{case.pk}-{since}",
            )
            counts["reminded"] += 1
            if quiet >= escalate_after and heads:
                emit(
                    Event.ESCALATED,
                    subject=case,
                    to=heads,
                    url=case.get_absolute_url(),
                    key=f"consular-escalate-{case.pk}-{since}",
                )
                counts["escalated"] += 1
    return counts
