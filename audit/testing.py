"""What only a test setup does to the audit trail: let ``flush`` empty it.

The test runner flushes the database between transactional tests, and the append-only
triggers refuse that unless the database is marked (migration 0003). Call
``permit_flush`` on the test database, never on a real one: a marked database lets any
session that sets ``audit.allow_flush`` truncate the trail.
"""

from django.db import connection as default_connection


def permit_flush(connection=default_connection) -> None:
    """Mark ``connection``'s database so that ``manage.py flush`` may empty the trail."""
    if connection.vendor != "postgresql":
        return
    name = connection.settings_dict["NAME"]
    if not name.startswith("test_"):
        raise RuntimeError(f"refusing to let flush empty the audit trail of {name!r}")
    with connection.cursor() as cursor:
        quoted = connection.ops.quote_name(name)
        cursor.execute(f"ALTER DATABASE {quoted} SET audit.flush_permitted = 'on'")
