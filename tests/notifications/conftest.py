"""Helpers for notification tests: a step that emits, and a mail backend that can fail."""

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import transaction

from notifications import Event, emit


class FlakyBackend(LocmemBackend):
    """Fail every send to an address in ``failing``; otherwise behave like locmem."""

    failing: set = set()
    calls = 0

    def send_messages(self, messages):
        FlakyBackend.calls += 1
        for message in messages:
            if set(message.to) & self.failing:
                raise OSError("421 Service not available")
        return super().send_messages(messages)


@pytest.fixture
def flaky_mail(settings):
    settings.NOTIFICATIONS_EMAIL_BACKEND = "tests.notifications.conftest.FlakyBackend"
    FlakyBackend.failing = set()
    FlakyBackend.calls = 0
    return FlakyBackend


@pytest.fixture
def complete_step(django_capture_on_commit_callbacks):
    """Return a function that emits like a flow step: in a transaction, kicks on commit."""

    def complete(subject, to, *, event=Event.RETURNED, actor=None, task=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            return emit(event, subject=subject, to=to, actor=actor, task=task, **kwargs)

    return complete


@pytest.fixture
def sent_to():
    """Return a function listing the addresses of the mail sent so far, sorted."""
    return lambda: sorted(address for message in mail.outbox for address in message.to)
