"""How the people's committee issues a matter's document (ADR 0012), for every kind.

1. The focal agency's submission (tờ trình) goes to the leader with the draft attached:
   ``file_submission`` numbers it in the focal agency's own register (``12/TTr-SNV``).
2. The leader approves the submission (``approved``): the document is a draft, without
   number or date.
3. The leader, or the clerk (văn thư) on the leader's behalf, uploads the signed PDF
   (``sign``): kept byte for byte, the document of record.
4. The clerk registers it (``register``) in the people's committee's one register of the
   year, shared by all of its documents: the number from the paper register, or the next
   one the system keeps, as the province chooses per type (``settings.DOCUMENT_REGISTER``).
   Only then is the matter issued, and its unit told.

An amending or cancelling document (``request_change``) goes the same way and cites the
document it changes. Every step here is atomic: status, audit entry, notifications.

The register is not only the matters': a document of the committee on another subject
(the annual plan's round, ADR 0014) opens its draft with ``approved_draft``, is signed
with ``sign`` and entered with ``enter`` (the register's own checks, number and audit
entry), its caller doing what the document does to its subject and telling whom.
"""

import copy
import datetime
import hashlib
import re
from types import SimpleNamespace

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from notifications import Event
from organizations.models import Province, Role
from organizations.numbering import hold_counter_past, issue_number
from organizations.selectors import has_role, roles_of, users_with_role

from . import files
from .documents import drafting_unit
from .models import Issuance
from .status import Status
from .steps import atomic, notify, record, require_comment, reviewer_of, save

Purpose = Issuance.Purpose

# The register's defaults per document type; ``settings.DOCUMENT_REGISTER`` overrides them
# (an installation serves one province: its settings are the province's).
# "{issuer}" is the people's committee's code, "{unit}" the drafting unit's abbreviation
# (``Province.drafting_unit_abbreviation``, the unit of "Lưu: VT, …"). A công văn has no
# "CV" in its symbol (Decree 30, Phụ lục III): the issuer, then the field or drafting
# unit (NC: nội chính).
DEFAULT_REGISTER = {
    "QĐ": {"symbol": "QĐ-{issuer}", "auto": False},
    "CV": {"symbol": "{issuer}-{unit}", "auto": False},
    "KH": {"symbol": "KH-{issuer}", "auto": False},  # a plan (kế hoạch)
}
# An issued document is amended or withdrawn by a decision citing it (ADR 0012), whatever
# the first document was (a decision, a công văn).
CHANGE_TYPE = "QĐ"
# The counter key of the people's committee's one register (``DocumentCounter``).
REGISTER_KEY = "SỔ"
# The counter key of the focal agency's submissions (tờ trình).
SUBMISSION_KEY = "TTr"

PDF_MAGIC = b"%PDF-"
PDF_TAIL_BYTES = 2048


# -- the register's rules -------------------------------------------------------------------


def register_rule(doc_type: str) -> dict:
    """Return how ``doc_type`` is numbered: ``{"symbol": ..., "auto": bool}``."""
    rule = dict(DEFAULT_REGISTER.get(doc_type, {"symbol": f"{doc_type}-{{issuer}}", "auto": False}))
    rule.update(getattr(settings, "DOCUMENT_REGISTER", {}).get(doc_type, {}))
    return rule


def symbol(doc_type: str, issuer) -> str:
    """Return the symbol after the number: ``QĐ-UBND``, ``UBND-NC``.

    The drafts print the same symbol (``documents.register_symbol``), so the number the
    clerk writes in is the one the register gives.
    """
    pattern = register_rule(doc_type)["symbol"]
    unit = drafting_unit(Province.current()) if "{unit}" in pattern else ""
    return pattern.format(issuer=issuer.code, unit=unit)


def auto_numbered(doc_type: str) -> bool:
    """Return True if the system gives ``doc_type``'s register numbers itself."""
    return bool(register_rule(doc_type).get("auto"))


# -- reading a matter's documents -----------------------------------------------------------


def of(matter):
    """Return the documents of ``matter``, oldest first."""
    kind = ContentType.objects.get_for_model(matter, for_concrete_model=True)
    return Issuance.objects.filter(matter_type=kind, matter_id=matter.pk)


def pending(matter) -> Issuance | None:
    """Return the document of ``matter`` still on its way (not registered), or None."""
    return of(matter).filter(sequence__isnull=True).order_by("-pk").first()


def of_record(matter) -> Issuance | None:
    """Return the registered document of ``matter`` that stands (the last one), or None."""
    return of(matter).filter(sequence__isnull=False).order_by("-pk").first()


def original(matter) -> Issuance | None:
    return of(matter).filter(purpose=Purpose.ORIGINAL, sequence__isnull=False).first()


def reads_submission(user) -> bool:
    """Return True if ``user`` may read a submission (tờ trình): it summarises the
    police's reasons, so those who read them, and the committee's clerk."""
    from .selectors import sees_vetting_reasons

    return sees_vetting_reasons(user) or Role.CLERK in roles_of(user)


def downloaded(user, subject, document, what: str, *, fmt: str | None = None) -> None:
    """Record that ``user`` downloaded ``what`` of ``subject``'s ``document`` (the
    submission, the draft, the signed PDF; ``fmt`` "pdf" for a Word file's PDF), in a
    transaction of its own."""
    payload = {"issuance": document.pk, "kind": what}
    if fmt is not None:
        payload["format"] = fmt
    with transaction.atomic():
        audit.record(audit.Action.FILE_DOWNLOADED, actor=user, subject=subject, payload=payload)


def matter_of(issuance):
    model = issuance.matter_type.model_class()
    return model._base_manager.get(pk=issuance.matter_id)


# -- 1. the submission (tờ trình) -------------------------------------------------------------


def file_submission(matter, *, purpose=Purpose.ORIGINAL, task=None, **fields) -> Issuance | None:
    """Number the focal agency's submission of ``matter`` as it goes to the leader.

    A kind without a document (``document_type``) has none. A submission sent back and
    submitted again keeps its number. Call inside the step's transaction.
    """
    doc_type = getattr(matter, "document_type", None)
    if not doc_type:
        return None
    existing = pending(matter)
    if existing is not None and existing.submission_number:
        return existing
    province = Province.current()
    focal = province.focal_agency
    today = timezone.localdate()
    number = issue_number(issuer=focal, doc_type=SUBMISSION_KEY, year=today.year)
    if existing is not None:  # an amendment or cancellation the reviewer accepted
        existing.submission_number, existing.submission_date = number.text, today
        existing.summary = change_summary(matter, existing)
        existing.proposal = default_proposal(matter, existing.purpose)
        existing.save()
        purpose, issuance = existing.purpose, existing
    else:
        issuance = None
    issuance = issuance or Issuance.objects.create(
        matter_type=ContentType.objects.get_for_model(matter, for_concrete_model=True),
        matter_id=matter.pk,
        purpose=purpose,
        doc_type=doc_type,
        submission_number=number.text,
        submission_date=today,
        summary=fields.pop("summary", "") or default_summary(matter),
        proposal=fields.pop("proposal", "") or default_proposal(matter, purpose),
        **fields,
    )
    record(
        audit.Action.SUBMISSION_FILED,
        matter,
        actor=reviewer_of(matter),
        role=Role.DEPARTMENT_REVIEWER,
        unit=focal,
        payload={"number": number.text, "purpose": purpose},
        task=task,
    )
    return issuance


def default_summary(matter) -> str:
    """Return the submission's summary of ``matter``, from what the review left."""
    parts = [f"{matter.unit.name} đề nghị: {matter.title} (hồ sơ {matter.reference})."]
    start, end = getattr(matter, "start_date", None), getattr(matter, "end_date", None)
    if start and end:
        parts.append(f"Thời gian: từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}.")
    notes = getattr(matter, "security_notes", "")
    if notes:
        parts.append(f"Ý kiến của cơ quan an ninh: {notes}")
    return " ".join(parts)


def change_summary(matter, issuance) -> str:
    what = issuance.get_purpose_display().lower()
    return (
        f"{matter.unit.name} đề nghị {what} (văn bản số {issuance.amends.number}) "
        f"về hồ sơ {matter.reference}: {issuance.reason}"
    )


def default_proposal(matter, purpose) -> str:
    what = "quyết định" if getattr(matter, "document_type", "QĐ") == "QĐ" else "văn bản"
    ask = "Kính đề nghị Ủy ban nhân dân tỉnh xem xét, ban hành"
    if purpose == Purpose.CANCELLATION:
        return f"{ask} {what} hủy bỏ văn bản đã ban hành."
    if purpose == Purpose.AMENDMENT:
        return f"{ask} {what} điều chỉnh văn bản đã ban hành."
    return f"{ask} {what} (dự thảo kèm theo)."


def submission_for(activation):
    """A viewflow ``onCreate`` for the leader's step: number the submission it decides."""
    file_submission(activation.process.matter, task=activation.task)


# -- 2. the approval ---------------------------------------------------------------------


def approved(matter) -> None:
    """The leader approved ``matter``'s submission: its document is now a draft to sign."""
    # The pending document marked in one statement; read only when there is none to mark.
    latest = of(matter).filter(sequence__isnull=True).order_by("-pk").values("pk")[:1]
    if (
        of(matter)
        .filter(pk=Subquery(latest), approved_at__isnull=True)
        .update(approved_at=timezone.now())
    ):
        return
    issuance = pending(matter)
    if issuance is None and getattr(matter, "document_type", None):
        issuance = file_submission(matter)
    if issuance is not None and issuance.approved_at is None:
        issuance.approved_at = timezone.now()
        issuance.save(update_fields=["approved_at"])


def approved_draft(subject, *, doc_type: str, summary: str = "") -> Issuance:
    """Open the draft of a document of the committee on ``subject`` that the leader has
    just approved without a numbered submission (the annual plan, ADR 0014); it is then
    signed (``sign``) and registered (``enter``) as any other. Call inside the step's
    transaction."""
    if pending(subject) is not None:
        raise ValidationError(_("Văn bản trước chưa được vào sổ."))
    return Issuance.objects.create(
        matter_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        matter_id=subject.pk,
        doc_type=doc_type,
        summary=summary,
        approved_at=timezone.now(),
    )


# -- 3. the signature ----------------------------------------------------------------------


def require_committee(actor, *roles) -> None:
    """Raise PermissionDenied unless ``actor`` holds one of ``roles`` in the committee."""
    committee = Province.current().peoples_committee
    if not any(has_role(actor, role, committee) for role in roles):
        raise PermissionDenied(_("Bạn không phải lãnh đạo hoặc văn thư UBND tỉnh."))


def check_pdf(upload) -> None:
    """Raise ValidationError unless ``upload`` is a PDF: its magic bytes, a header
    version, a cross-reference (``startxref`` pointing inside the file), a page and the
    end-of-file marker. Enough to refuse a renamed file, not to vouch for a signature.
    """
    message = _(
        "Tệp “%(name)s” không phải tệp PDF hợp lệ. Hãy tải lên bản quét hoặc bản ký số (PDF)."
    )
    error = ValidationError({"signed_file": message % {"name": files.clean_filename(upload.name)}})
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if not head.startswith(PDF_MAGIC) or not re.match(rb"%PDF-\d\.\d", head):
        raise error
    tail = content[-PDF_TAIL_BYTES:]
    found = re.search(rb"startxref\s+(\d+)\s+%%EOF", tail)
    if found is None or int(found.group(1)) >= len(content):
        raise error
    if not re.search(rb"/Type\s*/Page\b", content):
        raise error


@atomic
def sign(matter, *, actor, upload, signed_on: datetime.date, task=None) -> Issuance:
    """The leader, or the clerk on the leader's behalf, records the signed document.

    The signed PDF is kept as uploaded (its SHA-256 in the audit entry). ``matter`` is
    any subject of a document with an ``approver`` (a matter, the annual plan's round).
    """
    require_committee(actor, Role.LEADER, Role.CLERK)
    issuance = pending(matter)
    if issuance is None or issuance.approved_at is None:
        raise ValidationError(_("Văn bản chưa được lãnh đạo phê duyệt, chưa thể ký."))
    if issuance.is_signed:
        raise ValidationError(_("Văn bản đã được ký."))
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("Ngày ký không được sau ngày hôm nay.")})
    if signed_on < timezone.localdate(issuance.approved_at):
        raise ValidationError({"signed_on": _("Ngày ký không được trước ngày phê duyệt.")})
    files.check_size(upload)
    check_pdf(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    # By id: the approving leader is not read for it (one statement a signature fewer).
    clerk_signs = has_role(actor, Role.CLERK, _committee())
    issuance.signer_id = matter.approver_id if clerk_signs else actor.pk
    issuance.signed_on = signed_on
    issuance.signed_name = files.clean_filename(upload.name)
    issuance.signed_sha256 = digest.hexdigest()
    issuance.signed_size = upload.size
    issuance.signed_recorded_by = actor
    issuance.signed_file.save(issuance.signed_name, upload, save=False)
    files.remember(issuance.signed_file)
    issuance.save()
    clerk = not has_role(actor, Role.LEADER, _committee())
    record(
        audit.Action.DOCUMENT_SIGNED,
        matter,
        actor=actor,
        role=Role.CLERK if clerk else Role.LEADER,
        unit=_committee(),
        payload={
            "submission": issuance.submission_number,
            "sha256": issuance.signed_sha256,
            "signed_on": signed_on.isoformat(),
            "signer": issuance.signer_id,
        },
        task=task,
    )
    clerks = users_with_role(Role.CLERK, _committee())
    key = f"{Event.TASK_QUEUED}:issuance:{issuance.pk}:signed"  # a subject may have many
    notify(Event.TASK_QUEUED, matter, clerks, actor=actor, task=task, key=key)
    return issuance


def _committee():
    return Province.current().peoples_committee


# -- 4. the registration ----------------------------------------------------------------


def check_dates(matter, issued_on: datetime.date, issuance: Issuance) -> None:
    """Refuse a registration date in the future, before the signature, or after the
    matter's last day (a decision on a trip that has ended is no decision)."""
    if issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("Ngày ban hành không được sau ngày hôm nay.")})
    if issuance.signed_on and issued_on < issuance.signed_on:
        raise ValidationError({"issued_on": _("Ngày ban hành không được trước ngày ký.")})
    end = getattr(matter, "end_date", None)
    if end is not None and issued_on > end:
        raise ValidationError(
            {
                "issued_on": _("Không thể ban hành văn bản sau ngày kết thúc của hồ sơ (%(end)s).")
                % {"end": end.strftime("%d/%m/%Y")}
            }
        )


def next_sequence(issuer, year: int) -> int:
    """Take the next number of ``issuer``'s register in ``year`` (gap-free, locked)."""
    return issue_number(issuer=issuer, doc_type=REGISTER_KEY, year=year).sequence


def take_typed_sequence(issuer, year: int, sequence: int) -> None:
    """Take ``sequence``, typed from the paper register, under the register's lock.

    A number another document of the year holds is refused. The system's counter moves
    past it, so the province may switch to numbers the system gives without a duplicate.
    """
    hold_counter_past(issuer=issuer, doc_type=REGISTER_KEY, year=year, number=sequence)
    if Issuance.objects.filter(issuer=issuer, year=year, sequence=sequence).exists():
        raise ValidationError(
            {
                "sequence": _("Số %(number)s đã được cấp cho văn bản khác trong sổ năm %(year)s.")
                % {"number": sequence, "year": year}
            }
        )


def enter(subject, *, actor, issued_on: datetime.date, sequence=None, payload=None, task=None):
    """Enter ``subject``'s signed document in the people's committee's register: the
    register's own part of a registration, for any document of the committee.

    The clerk only; the document signed; its date neither in the future, nor before the
    signature, nor after the subject's last day (``check_dates``). ``sequence`` is the
    number from the paper register; where the province lets the system number the
    document's type it is taken from the counter instead. A number given to another
    document of the register in the same year is refused. Writes the audit entry (with
    ``payload`` added); what the document does to ``subject`` and whom it tells are the
    caller's. Call inside the caller's transaction; return the document.
    """
    require_committee(actor, Role.CLERK)
    issuance = pending(subject)
    if issuance is None or not issuance.is_signed:
        raise ValidationError(_("Văn bản chưa có bản đã ký, chưa thể vào sổ."))
    check_dates(subject, issued_on, issuance)
    issuer, year = _committee(), issued_on.year
    if auto_numbered(issuance.doc_type):
        sequence = next_sequence(issuer, year)
    else:
        if not sequence or sequence < 1:
            raise ValidationError({"sequence": _("Hãy nhập số đăng ký trong sổ văn bản.")})
        take_typed_sequence(issuer, year, sequence)
    issuance.issuer, issuance.year, issuance.sequence = issuer, year, sequence
    issuance.number = f"{sequence}/{symbol(issuance.doc_type, issuer)}"
    issuance.issued_on = issued_on
    issuance.registered_by = actor
    issuance.save()
    entry = {"number": issuance.number, "purpose": issuance.purpose, **(payload or {})}
    if issuance.amends_id:
        entry["amends"] = issuance.amends.number
    record(
        audit.Action.DECISION_ISSUED,
        subject,
        actor=actor,
        role=Role.CLERK,
        unit=issuer,
        payload=entry,
        task=task,
    )
    return issuance


@atomic
def register(matter, *, actor, issued_on: datetime.date, sequence: int | None = None, task=None):
    """The clerk enters the matter's document in the register (``enter``); it is issued
    (or the matter amended, cancelled), and the unit and the reviewer are told."""
    issuance = enter(matter, actor=actor, issued_on=issued_on, sequence=sequence, task=task)
    _apply(matter, issuance)
    to = [matter.submitted_by, *users_with_role(Role.UNIT_HEAD, matter.unit)]
    if matter.reviewer_id:
        to.append(reviewer_of(matter))
    notify(Event.DOCUMENT_ISSUED, matter, to, actor=actor, task=task)
    return issuance


def _apply(matter, issuance: Issuance) -> None:
    """Make the registered document's effect on ``matter``: issued, amended, cancelled."""
    if issuance.purpose == Purpose.ORIGINAL:
        if matter.status != Status.APPROVED:
            raise ValidationError(
                _("Hồ sơ đang ở trạng thái “%(status)s”, không thể thực hiện thao tác này.")
                % {"status": matter.get_status_display()}
            )
        matter.decision_number, matter.decision_date = issuance.number, issuance.issued_on
        matter.status = Status.ISSUED
        save(matter, "decision_number", "decision_date")
    elif issuance.purpose == Purpose.CANCELLATION:
        matter.status = Status.CANCELLED
        save(matter)
    else:
        changed = apply_changes(matter, issuance.changes)
        save(matter, *changed)


# -- amendments and cancellation -----------------------------------------------------------

AMENDABLE_DATES = ("start_date", "end_date")
#: What an amendment may change (``Issuance.changes``'s keys): the dates, members
#: removed (their row ids) and people added from the registry (``add_people``: a list of
#: ``{"person": id, "name": ..., "verdict": ..., "note": ...}``, the verdict set by the
#: security agency before the leader decides).
AMENDABLE = (*AMENDABLE_DATES, "remove_members", "add_people")
#: The security agency's verdicts on a person added by an amendment (as a member's).
CLEARED, CLEARED_WITH_NOTES, OBJECTED = "cleared", "cleared_with_notes", "objected"


def apply_changes(matter, changes: dict) -> list[str]:
    """Set the amended dates on ``matter`` and drop the members an amendment removes;
    return the columns changed."""
    changed = []
    for field in AMENDABLE_DATES:
        if changes.get(field):
            setattr(matter, field, datetime.date.fromisoformat(changes[field]))
            changed.append(field)
    removed = changes.get("remove_members") or []
    if removed and hasattr(matter, "members"):
        matter.members.filter(pk__in=removed).delete()
        matter.forget("members")
    added = changes.get("add_people") or []
    if added:
        matter.add_people(added)  # the kind's rows, each with its security verdict
        matter.forget("members")
    return changed


def amendable(matter) -> bool:
    """Return True if ``matter`` has an issued document that may still be changed: no
    other change on its way, and its last day not passed. A kind whose flow goes on after
    the document without a branch for a cancelled matter says ``changes_by_decision =
    False``."""
    if not getattr(matter, "changes_by_decision", True):
        return False
    end = getattr(matter, "end_date", None)
    return (
        matter.status == Status.ISSUED
        and pending(matter) is None
        and (end is None or end >= timezone.localdate())
    )


@atomic
def request_change(
    matter, *, actor, purpose: str, reason: str, changes: dict | None = None, task=None
) -> Issuance:
    """The unit asks to amend (dates, members) or cancel the issued document of ``matter``.

    Its staff asks; the focal agency reviews it and the leader approves it, then the
    amending or cancelling document is signed and registered as any other.
    """
    if not has_role(actor, Role.UNIT_STAFF, matter.unit):
        raise PermissionDenied(_("Bạn không phải cán bộ của đơn vị này."))
    if not amendable(matter):
        raise ValidationError(_("Hồ sơ không có văn bản đã ban hành có thể điều chỉnh, hủy."))
    require_comment(reason, _("Hãy ghi rõ lý do đề nghị điều chỉnh, hủy."))
    changes = changes or {}
    if purpose == Purpose.AMENDMENT:
        _check_changes(matter, changes)
    first = of_record(matter)
    issuance = Issuance.objects.create(
        matter_type=first.matter_type,
        matter_id=matter.pk,
        purpose=purpose,
        doc_type=CHANGE_TYPE,
        amends=first,
        changes=changes,
        reason=reason,
        requested_by=actor,
    )
    record(
        audit.Action.AMENDMENT_REQUESTED,
        matter,
        actor=actor,
        role=Role.UNIT_STAFF,
        unit=matter.unit,
        comment=reason,
        payload={"purpose": purpose, "changes": changes, "amends": first.number},
        task=task,
    )
    return issuance


def _check_changes(matter, changes: dict) -> None:
    start = changes.get("start_date") or getattr(matter, "start_date", None)
    end = changes.get("end_date") or getattr(matter, "end_date", None)
    start = datetime.date.fromisoformat(start) if isinstance(start, str) else start
    end = datetime.date.fromisoformat(end) if isinstance(end, str) else end
    nothing = not any(changes.get(key) for key in AMENDABLE)
    if nothing:
        raise ValidationError(_("Hãy nêu nội dung cần điều chỉnh (thời gian hoặc thành viên)."))
    if start and end and end < start:
        raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    if start and start < timezone.localdate() and changes.get("start_date"):
        raise ValidationError({"start_date": _("Ngày bắt đầu mới không được trước hôm nay.")})
    removed = set(changes.get("remove_members") or [])
    if removed and hasattr(matter, "members"):
        members = {m.pk for m in matter.members.all()}
        added = changes.get("add_people") or []
        if not removed <= members or (removed == members and not added):
            raise ValidationError(
                _("Thành viên cần bỏ không hợp lệ (đoàn phải còn ít nhất một người).")
            )
    _check_added(matter, changes)


def _check_added(matter, changes: dict) -> None:
    """Refuse people added to a matter without members, or already on it."""
    added = changes.get("add_people") or []
    if not added:
        return
    if not hasattr(matter, "add_people"):
        raise ValidationError(_("Hồ sơ này không có danh sách thành viên để bổ sung."))
    present = set(matter.members.values_list("person_id", flat=True))
    again = [entry["name"] for entry in added if entry["person"] in present]
    if again:
        raise ValidationError(
            {"add_people": _("Đã có trong đoàn: %(names)s.") % {"names": ", ".join(again)}}
        )


def needs_vetting(issuance) -> bool:
    """Return True if ``issuance`` adds people the security agency has not yet vetted."""
    added = (issuance.changes or {}).get("add_people") or []
    return any(not entry.get("verdict") for entry in added)


@atomic
def vet_change(matter, *, actor, verdicts: dict, comment="", task=None):
    """The security agency's verdict on each person an amendment adds (person id →
    (verdict, note)). An objection ends the request: the unit may ask again without
    that person. Otherwise the verdicts are kept with the change, for its members' rows.
    """
    security = Province.current().security_agency
    if not has_role(actor, Role.SECURITY_OFFICER, security):
        raise PermissionDenied(_("Bạn không phải cán bộ của cơ quan an ninh."))
    issuance = pending(matter)
    if issuance is None or not needs_vetting(issuance):
        raise ValidationError(_("Không có người bổ sung đang chờ thẩm tra an ninh."))
    errors, added = [], issuance.changes["add_people"]
    for entry in added:
        verdict, note = verdicts.get(entry["person"], ("", ""))
        if verdict not in (CLEARED, CLEARED_WITH_NOTES, OBJECTED):
            errors.append(_("Chưa có kết quả thẩm tra cho %(name)s.") % {"name": entry["name"]})
        elif verdict == OBJECTED and not note.strip():
            errors.append(_("Hãy ghi lý do không đồng ý với %(name)s.") % {"name": entry["name"]})
        entry["verdict"], entry["note"] = verdict, note.strip()
    if errors:
        raise ValidationError({"verdicts": errors})
    objected = [entry["name"] for entry in added if entry["verdict"] == OBJECTED]
    record(
        audit.Action.SECURITY_OBJECTED if objected else audit.Action.SECURITY_CLEARED,
        matter,
        actor=actor,
        role=Role.SECURITY_OFFICER,
        unit=security,
        comment=comment,
        payload={
            "purpose": issuance.purpose,
            "verdicts": {e["person"]: e["verdict"] for e in added},
        },
        task=task,
    )
    if objected:
        issuance.delete()
        to = [matter.submitted_by, *([reviewer_of(matter)] if matter.reviewer_id else [])]
        notify(Event.SECURITY_OBJECTION, matter, to, actor=actor, task=task, comment=comment)
        return None
    issuance.save(update_fields=["changes"])
    return issuance


@atomic
def review_change(matter, *, actor, accept: bool, comment="", task=None) -> Issuance:
    """The focal agency's reviewer submits the change to the leader, or refuses it."""
    require_committee_or_focal(actor)
    issuance = pending(matter)
    if issuance is None or issuance.purpose == Purpose.ORIGINAL or issuance.submission_number:
        raise ValidationError(_("Không có đề nghị điều chỉnh, hủy đang chờ thẩm định."))
    if not accept:
        require_comment(comment, _("Hãy ghi rõ lý do không chấp thuận."))
        record(
            audit.Action.REJECTED,
            matter,
            actor=actor,
            role=Role.DEPARTMENT_REVIEWER,
            unit=Province.current().focal_agency,
            comment=comment,
            payload={"purpose": issuance.purpose},
            task=task,
        )
        issuance.delete()
        notify(Event.REJECTED, matter, [matter.submitted_by], actor=actor, task=task)
        return None
    record(
        audit.Action.FORWARDED,
        matter,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        unit=Province.current().focal_agency,
        comment=comment,
        payload={"to": "leader", "purpose": issuance.purpose},
        task=task,
    )
    return issuance


def require_committee_or_focal(actor) -> None:
    if not has_role(actor, Role.DEPARTMENT_REVIEWER, Province.current().focal_agency):
        raise PermissionDenied(_("Bạn không phải chuyên viên thẩm định của cơ quan ngoại vụ."))


@atomic
def approve_change(matter, *, actor, accept: bool, comment="", task=None):
    """The leader approves the amending or cancelling document (a draft), or refuses it."""
    require_committee(actor, Role.LEADER)
    issuance = pending(matter)
    if issuance is None or not issuance.submission_number or issuance.approved_at:
        raise ValidationError(_("Không có tờ trình điều chỉnh, hủy đang chờ phê duyệt."))
    if not accept:
        require_comment(comment, _("Hãy ghi rõ lý do không chấp thuận."))
        issuance.delete()
        action, event = audit.Action.REJECTED, Event.REJECTED
    else:
        issuance.approved_at = timezone.now()
        issuance.save(update_fields=["approved_at"])
        action, event = audit.Action.APPROVED, Event.APPROVED
    record(
        action,
        matter,
        actor=actor,
        role=Role.LEADER,
        unit=_committee(),
        comment=comment,
        payload={"purpose": issuance.purpose},
        task=task,
    )
    notify(event, matter, [matter.submitted_by], actor=actor, task=task)
    return issuance


def counts(model) -> dict:
    """Return the number of ``model``'s matters amended and cancelled, by registered
    documents (for the reports)."""
    kind = ContentType.objects.get_for_model(model, for_concrete_model=True)
    rows = (
        Issuance.objects.filter(matter_type=kind, sequence__isnull=False)
        .exclude(purpose=Purpose.ORIGINAL)
        .values("purpose")
        .annotate(n=models.Count("matter_id", distinct=True))
    )
    return {row["purpose"]: row["n"] for row in rows}


# -- the draft and the document of record, for a kind's Word builder ---------------------


def submission_of(document) -> SimpleNamespace | None:
    """Return the submission a decision cites (``number``, ``date``), or None."""
    if document is None or not document.submission_number:
        return None
    return SimpleNamespace(number=document.submission_number, date=document.submission_date)


def blank_number(doc_type: str) -> str:
    """Return a draft's number: the symbol after a blank (``     /QĐ-UBND``)."""
    return "      /" + symbol(doc_type, _committee())


def draft_bytes(build, matter, document) -> bytes:
    """Return the draft of ``matter``'s document: ``build(copy, submission=...)`` on a copy
    of ``matter`` without number or date (the builders print the blanks the clerk fills)."""
    draft = copy.copy(matter)
    draft.decision_number, draft.decision_date = None, None
    return build(draft, submission=submission_of(document))


def with_submission(build, matter, **kwargs) -> bytes:
    """Return ``build(matter, submission=..., **kwargs)``: the issued document cites the
    submission (tờ trình) of its original."""
    document = original(matter) or of_record(matter)
    return build(matter, submission=submission_of(document), **kwargs)
