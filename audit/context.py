"""The request an audit entry is written in: its id and the client's IP address.

``AuditContextMiddleware`` sets these for the duration of a request; outside a request
(a command, a Celery task) they are empty.
"""

import contextvars
import ipaddress
import re
import uuid
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str | None = None


EMPTY = RequestContext()
current = contextvars.ContextVar("audit_request_context", default=EMPTY)

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def context_from(request) -> RequestContext:
    """Return the request id (the proxy's X-Request-ID if well formed) and client IP."""
    given = request.headers.get("X-Request-ID", "")
    request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
    return RequestContext(request_id=request_id, ip=client_ip(request))


def client_ip(request) -> str | None:
    """Return the client's IP address.

    X-Forwarded-For is believed only when the direct peer is a proxy listed in the
    ``AUDIT_TRUSTED_PROXIES`` setting; otherwise anyone could write any address there.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR", ""))
    trusted = set(getattr(settings, "AUDIT_TRUSTED_PROXIES", ()))
    if remote is None or remote not in trusted:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for candidate in reversed(forwarded):
        ip = _valid_ip(candidate)
        if ip is not None and ip not in trusted:
            return ip
    return remote


def _valid_ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None
