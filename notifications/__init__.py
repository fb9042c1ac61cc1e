"""In-app notifications, the outbox, email, reminders and escalation.

Flows call one line, inside the transaction of their step::

    from notifications import emit, Event
    emit(Event.RETURNED, subject=trip, to=[user], actor=request.user, task=task,
         url="/path/to/task", context={"comment": "..."})

``emit`` and ``Event`` are loaded on first use, so importing this package while Django
loads its apps is safe.
"""

__all__ = ["Event", "emit"]


def __getattr__(name):
    if name == "emit":
        from .services import emit

        return emit
    if name == "Event":
        from .events import Event

        return Event
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
