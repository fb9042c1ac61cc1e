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

# The tables the cached reads read (``settings_cache.watch`` lists the same models), and
# the columns whose update bumps the version (None: all). Of a person only what the
# cached reads keep: not ``User.UNCACHED_FIELDS`` (the password, the last sign-in, the
# date joined), which change at every sign-in.
TABLES = {
    "organizations_province": None,
    "organizations_unit": None,
    "organizations_deputy": None,
    "organizations_staffprofile": None,
    "organizations_user": (
        "id",
        "username",
        "full_name",
        "first_name",
        "last_name",
        "email",
        "is_active",
        "is_staff",
        "is_superuser",
    ),
    "guardian_userobjectpermission": None,
    "auth_permission": None,
    "workflows_calendarday": None,
    "notifications_preference": None,
}

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
    AFTER INSERT OR {update} OR DELETE OR TRUNCATE ON {table}
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
CREATE TRIGGER {table}_settings_on_{name} AFTER {event} ON {table}
BEGIN
    UPDATE organizations_settings_version SET version = random() WHERE id = 1;
END;
"""


def _update(columns) -> str:
    return f"UPDATE OF {', '.join(columns)}" if columns else "UPDATE"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL, params=None)
        for table, columns in TABLES.items():
            schema_editor.execute(POSTGRESQL_TRIGGER.format(table=table, update=_update(columns)))
    elif vendor == "sqlite":
        for statement in SQLITE:  # SQLite runs one statement at a time
            schema_editor.execute(statement, params=None)
        for table, columns in TABLES.items():
            events = {"insert": "INSERT", "update": _update(columns), "delete": "DELETE"}
            for name, event in events.items():
                trigger = SQLITE_TRIGGER.format(table=table, name=name, event=event)
                schema_editor.execute(trigger)
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
