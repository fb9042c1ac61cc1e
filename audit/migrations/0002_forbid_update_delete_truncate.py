"""On PostgreSQL, refuse UPDATE, DELETE and TRUNCATE on the audit tables.

The one sanctioned way to empty them is ``manage.py flush`` (a reset of the whole
database, also what the test runner does between transactional tests): audit's own
``flush`` command sets ``audit.allow_flush`` for its session. SQLite has no such
triggers; there the hash chain alone shows tampering (docs/adr/0006-audit-chain.md).
"""

from django.db import migrations

TABLES = ("audit_entry", "audit_checkpoint")

FUNCTION = """
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
"""

TRIGGERS = """
CREATE TRIGGER {table}_no_update_delete BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION audit_forbid_change();
CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_forbid_change();
"""

DROP = """
DROP TRIGGER IF EXISTS {table}_no_update_delete ON {table};
DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(TRIGGERS.format(table=table))


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(DROP.format(table=table))
    schema_editor.execute("DROP FUNCTION IF EXISTS audit_forbid_change();")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_entry_checkpoint_verification")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
