"""The migration that makes conferences a kind of matter keeps every existing row."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("conferences", "0001_initial")]
AFTER = [("conferences", "0002_conference_flow")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    """Leave the database at the latest migrations: the tests after these (in the same
    database) need the later columns (a conference's plan item, say)."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_conferences_keep_their_rows_and_name_the_importing_account(unit_a):
    old = migrate(BEFORE)
    Conference = old.get_model("conferences", "Conference")
    Conference.objects.create(
        reference="HN-2022-001",
        unit_id=unit_a.pk,
        title="Rencontres du Vietnam",
        kind="seminar",
        countries="FR,US",
        start_date=datetime.date(2022, 7, 10),
        end_date=datetime.date(2022, 7, 16),
        participants_planned=120,
        participants_actual=118,
        status="completed",
        imported=True,
    )
    new = migrate(AFTER)

    row = new.get_model("conferences", "Conference").objects.get(reference="HN-2022-001")
    assert (row.title, row.status, row.participants_planned, row.participants_actual) == (
        "Rencontres du Vietnam",
        "completed",
        120,
        118,
    )
    assert row.submitted_by.username == "nhap-ho-so-cu"
    assert not row.submitted_by.is_active
    assert (row.format, row.sensitive_topics, row.foreign_actual) == ("in_person", [], {})
