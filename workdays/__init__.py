"""The working-day calendar (lịch ngày làm việc) and the due date of every step.

Services, policies, documents, pages and the task deadlines all ask here, so that a
step has one due date wherever it is shown::

    import workdays
    trip.report_due_on = workdays.due_date("outbound.report", trip.end_date)

The names are loaded on first use, so importing this package while Django loads its
apps is safe.
"""

import importlib

__all__ = [
    "Deadline",
    "WorkingCalendar",
    "add_calendar_days",
    "add_working_days",
    "deadline_for",
    "due_date",
    "due_on",
    "is_working_day",
    "next_working_day",
    "seed_year",
    "working_days_between",
]

_SUBMODULES = {"calendar", "models", "steps"}
_STEPS = {"deadline_for", "due_date"}


def __getattr__(name):
    if name in _STEPS:
        return getattr(importlib.import_module(".steps", __name__), name)
    if name in __all__:
        return getattr(importlib.import_module(".calendar", __name__), name)
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
