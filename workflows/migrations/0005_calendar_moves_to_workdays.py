"""``CalendarDay`` now belongs to the ``workdays`` app: drop it from this app's state only.

The table ``workflows_calendarday`` and its rows stay; ``workdays.0001_initial`` has
taken the model over that table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0004_task_owner_index"),
        ("workdays", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CalendarDay")],
            database_operations=[],
        ),
    ]
