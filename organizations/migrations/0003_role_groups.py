from django.db import migrations

ROLE_GROUPS = [
    "unit_staff",
    "unit_head",
    "department_reviewer",
    "department_head",
    "security_officer",
    "consulted_agency",
    "leader",
    "auditor",
    "administrator",
]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("organizations", "0002_document_counter"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
