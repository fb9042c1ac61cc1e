"""Django's ``flush``, allowed to empty the audit tables on PostgreSQL.

The audit triggers refuse TRUNCATE unless the session sets ``audit.allow_flush`` and the
database is marked ``audit.flush_permitted`` (migration 0003), which only the test setup
does (``audit.testing``): the test runner flushes between transactional tests. On any
other database the triggers refuse the flush; recreate the database to reset it.
"""

from django.core.management.commands import flush
from django.db import connections


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            return super().handle(**options)
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('audit.allow_flush', 'on', false)")
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('audit.allow_flush', '', false)")
