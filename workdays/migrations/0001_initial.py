"""The calendar moves here from ``workflows``; its table and rows stay where they are.

Only Django's picture of the models changes: this migration takes ``CalendarDay`` into
its state over the existing table ``workflows_calendarday`` (created by the workflows
app's first migration, on a new database as on an old one), and
``workflows.0005_calendar_moves_to_workdays`` drops it from ``workflows``'s state.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("workflows", "0001_working_day_calendar_and_task_deadlines"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CalendarDay",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("date", models.DateField(unique=True, verbose_name="ngày")),
                        (
                            "year",
                            models.PositiveSmallIntegerField(
                                db_index=True, editable=False, verbose_name="năm"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("holiday", "Ngày nghỉ lễ, Tết"),
                                    ("day_off", "Ngày nghỉ bù, nghỉ hoán đổi"),
                                    ("working_day", "Ngày làm việc bù"),
                                ],
                                help_text=(
                                    "Để bỏ một ngày nghỉ do hệ thống tạo, hãy đổi loại thành "
                                    "“Ngày làm việc bù” thay vì xóa."
                                ),
                                max_length=20,
                                verbose_name="loại ngày",
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="tên gọi")),
                        (
                            "source",
                            models.CharField(
                                choices=[
                                    ("package", "Tự động (theo luật lao động)"),
                                    ("admin", "Quản trị viên nhập"),
                                ],
                                default="admin",
                                editable=False,
                                max_length=20,
                                verbose_name="nguồn",
                            ),
                        ),
                        (
                            "edited_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="quản trị viên sửa lúc"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "ngày nghỉ, ngày làm bù",
                        "verbose_name_plural": "lịch ngày nghỉ, ngày làm bù",
                        "db_table": "workflows_calendarday",
                        "ordering": ["date"],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
