"""The plan rounds bump the settings version (ADR 0010): whether an approved plan covers a
year is read on every matter's page, so it is kept in the settings cache, and a plan
registered by another process must be seen by the next unit of work."""

import importlib

from django.db import migrations

TABLE = "plans_round"


def _version():
    return importlib.import_module("organizations.migrations.0004_settings_version")


def create(apps, schema_editor):
    version = _version()
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(version.POSTGRESQL_TRIGGER.format(table=TABLE, update="UPDATE"))
        return
    for name, event in {"insert": "INSERT", "update": "UPDATE", "delete": "DELETE"}.items():
        schema_editor.execute(version.SQLITE_TRIGGER.format(table=TABLE, name=name, event=event))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_settings_changed ON {TABLE}")
        return
    for name in ("insert", "update", "delete"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_settings_on_{name}")


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0004_settings_version"),
        ("plans", "0002_plan_through_register"),
    ]

    operations = [migrations.RunPython(create, drop)]
