"""Reads remembered for one unit of work: a request, or one step driven from code.

Who acts where, as what, and the province's configuration are read again and again in
one request (the menu, the visibility rule, the step's own checks, the audit entry's
unit and deputy) and in one step (the service, the flow's routing, the notifications).
They change seldom, and never in the middle of a unit of work except by that unit of
work itself: every change to a role grant, a deputy period or the province clears the
memo (``forget``, connected in ``OrganizationsConfig.ready``). Outside a unit of work
nothing is remembered, so code run from a shell, a test or a Celery task reads afresh.
"""

import contextvars
from contextlib import contextmanager

_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "organizations_memo", default=None
)


@contextmanager
def unit_of_work():
    """Remember reads until the block ends; a nested block shares the outer memo."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered(key, compute):
    """Return ``compute()``, computed once per unit of work for ``key``."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget(*args, **kwargs) -> None:
    """Drop everything remembered (a signal receiver: grants, deputies or the province changed)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class UnitOfWorkMiddleware:
    """One unit of work per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with unit_of_work():
            return self.get_response(request)
