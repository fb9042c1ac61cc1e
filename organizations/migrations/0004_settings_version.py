"""The settings version: one row that every change to the cached settings bumps.

``organizations.settings_cache`` keeps the settings each process read, tagged with this
version, and reads it once per unit of work (docs/adr/0010-settings-cache.md). On
PostgreSQL a statement-level trigger on each settings table sets it from a sequence,
inside the changing transaction: it becomes visible with the change's commit, and a
rolled-back change never gives its number to a later one. SQLite has no sequences:
there a row trigger sets it to ``random()``, a 64-bit number, so that a rolled-back
version is not given again either (the chance that two changes draw the same number
is 2⁻⁶⁴).
"""

from django.db import migrations

# The tables the cached reads read (``settings_cache.watch`` lists the same models).
TABLES = (
    "organizations_province",
    "organizations_unit",
    "organizations_deputy",
    "organizations_staffprofile",
    "guardian_userobjectpermission",
    "auth_permission",
    "workflows_calendarday",
    "notifications_preference",
)

POSTGRESQL = """
CREATE SEQUENCE organizations_settings_version_seq;
CREATE TABLE organizations_settings_version (
    id smallint PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO organizations_settings_version VALUES (1, nextval('organizations_settings_version_seq'));
CREATE FUNCTION organizations_settings_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE organizations_settings_version
    SET version = nextval('organizations_settings_version_seq') WHERE id = 1;
    RETURN NULL;
END;
$$;
"""

POSTGRESQL_TRIGGER = """
CREATE TRIGGER {table}_settings_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION organizations_settings_changed();
"""

POSTGRESQL_DROP = """
DROP TABLE organizations_settings_version;
DROP SEQUENCE organizations_settings_version_seq;
DROP FUNCTION organizations_settings_changed() CASCADE;
"""

SQLITE = [
    """CREATE TABLE organizations_settings_version (
        id integer PRIMARY KEY CHECK (id = 1),
        version integer NOT NULL
    )""",
    "INSERT INTO organizations_settings_version VALUES (1, random())",
]

SQLITE_TRIGGER = """
CREATE TRIGGER {table}_settings_on_{event} AFTER {event} ON {table}
BEGIN
    UPDATE organizations_settings_version SET version = random() WHERE id = 1;
END;
"""


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL, params=None)
        for table in TABLES:
            schema_editor.execute(POSTGRESQL_TRIGGER.format(table=table))
    elif vendor == "sqlite":
        for statement in SQLITE:  # SQLite runs one statement at a time
            schema_editor.execute(statement, params=None)
        for table in TABLES:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(SQLITE_TRIGGER.format(table=table, event=event))
    else:
        raise NotImplementedError(f"settings version triggers for {vendor}")


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP, params=None)
    else:
        for table in TABLES:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_settings_on_{event}")
        schema_editor.execute("DROP TABLE organizations_settings_version")


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0003_role_groups"),
        ("guardian", "0003_remove_groupobjectpermission_guardian_gr_content_ae6aec_idx_and_more"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("workdays", "0002_task_deadlines_move_here"),
        ("notifications", "0001_notifications_outbox_and_preferences"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
