"""The step's write flush (``audit.flush``): what a step queues is written at its end,
once, and only if it survives; the guarantees of the audit chain, the notifications and
the deadlines hold through it, concurrent steps included.
"""

import contextlib
import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import audit
import workdays
from audit.models import Entry
from matters import files
from notifications import Event, emit
from notifications.models import Notification, OutboxMessage
from organizations.models import Deputy
from permits import services
from permits.models import Attachment
from workdays.models import TaskDeadline
from workflows import deadlines, driver
from workflows.flows import OutboundTripFlow as F

from ..concurrency import at_once, failures
from ..security.test_stored_files import a_pdf, stored_files
from ..trips import started_trip
from .conftest import require_postgres
from .helpers import verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(province, unit_a, lan, minh, hoa, dung, chu, pho):
    """The province's people, and lan's unit (``cast.unit``) whose trips they decide."""
    province.unit = unit_a
    return province


def _rows():
    return {
        "entries": Entry.objects.count(),
        "notifications": Notification.objects.count(),
        "outbox": OutboxMessage.objects.count(),
        "deadlines": TaskDeadline.objects.count(),
        "attachments": Attachment.objects.count(),
    }


def _endorse(trip, minh):
    driver.complete(
        trip,
        F.endorse,
        actor=minh,
        perform=lambda t, task: services.endorse(t, actor=minh, task=task),
    )


def test_a_step_writes_its_entries_notifications_outbox_rows_and_deadline(cast, lan, minh):
    trip = started_trip(lan, cast.unit)
    before = _rows()

    _endorse(trip, minh)

    after = _rows()
    assert after["entries"] == before["entries"] + 1
    assert after["deadlines"] == before["deadlines"] + 1  # the review's
    assert after["notifications"] > before["notifications"]
    assert after["outbox"] > before["outbox"]
    assert verify().startswith("OK through")


def test_a_step_that_fails_at_its_end_leaves_nothing_behind(cast, lan, minh, settings):
    trip = started_trip(lan, cast.unit)
    before = _rows()

    with (
        pytest.raises(RuntimeError),
        transaction.atomic(),
        audit.batched(),
        files.removed_on_rollback(),
    ):
        _endorse(trip, minh)
        files.add_file(trip, a_pdf(), kind="invitation", actor=minh, model=Attachment)
        raise RuntimeError("the step failed after everything was queued")

    assert _rows() == before
    assert stored_files(settings) == []
    trip.refresh_from_db()
    assert trip.status == "submitted"


def test_what_a_rolled_back_savepoint_queued_is_left_out_of_the_flush(cast, lan, minh, chu):
    trip = started_trip(lan, cast.unit)
    spare_task = trip_task_without_deadline(trip)
    before = _rows()

    with transaction.atomic(), audit.batched():
        emit(Event.APPROVED, subject=trip, to=[lan], task=1)
        with contextlib.suppress(ValidationError), transaction.atomic():
            audit.record(audit.Action.APPROVED, actor=chu, subject=trip)
            emit(Event.REJECTED, subject=trip, to=[lan, minh], task=2)
            deadlines.on_create("outbound.review")(_Activation(spare_task))
            raise ValidationError("the service refused after queueing")
        audit.record(audit.Action.COMMENTED, actor=chu, subject=trip)

    after = _rows()
    assert after["entries"] == before["entries"] + 1
    assert Entry.objects.order_by("-seq").first().action == "commented"
    told = Notification.objects.filter(task_id__in=["1", "2"])
    assert list(told.values_list("event", flat=True)) == ["approved"]
    assert after["deadlines"] == before["deadlines"]
    assert verify().startswith("OK through")


def test_a_deputy_is_told_of_a_step_through_the_flush(cast, lan, chu, pho):
    today = timezone.localdate()
    Deputy.objects.create(principal=chu, deputy=pho, start_date=today, end_date=today)
    trip = started_trip(lan, cast.unit)

    with transaction.atomic(), audit.batched():
        emit(Event.OVERDUE, subject=trip, to=[chu], task=5)  # urgent: emailed to leaders too

    copy = Notification.objects.get(recipient=pho, task_id="5")
    assert copy.on_behalf_of == chu
    assert Notification.objects.filter(recipient=chu, task_id="5").exists()
    assert OutboxMessage.objects.filter(notification=copy).exists()


def test_the_flush_is_two_round_trips_on_postgresql(cast, lan, hoa):
    require_postgres()
    trip = started_trip(lan, cast.unit)
    spare_task = trip_task_without_deadline(trip)
    workdays.due_date("outbound.review", timezone.localdate())  # the calendar's years seeded

    with CaptureQueriesContext(connection) as queries, transaction.atomic(), audit.batched():
        emit(Event.RETURNED, subject=trip, to=[lan], actor=hoa, task=3)
        deadlines.on_create("outbound.review")(_Activation(spare_task))
        audit.record(audit.Action.RETURNED, actor=hoa, subject=trip)
        queued = len(queries.captured_queries)

    sql = [q["sql"] for q in queries.captured_queries]
    # The block's own savepoint (the test runs in a transaction) and nothing else.
    assert [text for text in sql if text.startswith("SAVEPOINT")] == sql[:1]
    flush = [text for text in sql[queued:] if "SAVEPOINT" not in text]
    assert len(flush) == 2
    assert "INSERT INTO notifications_notification" in flush[0]
    assert 'INSERT INTO "workflows_taskdeadline"' in flush[0]
    assert flush[0].index("pg_advisory_xact_lock") > flush[0].index("INSERT INTO")
    assert flush[1].startswith('INSERT INTO "audit_entry"')
    assert TaskDeadline.objects.filter(task=spare_task).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_twin_events_notify_each_recipient_once(lan, minh, hoa):
    """Ten steps at once raise the same event for the same three people."""
    require_postgres()

    def twin():
        with transaction.atomic(), audit.batched():
            emit(Event.TASK_ASSIGNED, subject=lan, to=[lan, minh, hoa], task=77)
            audit.record(audit.Action.COMMENTED, actor=lan, comment="twin")

    assert failures(at_once(twin for _ in range(10))) == []
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "hoa",
        "lan",
        "minh",
    ]
    assert OutboxMessage.objects.count() == 3
    assert verify().startswith("OK through 10, head ")


def trip_task_without_deadline(trip):
    """Return a task of ``trip``'s process that has no deadline (its start step)."""
    from workflows.selectors import process_of

    return process_of(trip).task_set.filter(deadline__isnull=True).first()


class _Activation:
    """What viewflow hands an ``onCreate`` callback: the task just created."""

    def __init__(self, task):
        self.task = task
        task.created = task.created or datetime.datetime.now(tz=datetime.UTC)


def test_stored_files_and_rows_share_one_rollback_witness(cast, lan, settings):
    trip = started_trip(lan, cast.unit)
    with transaction.atomic(), audit.batched(), files.removed_on_rollback():
        kept = files.add_file(trip, a_pdf(), kind="invitation", actor=lan, model=Attachment)
        with contextlib.suppress(RuntimeError), transaction.atomic():
            files.add_file(trip, a_pdf("khac.pdf"), kind="other", actor=lan, model=Attachment)
            raise RuntimeError("roll this savepoint back")
    assert stored_files(settings) == [Path(kept.file.path)]
    # The upload's entry of the kept file only.
    assert Entry.objects.filter(action="file_uploaded").count() == 1
