# Issue #24: accent-insensitive search on every list (organizations.search). On
# PostgreSQL the lists compare LOWER(UNACCENT(column)); this creates the extension
# (a trusted extension since PostgreSQL 13: the database's owner may create it).
# On SQLite it does nothing: the search function is registered on each connection.

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0007_wording_supervisor_deputies_communes"),
    ]

    operations = [UnaccentExtension()]
