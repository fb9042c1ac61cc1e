"""The flush switch works only in a database the test setup marked, not in any session.

A session with TRUNCATE rights used to be able to ``SET LOCAL audit.allow_flush = 'on'``
and empty the trail. The trigger now also needs the database-level flag
``audit.flush_permitted``, stored by ``ALTER DATABASE`` (owner or superuser only), which
only the test setup writes; ``SET`` in a session does not change it.
"""

import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import Entry

from .helpers import sql

pytestmark = pytest.mark.postgres


def _unmark_this_database():
    """Remove the test setup's flag inside the test's transaction (rolled back after)."""
    sql(f'ALTER DATABASE "{connection.settings_dict["NAME"]}" RESET audit.flush_permitted')


@pytest.mark.parametrize("switch", ["SET LOCAL", "SET"])
def test_a_session_cannot_switch_truncation_on(postgres, chain_of, switch):
    chain_of(3)
    _unmark_this_database()
    sql(f"{switch} audit.allow_flush = 'on'")
    sql(f"{switch} audit.flush_permitted = 'on'")  # a session SET is not the database's flag
    sql("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("TRUNCATE audit_entry")
    assert Entry.objects.count() == 3


def test_the_test_setup_marks_the_test_database(postgres):
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_flush_permitted()")
        assert cursor.fetchone()[0] is True
