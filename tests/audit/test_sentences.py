"""Each audit entry told as a Vietnamese sentence; the raw JSON only on the auditor's pages."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.urls import reverse

from audit.models import Action, Entry
from audit.sentences import FORMATTERS, sentence
from organizations.models import Role, Unit
from permits.models import OutboundTrip

POLICE = Unit(pk=1, code="CA", name="Công an tỉnh")
FOCAL = Unit(pk=2, code="SNV", name="Sở Ngoại vụ")
COMMITTEE = Unit(pk=3, code="UBND", name="Ủy ban nhân dân tỉnh")

# What the services record, action by action (a sample of each payload's shape).
PAYLOADS = {
    Action.SUBMITTED: [{}, {"guests": 3}, {"managers": 2}, {"items": 4}],
    Action.ENDORSED: [{}],
    Action.FORWARDED: [
        {"to": "security_check", "linked": [["Lê Quang Minh", 2]], "unlinked": ["A"]},
        {"to": "consultation", "agencies": ["CA", "STP"]},
        {"to": "leadership", "disagreement": True},
        {"to": "prime_minister"},
        {"unit_plans": 1},
    ],
    Action.RETURNED: [{}],
    Action.RESUBMITTED: [{"changed": ["title"], "endorse_again": True}],
    Action.REJECTED: [{}],
    Action.WITHDRAWN: [{}],
    Action.SECURITY_CLEARED: [{"verdicts": {"13": "cleared", "14": "cleared_with_notes"}}],
    Action.SECURITY_OBJECTED: [{"verdicts": {"1": "objected", "2": "cleared"}, "removed": [1]}],
    Action.OPINION_GIVEN: [{"agency": "CA", "verdict": "disagree", "late": True}],
    Action.PARTY_OPINION_RECORDED: [{"number": "45-CV/TU", "date": "2026-03-02"}],
    Action.APPROVED: [{}, {"number": "01/KH-UBND", "version": 2, "items": 4}],
    Action.DECISION_ISSUED: [
        {"number": "12/QĐ-UBND", "purpose": "original"},
        {"number": "13/QĐ-UBND", "purpose": "amendment", "amends": "12/QĐ-UBND"},
    ],
    Action.SUBMISSION_FILED: [{"number": "01/TTr-SNV", "purpose": "original"}],
    Action.DOCUMENT_SIGNED: [
        {"submission": "03/TTr-SNV", "sha256": "68e8" * 16, "signed_on": "2026-12-05", "signer": 9}
    ],
    Action.AMENDMENT_REQUESTED: [
        {"purpose": "cancellation", "changes": {"end_date": "x"}, "amends": "12/QĐ-UBND"}
    ],
    Action.REPORT_SUBMITTED: [{}, {"period": ["2026-01-01", "2026-06-30"], "final": True}],
    Action.ACKNOWLEDGED: [{}],
    Action.CLAIMED: [{}],
    Action.RELEASED: [{}],
    Action.REASSIGNED: [{"from": 3, "to": 4}],
    Action.COMMENTED: [{"escalated_to": "prime_minister", "sent_on": "2026-02-01"}],
    Action.FILE_UPLOADED: [{"attachment": 7, "kind": "invitation", "name": "thu-moi.pdf"}],
    Action.FILE_DOWNLOADED: [
        {"attachment": 7, "kind": "invitation", "name": "thu-moi.pdf"},
        {"format": "xlsx", "filters": "action=returned"},
        {"issuance": 3, "kind": "decision"},
    ],
    Action.PERSONAL_DATA_VIEWED: [
        {"member": 1, "person": 2, "fields": ["identity_number", "date_of_birth"]}
    ],
    Action.IMPORTED: [{"ref": "DR-2022-001", "file": "du-lieu-2022"}],
    Action.CREATED: [
        {"person": 1, "full_name": "Lê Quang Minh"},
        {"year": 2026, "deadline": "2026-12-05"},
        {"item": 1, "title": "Đoàn xúc tiến", "kind": "outbound"},
        {"group": "citizen", "incident": "detained", "persons": 2},
    ],
    Action.UPDATED: [
        {
            "card_registered": 19,
            "card_number": "APEC-1",
            "expires_on": "2031-12-05",
            "economies": ["CN", "JP"],
        },
        {"disbursement": "30000.00", "currency": "EUR", "on": "2026-12-05"},
        {"plan_item": 1, "unplanned": False},
        {"deleted": 4, "title": "Đoàn cũ"},
        {"second_factor": "enrolled"},
        {"step": "status_changed", "from": "recorded", "to": "released"},
        {"life_cycle": "in_force"},
    ],  # fmt: skip
    Action.MERGED: [{"kept": 1, "merged": [2, 3]}],
    Action.PASSPORT_HANDED_OUT: [{"passports": [1, 2], "due_back_on": "2026-05-02"}],
    Action.PASSPORT_HANDED_BACK: [{"passport": 1, "late": True}],
    Action.LOGIN_SUCCEEDED: [{}, {"second_factor": True, "device": "totp"}],
    Action.LOGIN_FAILED: [{"username": "lan"}, {"reason": "otp"}],
    Action.ACCESS_DENIED: [{"method": "GET", "path": "/audit/", "throttled": True}],
}
ROLES = {
    Action.SECURITY_CLEARED: (Role.SECURITY_OFFICER, POLICE),
    Action.SECURITY_OBJECTED: (Role.SECURITY_OFFICER, POLICE),
    Action.OPINION_GIVEN: (Role.SECURITY_OFFICER, POLICE),
    Action.DECISION_ISSUED: (Role.CLERK, COMMITTEE),
    Action.APPROVED: (Role.LEADER, COMMITTEE),
}
ENGLISH_KEY = re.compile(r"\b[a-z]+_[a-z_]+\b|[{}\[\]]|\b(verdicts?|cleared|objected|to|kind)\b")


def _entry(action, payload, role=Role.DEPARTMENT_REVIEWER, unit=FOCAL):
    entry = Entry(action=action, payload=payload, role=role, actor_label="Nguyễn Thị Hoa")
    entry.unit = unit
    return entry


def test_every_action_has_a_sentence_of_its_own():
    assert set(FORMATTERS) == set(Action.values)
    assert set(PAYLOADS) == set(Action)


@pytest.mark.parametrize("action", list(Action), ids=lambda action: action.value)
def test_no_sentence_shows_an_english_key_or_raw_json(action):
    role, unit = ROLES.get(action, (Role.DEPARTMENT_REVIEWER, FOCAL))
    for payload in [*PAYLOADS[action], {"some_internal_key": "x", "other": [1]}]:
        told = sentence(_entry(action, payload, role, unit))
        assert told and told[0].isupper(), told
        assert not ENGLISH_KEY.search(told), told


@pytest.mark.parametrize(
    ("action", "payload", "role", "unit", "expected"),
    [
        (Action.SECURITY_CLEARED, {"verdicts": {"1": "cleared", "2": "cleared", "3": "cleared"}},
         Role.SECURITY_OFFICER, POLICE, "Công an tỉnh: đồng ý 3/3 thành viên"),
        (Action.SECURITY_OBJECTED, {"verdicts": {"1": "objected", "2": "cleared"}, "removed": [1]},
         Role.SECURITY_OFFICER, POLICE, "Công an tỉnh: không đồng ý 1/2 khách"),
        (Action.RETURNED, {}, Role.DEPARTMENT_REVIEWER, FOCAL,
         "Sở Ngoại vụ trả lại hồ sơ để bổ sung"),
        (Action.DECISION_ISSUED, {"number": "12/QĐ-UBND", "purpose": "original"}, Role.CLERK,
         COMMITTEE, "Văn thư vào sổ quyết định số 12/QĐ-UBND"),
        (Action.OPINION_GIVEN, {"agency": "STP", "verdict": "agree", "late": True},
         Role.CONSULTED_AGENCY, Unit(pk=4, name="Sở Tư pháp"), "Sở Tư pháp: đồng ý (quá hạn)"),
        (Action.FORWARDED, {"to": "consultation", "agencies": ["CA", "STP"]},
         Role.DEPARTMENT_REVIEWER, FOCAL,
         "Sở Ngoại vụ chuyển hồ sơ đến các cơ quan để lấy ý kiến (lấy ý kiến: CA, STP)"),
    ],
)  # fmt: skip
def test_an_entry_reads_as_the_office_would_write_it(action, payload, role, unit, expected):
    assert sentence(_entry(action, payload, role, unit)) == expected


def test_a_payload_a_formatter_does_not_expect_falls_back_to_the_action_name():
    told = sentence(_entry(Action.SECURITY_CLEARED, {"verdicts": "not a mapping"}))
    assert told == "Sở Ngoại vụ: công an tỉnh đồng ý"


@pytest.mark.django_db
def test_a_forward_names_the_status_the_matter_moved_to():
    entry = _entry(Action.FORWARDED, {"to": "security_check"})
    entry.subject_type = ContentType.objects.get_for_model(OutboundTrip)
    assert sentence(entry) == "Sở Ngoại vụ chuyển hồ sơ sang bước: đang thẩm tra an ninh"


@pytest.mark.django_db
def test_the_raw_json_is_behind_a_toggle_on_the_auditors_page_only(
    client, write, kiem, police, unit_a
):
    payload = {"verdicts": {"1": "cleared", "2": "objected"}}
    write(Action.SECURITY_OBJECTED, subject=unit_a, unit=police, role=Role.SECURITY_OFFICER,
          payload=payload)  # fmt: skip
    matter_page = Template("{% load audit %}{% audit_timeline subject %}").render(
        Context({"subject": unit_a})
    )
    assert "Công an tỉnh: không đồng ý 1/2 thành viên" in matter_page
    assert "verdicts" not in matter_page and "<details" not in matter_page

    client.force_login(kiem)
    unit_type = ContentType.objects.get_for_model(unit_a)
    for page in (
        client.get(reverse("audit:matter", args=[unit_type.pk, unit_a.pk])),
        client.get(reverse("audit:search")),
    ):
        html = page.content.decode()
        assert "Công an tỉnh: không đồng ý 1/2 thành viên" in html
        assert "<details" in html and "&quot;verdicts&quot;" in html
