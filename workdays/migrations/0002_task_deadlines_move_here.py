"""``TaskDeadline`` moves here from ``workflows``; its table and rows stay where they are.

As for the calendar (0001): only Django's picture of the models changes. This takes the
model over the existing table ``workflows_taskdeadline``;
``workflows.0006_task_deadlines_move_to_workdays`` drops it from ``workflows``'s state.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workdays", "0001_initial"),
        ("workflows", "0005_calendar_moves_to_workdays"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TaskDeadline",
                    fields=[
                        (
                            "task",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="deadline",
                                serialize=False,
                                to="viewflow.task",
                                verbose_name="công việc",
                            ),
                        ),
                        ("step", models.CharField(max_length=100, verbose_name="bước")),
                        ("days", models.PositiveSmallIntegerField(verbose_name="số ngày")),
                        ("working", models.BooleanField(verbose_name="tính theo ngày làm việc")),
                        ("due_on", models.DateField(verbose_name="hạn xử lý")),
                        (
                            "reminded_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="đã nhắc lúc"),
                        ),
                        (
                            "escalated_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="đã báo quá hạn lúc"
                            ),
                        ),
                        (
                            "closed_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="kết thúc theo dõi lúc"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="tạo lúc")),
                    ],
                    options={
                        "verbose_name": "hạn xử lý công việc",
                        "verbose_name_plural": "hạn xử lý công việc",
                        "db_table": "workflows_taskdeadline",
                        "indexes": [
                            models.Index(
                                condition=models.Q(("closed_at__isnull", True)),
                                fields=["due_on"],
                                name="task_deadline_open_due_idx",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
