"""The deadline of each step, and the one due date every page, task and letter shows.

``settings.WORKFLOW_DEADLINES`` gives each step key ("outbound.report") its deadline,
"5 working" or "15 calendar"; keys it does not list get ``WORKFLOW_DEADLINE_DEFAULT``.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .calendar import Deadline, due_on


def deadline_for(step_key: str) -> Deadline:
    """Return the deadline ``settings.WORKFLOW_DEADLINES`` gives ``step_key`` (or the default)."""
    text = settings.WORKFLOW_DEADLINES.get(step_key, settings.WORKFLOW_DEADLINE_DEFAULT)
    try:
        return Deadline.parse(text)
    except ValueError as error:
        raise ImproperlyConfigured(f"WORKFLOW_DEADLINES[{step_key!r}]: {error}") from error


def due_date(step_key: str, start: datetime.date) -> datetime.date:
    """Return the last day allowed for ``step_key`` counted from ``start``.

    A deadline in calendar days that ends on a day off ends on the next working day, so
    a results report due 15 days after a return on Saturday 07/03/2026 is due on Monday
    23/03/2026, not Sunday 22/03.
    """
    return due_on(start, deadline_for(step_key))
