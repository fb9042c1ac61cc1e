"""Settings for the benchmarks: the product's, plus the plain viewflow flow compared with it."""

from config.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench.plainflow"]  # noqa: F405
# Benchmarks measure the steps, not the mail server.
NOTIFICATIONS_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": True}
# As in production, a step only queues its deliveries (here on the in-memory transport,
# with no worker): sending mail is not part of a step's cost.
CELERY_TASK_ALWAYS_EAGER = False
# The pages are measured for a signed-in person past the sign-in steps: a leader's
# second factor (organizations.two_factor) is a sign-in cost, not a page cost.
TWO_FACTOR_ENABLED = False
