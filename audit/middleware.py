"""Request context for audit entries, and denied access recorded as it happens."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError

from . import context

logger = logging.getLogger(__name__)


class AuditContextMiddleware:
    """Give the entries written during a request its id and the client's IP address.

    Every 403 answer, whether a view raised PermissionDenied or returned it, is
    recorded as denied access, and so is a signed-in person's POST answered 404: pages
    hide what a person may not see behind a 404, and a POST to it is an attempt to act.
    Place after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_context = context.context_from(request)
        token = context.current.set(request_context)
        try:
            response = self.get_response(request)
            if _is_denial(request, response):
                _record_denied(request)
        finally:
            context.current.reset(token)
        response.headers.setdefault("X-Request-ID", request_context.request_id)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            # Django turns it into the 403 answer recorded above; keep why.
            request.audit_denied_reason = str(exception)
        return None


def _is_denial(request, response) -> bool:
    if response.status_code == 403:
        return True
    user = getattr(request, "user", None)
    return (
        response.status_code == 404
        and request.method == "POST"
        and user is not None
        and user.is_authenticated
    )


def _record_denied(request) -> None:
    from .models import Action
    from .services import record

    user = getattr(request, "user", None)
    payload = {"method": request.method, "path": request.path[:500]}
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
