"""Writes on the register of foreign NGOs, the meetings held with them and the visits
hosted for them, by the focal (or appraising) agency's reviewers; each audited.

The visit is another kind's matter: it is stored by content type and id (ADR 0015).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from matters import steps
from organizations.models import Province, Role
from organizations.selectors import has_role

from .models import ForeignNGO, HostedVisit, Meeting
from .services import appraising_agency


def require_register_keeper(actor) -> None:
    """Raise PermissionDenied unless ``actor`` reviews for the focal or appraising agency."""
    agencies = [a for a in (Province.current().focal_agency, appraising_agency()) if a]
    if not any(has_role(actor, Role.DEPARTMENT_REVIEWER, a) for a in agencies):
        raise PermissionDenied(_("Chỉ cơ quan ngoại vụ mới cập nhật danh mục tổ chức PCPNN."))


@steps.atomic
def save_ngo(ngo: ForeignNGO, *, actor) -> ForeignNGO:
    """Add or change an NGO of the register (the focal agency's reviewer), audited."""
    require_register_keeper(actor)
    created = ngo.pk is None
    ngo.full_clean()
    ngo.save()
    audit.record(
        audit.Action.CREATED if created else audit.Action.UPDATED,
        actor=actor,
        subject=ngo,
        role=Role.DEPARTMENT_REVIEWER.value,
        payload={"ngo": ngo.name},
    )
    return ngo


@steps.atomic
def record_meeting(*, actor, fields: dict, organisations) -> Meeting:
    """Record a meeting with NGOs (the focal agency's reviewer), audited."""
    require_register_keeper(actor)
    today = timezone.localdate()
    meeting = Meeting(recorded_by=actor, **fields)
    if meeting.held_on and meeting.held_on > today:
        raise ValidationError({"held_on": _("Ngày gặp không được sau hôm nay.")})
    if not meeting.reference:
        meeting.reference = _next_meeting_reference((meeting.held_on or today).year)
    meeting.full_clean(exclude=["organisations"])
    meeting.save()
    meeting.organisations.set(organisations)
    audit.record(
        audit.Action.CREATED,
        actor=actor,
        subject=meeting,
        role=Role.DEPARTMENT_REVIEWER.value,
        payload={"meeting": meeting.reference, "held_on": meeting.held_on.isoformat()},
    )
    return meeting


def _next_meeting_reference(year: int) -> str:
    """Return the next free meeting reference of ``year``: GM-2026-003."""
    taken = set(
        Meeting.objects.filter(reference__startswith=f"GM-{year}-").values_list(
            "reference", flat=True
        )
    )
    n = len(taken) + 1
    while f"GM-{year}-{n:03d}" in taken:
        n += 1
    return f"GM-{year}-{n:03d}"


@steps.atomic
def link_visit(ngo: ForeignNGO, visit, *, actor) -> HostedVisit:
    """Record that ``visit`` (an inbound visit, another kind's matter) was hosted for ``ngo``."""
    require_register_keeper(actor)
    matter_type = ContentType.objects.get_for_model(visit)
    if HostedVisit.objects.filter(ngo=ngo, matter_type=matter_type, matter_id=visit.pk).exists():
        raise ValidationError({"reference": _("Đoàn vào này đã được liên kết với tổ chức.")})
    link = HostedVisit.objects.create(
        ngo=ngo,
        matter_type=matter_type,
        matter_id=visit.pk,
        reference=visit.reference,
        linked_by=actor,
        linked_at=timezone.now(),
    )
    audit.record(
        audit.Action.UPDATED,
        actor=actor,
        subject=ngo,
        role=Role.DEPARTMENT_REVIEWER.value,
        payload={"visit": visit.reference},
    )
    return link
