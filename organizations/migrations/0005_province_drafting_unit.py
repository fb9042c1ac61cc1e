"""Add Province.drafting_unit_abbreviation ("Lưu: VT, NC." and a công văn's symbol).

On SQLite, adding a column rebuilds the table and drops its triggers: the settings
version triggers of 0004 on organizations_province are put back (ADR 0010). PostgreSQL
keeps them through ALTER TABLE.
"""

import importlib

from django.db import migrations, models

TABLE = "organizations_province"


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    version = importlib.import_module("organizations.migrations.0004_settings_version")
    columns = version.TABLES[TABLE]
    events = {"insert": "INSERT", "update": version._update(columns), "delete": "DELETE"}
    for name, event in events.items():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_settings_on_{name}")
        schema_editor.execute(version.SQLITE_TRIGGER.format(table=TABLE, name=name, event=event))


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0004_settings_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="province",
            name="drafting_unit_abbreviation",
            field=models.CharField(
                default="NC",
                help_text=(
                    "Viết tắt tên đơn vị soạn thảo văn bản, in ở dòng “Lưu: VT, …” "
                    "và trong ký hiệu công văn (ví dụ: NC, SNgV)."
                ),
                max_length=20,
                verbose_name="ký hiệu đơn vị soạn thảo",
            ),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop),
    ]
