"""Stored files follow their rows (issue 17, item 8): a refused file is a form error
before anything is stored, a file stored by a transaction that rolls back is deleted,
and ``orphan_files`` lists and removes what no row points to.
"""

import contextlib
import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from matters import files
from permits.models import Attachment, OutboundTrip
from workflows import matter_views
from workflows.flows import OutboundTripFlow as F

from .. import start_forms
from ..permits.test_uploads import pdf_bytes
from ..workflows.test_outbound_flow import login, submit, trip_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(province, lan, long, minh, hoa, dung, chu, pho, kiem):
    return province


def stored_files(settings):
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def a_pdf(name="thu-moi.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), "application/pdf")


def post_start(client, data):
    return start_forms.post_start(client, F.instance.reverse("submit:execute"), data)


def test_a_refused_second_file_leaves_no_file_on_disk(client, cast, lan, settings):
    login(client, lan)
    data = trip_data(invitation=a_pdf())
    data["other"] = SimpleUploadedFile("chuong-trinh.pdf", b"MZ\x90\x00 not a pdf")
    response = post_start(client, data)
    assert response.status_code == 200
    assert "không phải PDF" in response.content.decode()
    assert not OutboundTrip.objects.exists()
    assert stored_files(settings) == []


def test_a_service_failing_after_the_files_are_stored_leaves_no_file(
    client, cast, lan, settings, monkeypatch
):
    attach_files = matter_views.SubmitView.attach_files

    def attach_then_fail(self, matter, bound):
        attach_files(self, matter, bound)
        assert Attachment.objects.count() == 1
        raise RuntimeError("the service failed after storing the files")

    monkeypatch.setattr(matter_views.SubmitView, "attach_files", attach_then_fail)
    login(client, lan)
    with pytest.raises(RuntimeError):
        post_start(client, trip_data(invitation=a_pdf()))
    assert not OutboundTrip.objects.exists()
    assert stored_files(settings) == []


def test_a_submission_that_commits_keeps_its_file(client, cast, lan, settings):
    login(client, lan)
    assert post_start(client, trip_data(invitation=a_pdf())).status_code == 302
    (attachment,) = Attachment.objects.all()
    assert stored_files(settings) == [Path(attachment.file.path)]


def test_a_file_stored_in_a_savepoint_rolled_back_is_deleted(client, cast, lan, settings):
    trip = submit(client, lan)
    with transaction.atomic(), files.removed_on_rollback():
        kept = files.add_file(trip, a_pdf(), kind="invitation", actor=lan, model=Attachment)
        with contextlib.suppress(RuntimeError), transaction.atomic():
            files.add_file(trip, a_pdf("khac.pdf"), kind="other", actor=lan, model=Attachment)
            raise RuntimeError("roll this savepoint back")
    assert stored_files(settings) == [Path(kept.file.path)]


def test_a_block_marked_for_rollback_deletes_its_files(client, cast, lan, settings):
    trip = submit(client, lan)
    with transaction.atomic(), files.removed_on_rollback():
        files.add_file(trip, a_pdf(), kind="invitation", actor=lan, model=Attachment)
        transaction.set_rollback(True)
    assert stored_files(settings) == []


def test_the_orphan_command_lists_then_removes_files_no_row_points_to(client, cast, lan, settings):
    login(client, lan)
    post_start(client, trip_data(invitation=a_pdf()))
    kept = stored_files(settings)
    assert len(kept) == 1
    stray = Path(settings.MEDIA_ROOT) / "permits" / "2026" / "01" / "deadbeef"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"left behind")
    # The suite's clock is fixed: date the stray file on it.
    os.utime(stray, (time.time(), time.time()))

    listed = StringIO()
    call_command("orphan_files", "--older-than=0", stdout=listed)
    assert "permits/2026/01/deadbeef" in listed.getvalue()
    assert "1 orphan file(s)" in listed.getvalue()
    assert kept[0].name not in listed.getvalue()
    assert stray.exists()

    call_command("orphan_files", "--delete", stdout=StringIO())
    assert stray.exists(), "a file younger than --older-than is left alone"

    call_command("orphan_files", "--delete", "--older-than=0", stdout=StringIO())
    assert not stray.exists()
    assert stored_files(settings) == kept
