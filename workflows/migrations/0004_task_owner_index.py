"""An index on viewflow's task table for our inbox and archive (docs/performance.md).

``workflows.selectors.inbox`` and ``archive`` read a person's tasks by owner and status,
the archive newest first; viewflow indexes the owner alone, so a reviewer's inbox read
every task they ever finished (about 160,000 at 1,000,000 tasks) to find the open ones.
"""

from django.db import migrations

INDEX = "workflows_task_owner_status_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("viewflow", "0015_task_scheduled"),
        ("workflows", "0003_inbound_visit_and_agreement_processes"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON viewflow_task (owner_id, status, finished)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
