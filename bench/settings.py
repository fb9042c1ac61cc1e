"""Settings for the benchmarks: the product's, plus the plain viewflow flow compared with it.

As in production, DEBUG is off (no query log, no template debugging), unless the
environment says otherwise; the keys below are throw-away ones for the bench databases.
"""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("PERSONAL_DATA_KEYS", "7XTwjMGptryin3UaG4EzLpsJghJImdCqfLhuxaUxXdQ=")
# The test client and the bench's HTTP requests speak plain HTTP to the app.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from config.settings import *  # noqa: E402, F403

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
# The demo people's passwords are hashed when the cast is made; sign-in is not measured.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
