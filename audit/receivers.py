"""Sign-ins, successful and failed, recorded from Django's authentication signals."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from . import context
from .models import Action
from .services import record


@receiver(user_logged_in, dispatch_uid="audit_login_succeeded")
def login_succeeded(sender, request, user, **kwargs):
    with _request_context(request):
        record(Action.LOGIN_SUCCEEDED, actor=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password in ``credentials``; keep the name only.
    username = str(credentials.get("username", ""))[:150]
    with _request_context(request):
        record(Action.LOGIN_FAILED, payload={"username": username})


class _request_context:
    """Use the request's id and IP when no middleware has set them (tests, scripts)."""

    def __init__(self, request):
        self.request = request
        self.token = None

    def __enter__(self):
        if self.request is not None and context.current.get() is context.EMPTY:
            self.token = context.current.set(context.context_from(self.request))

    def __exit__(self, *exc):
        if self.token is not None:
            context.current.reset(self.token)
