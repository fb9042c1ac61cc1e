"""The append-only, hash-chained audit trail (nhật ký kiểm toán).

Services call one line, inside the transaction of the change they record::

    import audit
    audit.record(audit.Action.RETURNED, actor=user, subject=trip, process=process,
                 task=task, comment="Thiếu thư mời", unit=unit, role=Role.DEPARTMENT_REVIEWER)

A step's transaction wraps its body in ``audit.batched()`` so that its entries are
appended together, just before the commit, with the other rows the step queued
(``audit.flush``: notifications, outbox rows, deadlines). ``record``, ``batched``,
``Action``, ``mask`` and the submodules are loaded on first use, so importing this
package while Django loads its apps is safe.
"""

import importlib

__all__ = ["Action", "batched", "mask", "record"]

_SUBMODULES = {
    "models",
    "selectors",
    "services",
    "verification",
    "chain",
    "masking",
    "context",
    "flush",
}


def __getattr__(name):
    if name in ("record", "batched"):
        from . import services

        return getattr(services, name)
    if name == "Action":
        from .models import Action

        return Action
    if name == "mask":
        from .masking import mask

        return mask
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
