"""On PostgreSQL, honour the flush switch only in a database marked for it.

Until now any session with TRUNCATE rights could ``SET LOCAL audit.allow_flush = 'on'``
and empty the trail. The session switch now counts only where the database itself
carries ``audit.flush_permitted = on`` among its stored settings (``ALTER DATABASE ...
SET``, which only the database's owner or a superuser may run). The trigger reads the
catalog (``pg_db_role_setting``), not ``current_setting``: a session's ``SET`` of the same
name changes nothing. Only the test setup marks its database (``audit.testing``); see
docs/adr/0006-audit-chain.md.
"""

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

FUNCTION = """
CREATE OR REPLACE FUNCTION audit_forbid_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE'
       AND current_setting('audit.allow_flush', true) = 'on'
       AND audit_flush_permitted() THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'the audit trail is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""

PREVIOUS = """
CREATE OR REPLACE FUNCTION audit_forbid_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND current_setting('audit.allow_flush', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'the audit trail is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
DROP FUNCTION IF EXISTS audit_flush_permitted();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(PERMITTED, params=None)
    schema_editor.execute(FUNCTION, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(PREVIOUS, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_forbid_update_delete_truncate")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
