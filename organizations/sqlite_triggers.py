"""Keep the settings-version triggers on SQLite after every migration.

SQLite cannot alter a column in place: Django rebuilds the table (a new table, a copy,
a rename), and the rebuilt table has none of the old one's triggers. A migration that
adds or alters a column of a watched table would so silently switch the settings cache
(ADR 0010) off for that table. After every ``migrate`` the missing triggers are put back;
PostgreSQL keeps them through ALTER TABLE and needs nothing.
"""

import importlib

from django.db import connections

from . import settings_cache

version = importlib.import_module("organizations.migrations.0004_settings_version")


def ensure_sqlite_triggers(sender=None, *, using: str = "default", **kwargs) -> None:
    """Create the watched tables' missing triggers (``post_migrate``, sent once per app:
    answered once, for ``organizations``, after every app has migrated)."""
    connection = connections[using]
    if connection.vendor != "sqlite" or getattr(sender, "name", "organizations") != "organizations":
        return
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        if "organizations_settings_version" not in tables:
            return  # migrated back below 0004, or not yet that far
        # The tables of 0004 with their columns, and those other apps watch since (whole rows).
        watched = dict.fromkeys(settings_cache.watched_tables())
        for table, columns in {**watched, **version.TABLES}.items():
            if table not in tables:
                continue
            events = {"insert": "INSERT", "update": version._update(columns), "delete": "DELETE"}
            for name, event in events.items():
                trigger = version.SQLITE_TRIGGER.format(table=table, name=name, event=event)
                cursor.execute(trigger.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))
