"""``TaskDeadline`` now belongs to the ``workdays`` app: drop it from this app's state only.

The table ``workflows_taskdeadline`` and its rows stay; ``workdays.0002`` has taken the
model over that table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0005_calendar_moves_to_workdays"),
        ("workdays", "0002_task_deadlines_move_here"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="TaskDeadline")],
            database_operations=[],
        ),
    ]
