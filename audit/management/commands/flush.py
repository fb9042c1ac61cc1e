"""Django's ``flush``, allowed to empty the audit tables on PostgreSQL.

The audit triggers refuse TRUNCATE unless the session sets ``audit.allow_flush``. A
flush empties the whole database on purpose (the operator confirms it; the test runner
does it between transactional tests), so it may empty the trail with everything else;
a checkpoint kept outside the database still shows that it happened.
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
