"""Request context for audit entries, and denied access recorded as it happens."""

import logging
import time

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.views.defaults import permission_denied

from . import context

logger = logging.getLogger(__name__)


class AuditContextMiddleware:
    """Give the entries written during a request its id and the client's IP address.

    Every 403 answer to a signed-in person, whether a view raised PermissionDenied or
    returned it, is recorded as denied access, and so is a signed-in person's POST
    answered 404: pages hide what a person may not see behind a 404, and a POST to it
    is an attempt to act. A burst from one source is throttled (see ``_admit``). An
    anonymous visitor refused is sent to the sign-in page and recorded nowhere: the
    chain is permanent, and anyone on the internet could otherwise grow it at will.
    Place after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_context = context.context_from(request)
        token = context.current.set(request_context)
        try:
            response = self.get_response(request)
            if response.status_code == 403 and not _signed_in(request):
                response = redirect_to_login(request.get_full_path())
            elif _is_denial(request, response):
                _record_denied(request)
        finally:
            context.current.reset(token)
        response.headers.setdefault("X-Request-ID", request_context.request_id)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, PermissionDenied):
            return None
        # Keep why, for the entry recorded above. Answered here, an expected refusal
        # is one log line, not a traceback.
        request.audit_denied_reason = str(exception)
        if not _signed_in(request):
            return redirect_to_login(request.get_full_path())
        return permission_denied(request, exception)


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def _is_denial(request, response) -> bool:
    if response.status_code == 403:
        return True
    return response.status_code == 404 and request.method == "POST" and _signed_in(request)


def _admit(request) -> dict | None:
    """Return the payload extras of a refusal to record, or None if it is only counted.

    A source (person and address) has ``AUDIT_DENIALS_PER_WINDOW`` entries a window of
    ``AUDIT_DENIAL_WINDOW`` seconds; the last says further refusals are being counted,
    and the first entry of the next window says how many were not recorded. The counts
    live in the cache (shared by every process when ``CACHE_URL`` names Redis).
    """
    limit = settings.AUDIT_DENIALS_PER_WINDOW
    window = settings.AUDIT_DENIAL_WINDOW
    source = f"{request.user.pk}:{context.current.get().ip}"
    now = int(time.time()) // window
    key = f"audit-denials:{source}:{now}"
    cache.add(key, 0, timeout=2 * window)
    count = cache.incr(key)
    if count > limit:
        return None
    extras = {"throttled": True} if count == limit else {}
    if count == 1:
        earlier = cache.get(f"audit-denials:{source}:{now - 1}", 0)
        if earlier > limit:
            extras["not_recorded_before"] = earlier - limit
    return extras


def _record_denied(request) -> None:
    from .models import Action
    from .services import record

    user = getattr(request, "user", None)
    extras = _admit(request)
    if extras is None:
        return
    payload = {"method": request.method, "path": request.path[:500], **extras}
    try:
        record(
            Action.ACCESS_DENIED,
            actor=user,
            comment=getattr(request, "audit_denied_reason", "")[:500],
            payload=payload,
        )
    except DatabaseError:
        # The answer is a refusal either way; a database that cannot take the entry
        # must not turn it into a 500.
        logger.exception("Could not record denied access to %s", request.path)
