"""Sessions end after ``settings.SESSION_IDLE_TIMEOUT`` seconds without a request, and
``settings.SESSION_ABSOLUTE_TIMEOUT`` seconds after sign-in however busy they are.

Django's own expiry (SESSION_COOKIE_AGE) moves forward each time the session is saved,
which the idle clock does once a minute, so it cannot be the absolute limit.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

LAST_ACTIVITY = "last_activity"
SIGNED_IN_AT = "signed_in_at"


def start_the_clock(sender, request, user, **kwargs):
    """Stamp a new session at sign-in (the sign-in saves the session anyway)."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY] = request.session[SIGNED_IN_AT] = int(time.time())


class IdleTimeoutMiddleware:
    """Sign out whoever has done nothing for ``settings.SESSION_IDLE_TIMEOUT`` seconds."""

    # Store the time at most once a minute, so a page view does not always write the session.
    RESOLUTION = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY, now)
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, now)
            if (
                now - last > settings.SESSION_IDLE_TIMEOUT
                or now - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT
            ):
                logout(request)
                messages.info(request, _("Phiên làm việc đã hết hạn, vui lòng đăng nhập lại."))
                return redirect_to_login(request.get_full_path())
            if now - last >= self.RESOLUTION or LAST_ACTIVITY not in request.session:
                request.session[LAST_ACTIVITY] = now
        return self.get_response(request)
