"""Small helpers for audit tests: raw SQL, and the management commands' output."""

import io

from django.core.management import CommandError, call_command
from django.db import connection


def sql(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def verify(*args) -> str:
    """Return audit_verify's message, whether the chain passes or not."""
    out = io.StringIO()
    try:
        call_command("audit_verify", *args, stdout=out)
    except CommandError as error:
        return str(error)
    return out.getvalue().strip()


def checkpoint() -> str:
    """Run audit_checkpoint and return the line it prints."""
    out = io.StringIO()
    call_command("audit_checkpoint", stdout=out)
    return out.getvalue().strip()


def disable_triggers():
    """On PostgreSQL, disable the append-only triggers as a superuser could.

    DDL is transactional there, so the test's rollback enables them again. SQLite has
    no such triggers; there the chain alone shows tampering.
    """
    if connection.vendor != "postgresql":
        return
    sql("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses pending foreign-key checks
    sql("ALTER TABLE audit_entry DISABLE TRIGGER USER")
    sql("ALTER TABLE audit_checkpoint DISABLE TRIGGER USER")
