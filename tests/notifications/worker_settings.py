"""Settings for the Celery worker that the worker tests start as a subprocess."""

from config.settings import *  # noqa: F403

EMAIL_BACKEND = "tests.notifications.mailsink.SinkBackend"
# Redeliver a message whose worker died within seconds, not the production hour.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 10}
# Beat runs embedded (-B) with an in-memory schedule: no database scheduler tables.
CELERY_BEAT_SCHEDULER = "celery.beat:Scheduler"
# A replaced pool child is waited for up to this long (default 4 s); the kill test
# replaces fifteen of them.
CELERY_WORKER_PROC_ALIVE_TIMEOUT = 1
