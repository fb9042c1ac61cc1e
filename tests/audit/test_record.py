import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

import audit
from audit.chain import GENESIS, canonical, chain_hash
from audit.models import Entry
from organizations.models import Role

pytestmark = pytest.mark.django_db


def test_the_first_entry_follows_the_genesis_hash_and_the_next_follows_it(write, lan, unit_a):
    first = write(audit.Action.SUBMITTED, actor=lan, subject=unit_a)
    second = write(audit.Action.WITHDRAWN, actor=lan, subject=unit_a)
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert len(first.hash) == 64 and first.hash != second.hash


def test_an_entry_holds_who_acted_where_for_whom_about_what(write, hoa, tuan, focal_agency, lan):
    entry = write(
        audit.Action.RETURNED,
        actor=hoa,
        on_behalf_of=tuan,
        unit=focal_agency,
        role=Role.DEPARTMENT_HEAD,
        subject=lan,
        process=41,
        task=42,
        comment="Thiếu thư mời",
        payload={"status": ["in_review", "returned"]},
    )
    entry = Entry.objects.get(seq=entry.seq)
    assert entry.actor == hoa
    assert entry.actor_label == "Nguyễn Thị Hoa (hoa)"
    assert entry.on_behalf_of == tuan
    assert (entry.unit, entry.role) == (focal_agency, "department_head")
    assert entry.subject_type == ContentType.objects.get_for_model(lan)
    assert (entry.subject_id, entry.subject_label) == (str(lan.pk), "Trần Thị Lan")
    assert (entry.process_id, entry.task_id) == (41, 42)
    assert entry.comment == "Thiếu thư mời"
    assert entry.payload == {"status": ["in_review", "returned"]}
    assert entry.get_action_display() == "Trả lại để bổ sung"


def test_the_hash_covers_the_canonical_json_of_the_entry_and_the_previous_hash(write, lan):
    entry = Entry.objects.get(seq=write(actor=lan, comment="Ý kiến có dấu").seq)
    text = canonical(entry.chain_fields())
    assert '"comment":"Ý kiến có dấu"' in text
    assert text.index('"action"') < text.index('"actor_id"') < text.index('"comment"')
    assert entry.chain_fields()["occurred_at"].endswith("Z")
    assert len(entry.chain_fields()["occurred_at"]) == len("2026-01-01T00:00:00.000000Z")
    assert entry.hash == chain_hash(entry.prev_hash, text)


def test_processes_and_tasks_may_be_given_as_objects(write):
    class Stub:
        pk = 7

    entry = write(process=Stub(), task=Stub())
    assert (entry.process_id, entry.task_id) == (7, 7)


def test_a_step_that_fails_after_recording_leaves_no_entry(lan, unit_a):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(audit.Action.APPROVED, actor=lan, subject=unit_a)
        raise RuntimeError("the step failed after its audit entry")
    assert not Entry.objects.exists()
    with transaction.atomic():
        assert audit.record(audit.Action.APPROVED, actor=lan, subject=unit_a).seq == 1


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_record_opens_its_own(lan):
    entry = audit.record(audit.Action.COMMENTED, actor=lan)
    assert Entry.objects.get(seq=entry.seq).hash == entry.hash


def test_personal_data_in_the_payload_is_masked_at_any_depth(write):
    entry = write(
        payload={
            "passport_number": "B12345678",
            "guest": {"date_of_birth": datetime.date(1980, 5, 17), "name": "John Smith"},
            "members": [{"phone": "0901234567", "id_number": "079080001234"}],
            "changes": {"Passport": ["C1234567", "C7654321"]},
            "dob": "",
        }
    )
    assert entry.payload == {
        "passport_number": "B12****78",
        "guest": {"date_of_birth": "198****17", "name": "John Smith"},
        "members": [{"phone": "090****67", "id_number": "079****34"}],
        "changes": {"Passport": ["C12****67", "C76****21"]},
        "dob": "",
    }
    assert "12345" not in Entry.objects.get(seq=entry.seq).payload["passport_number"]


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("B12345678", "B12****78"),
        ("1234567", "****"),
        ("", ""),
        (None, ""),
        (12345678, "123****78"),
    ],
)
def test_mask_hides_the_middle_and_short_values_entirely(value, masked):
    assert audit.mask(value) == masked


def test_payload_values_read_back_as_they_were_hashed(write):
    entry = write(payload={"amount": 1e16, "ratio": 0.1, "when": datetime.date(2026, 3, 5)})
    stored = Entry.objects.get(seq=entry.seq)
    assert stored.payload == {"amount": 10**16, "ratio": 0.1, "when": "2026-03-05"}
    assert stored.compute_hash() == stored.hash


def test_the_action_enumeration_covers_the_issue(write):
    wanted = {
        "submitted", "endorsed", "forwarded", "returned", "resubmitted", "rejected",
        "withdrawn", "security_cleared", "security_objected", "opinion_given",
        "party_opinion_recorded", "approved", "decision_issued", "report_submitted",
        "acknowledged", "claimed", "released", "reassigned", "commented", "file_uploaded",
        "file_downloaded", "personal_data_viewed", "imported", "created", "updated",
        "login_succeeded", "login_failed", "access_denied",
        # The registry of persons and official passports (#23, ADR 0016).
        "merged", "passport_handed_out", "passport_handed_back",
        # Documents as the People's Committee issues them (#20, ADR 0012).
        "submission_filed", "document_signed", "amendment_requested",
        # A refusal at review is proposed, then confirmed or overruled (#24, ADR 0022).
        "rejection_proposed", "rejection_overruled",
    }  # fmt: skip
    assert set(audit.Action.values) == wanted
    assert audit.Action.SECURITY_CLEARED == "security_cleared"


def test_an_anonymous_actor_is_recorded_as_nobody(write):
    from django.contrib.auth.models import AnonymousUser

    entry = write(audit.Action.ACCESS_DENIED, actor=AnonymousUser())
    assert entry.actor is None and entry.actor_label == ""
