"""On PostgreSQL, honour the flush switch only in a database marked for it.

Until now any session with TRUNCATE rights could ``SET LOCAL audit.allow_flush = 'on'``
and empty the trail. The session switch now counts only where the database itself
carries ``audit.flush_permitted = on`` among its stored settings (``ALTER DATABASE ...
SET``, which only the database's owner or a superuser may run). The trigger reads the
catalog (``pg_db_role_setting``), not ``current_setting``: a session's ``SET`` of the same
name changes nothing. Only the test setup marks its database (``audit.testing``); see
docs/adr/0006-audit-chain.md.
"""

from importlib import import_module

from django.db import migrations

PERMITTED = """
CREATE OR REPLACE FUNCTION audit_flush_permitted() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1
        FROM pg_db_role_setting AS setting
        JOIN pg_database AS db ON db.oid = setting.setdatabase
        WHERE db.datname = current_database()
          AND setting.setrole = 0
          AND 'audit.flush_permitted=on' = ANY (setting.setconfig)
    )
$$;
"""

# 0002's function, with the database's flag as a further condition of the switch.
PREVIOUS = import_module("audit.migrations.0002_forbid_update_delete_truncate").FUNCTION
SWITCH = "current_setting('audit.allow_flush', true) = 'on' THEN"
FUNCTION = PREVIOUS.replace(SWITCH, SWITCH.replace(" THEN", " AND audit_flush_permitted() THEN"))
assert FUNCTION != PREVIOUS


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(PERMITTED, params=None)
    schema_editor.execute(FUNCTION, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(PREVIOUS, params=None)
    schema_editor.execute("DROP FUNCTION IF EXISTS audit_flush_permitted();")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_forbid_update_delete_truncate")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
