"""WSGI entry point (gunicorn config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

from config.gc_freeze import freeze_after_first_requests

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
# The worker's long-lived objects leave the garbage collector's walk after its first
# requests (config/gc_freeze.py).
freeze_after_first_requests()
