"""Official and diplomatic passports (hộ chiếu công vụ, ngoại giao) of a trip's members:
the hand-out sheet, the hand-out and hand-back, and the reminders.

The decision sending the delegation lists, beside each member, the kind of passport to
be handed out (``to_hand_out``, the annex of ``permits.documents``); the focal agency's
hand-out sheet (phiếu giao, nhận hộ chiếu, ``permits.passport_sheet``) gives the numbers
and the signatures, once the decision is issued. The sheet's rows are the records of
this module: a member's row shows the passport recorded as handed out for the trip,
whatever passport the member got since, and a passport still out for a member an
amendment removed keeps its row, so that what was signed for on paper can always be
handed back here.

The passports are kept by an agency between trips. After the return each traveller hands
theirs back within the "outbound.passport_return" deadline: 5 working days of re-entry
by Article 23 of the Law on Exit and Entry of Vietnamese Citizens (Luật Xuất cảnh, nhập
cảnh của công dân Việt Nam, 49/2019/QH14; ``RULE``, docs/flows.md), a setting, counted
on the working-day calendar from the trip's return date. On the last day the traveller
and the submitter are reminded; the day after, the unit head and the focal agency's head
are told (escalation).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
import workdays
from matters import steps
from notifications import Event, emit
from organizations.models import Role
from organizations.selectors import users_with_role
from people.models import Passport

from .models import OutboundTrip, Status, TripMember, TripPassport

STEP_KEY = "outbound.passport_return"
#: The rule the hand-back limit comes from, as pages and documents cite it (Vietnamese:
#: legal text, ADR 0003). QĐ 58/2012/QĐ-TTg, made under the decree the Law replaced,
#: set the same 5 days.
RULE = "Điều 23 Luật Xuất cảnh, nhập cảnh của công dân Việt Nam số 49/2019/QH14"
# A trip's passports are handed out once its decision is issued (registered, ADR 0012).
HANDING_OUT = (Status.ISSUED, Status.REPORTING, Status.REPORTED, Status.COMPLETED)


def due_back_on(trip: OutboundTrip) -> datetime.date:
    """Return the last day to hand the trip's passports back."""
    return workdays.due_date(STEP_KEY, trip.end_date)


def limit_label() -> str:
    """Return the hand-back limit in words ("5 ngày làm việc"), as the setting says."""
    return workdays.deadline_for(STEP_KEY).label


def to_hand_out(trip: OutboundTrip) -> dict[int, Passport]:
    """Return, by member id, the passport the sheet gives each member of ``trip``."""
    rows = sheet(trip)
    return {row["member"].pk: row["passport"] for row in rows if row["member"] and row["passport"]}


def sheet(trip: OutboundTrip) -> list[dict]:
    """Return the hand-out sheet's rows: each member, the passport of the member's record
    for this trip if there is one, else the one to hand out (valid longest on the return
    date, or None), and the record; then the passports still out for persons no longer
    members. A row's ``member`` is None for those, its ``person`` always set when known."""
    members = list(trip.members.select_related("person"))
    records = list(
        TripPassport.objects.filter(trip=trip).select_related(
            "passport__person", "passport__kept_by"
        )
    )
    recorded = {r.passport.person_id: r for r in records}
    person_ids = [m.person_id for m in members if m.person_id]
    passports = {}
    for passport in Passport.objects.filter(
        person_id__in=person_ids, expires_on__gte=trip.end_date
    ).select_related("kept_by"):
        best = passports.get(passport.person_id)
        if best is None or passport.expires_on > best.expires_on:
            passports[passport.person_id] = passport
    rows, shown = [], set()
    for member in members:
        record = recorded.get(member.person_id) if member.person_id else None
        passport = record.passport if record else passports.get(member.person_id)
        shown.add(member.person_id)
        rows.append(_row(member.full_name, member, member.person, passport, record))
    for record in records:
        if record.passport.person_id not in shown and record.is_out:
            person = record.passport.person
            rows.append(_row(person.full_name, None, person, record.passport, record))
    return rows


def _row(name, member, person, passport, record) -> dict:
    return {
        "name": name,
        "member": member,
        "person": person,
        "passport": passport,
        "record": record,
    }


@transaction.atomic
def hand_out(trip: OutboundTrip, passports, *, actor, on: datetime.date | None = None):
    """Record that the focal agency handed ``passports`` out for ``trip`` on ``on``."""
    steps.require_status(trip, *HANDING_OUT)
    on = on or timezone.localdate()
    allowed = {row["passport"].pk for row in sheet(trip) if row["passport"] and row["member"]}
    chosen = [p for p in passports if p.pk in allowed]
    if not chosen or len(chosen) != len(list(passports)):
        raise ValidationError(_("Hãy chọn hộ chiếu của thành viên đoàn còn hạn sử dụng."))
    due = due_back_on(trip)
    records = []
    for passport in chosen:
        record, _created = TripPassport.objects.update_or_create(
            trip=trip,
            passport=passport,
            defaults={"handed_out_on": on, "due_back_on": due, "handed_back_on": None},
        )
        records.append(record)
    steps.record(
        audit.Action.PASSPORT_HANDED_OUT,
        trip,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        payload={
            "passports": [p.pk for p in chosen],
            "due_back_on": due.isoformat(),
            "decision": trip.decision_number,
        },
    )
    return records


@transaction.atomic
def hand_back(record: TripPassport, *, actor, on: datetime.date | None = None) -> TripPassport:
    """Record that a passport handed out for a trip came back on ``on``."""
    if not record.is_out:
        raise ValidationError(_("Hộ chiếu này chưa được giao hoặc đã được nộp lại."))
    on = on or timezone.localdate()
    if on < record.handed_out_on:
        raise ValidationError(_("Ngày nộp lại không được trước ngày giao hộ chiếu."))
    record.handed_back_on = on
    record.save(update_fields=["handed_back_on"])
    steps.record(
        audit.Action.PASSPORT_HANDED_BACK,
        record.trip,
        actor=actor,
        role=Role.DEPARTMENT_REVIEWER,
        payload={
            "passport": record.passport_id,
            "late": on > record.due_back_on if record.due_back_on else False,
        },
    )
    return record


def expiry_warnings(trip: OutboundTrip, members: list[TripMember]) -> list[str]:
    """Warn about each member whose every official passport expires within the months
    ``POLICY_PASSPORT_VALID_MONTHS`` (6) after the trip's return."""
    from .policy import limit

    months = limit("POLICY_PASSPORT_VALID_MONTHS", 6)
    person_ids = {m.person_id for m in members if m.person_id}
    if not person_ids:
        return []
    latest = {}
    for person_id, expires_on in Passport.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "expires_on"
    ):
        latest[person_id] = max(expires_on, latest.get(person_id, expires_on))
    needed = _add_months(trip.end_date, months)
    warnings, seen = [], set()
    for member in members:
        expires_on = latest.get(member.person_id)
        if expires_on is None or expires_on >= needed or member.person_id in seen:
            continue
        seen.add(member.person_id)
        warnings.append(
            _(
                "Hộ chiếu của %(name)s hết hạn ngày %(date)s, chưa đủ %(months)d tháng "
                "kể từ ngày về (%(end)s)."
            )
            % {
                "name": member.full_name,
                "date": f"{expires_on:%d/%m/%Y}",
                "months": months,
                "end": f"{trip.end_date:%d/%m/%Y}",
            }
        )
    return warnings


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def remind_passports(today: datetime.date | None = None) -> dict:
    """Remind about passports not handed back: on the last day the traveller and the
    submitter; after it, also the unit head and the focal agency's head (escalation).

    Each reminder and escalation is sent once (the notification key); return the counts.
    """
    today = today or timezone.localdate()
    out = TripPassport.objects.filter(
        handed_out_on__isnull=False, handed_back_on__isnull=True, due_back_on__lte=today
    ).select_related("trip__unit", "trip__submitted_by", "passport__person__staff_profile")
    heads = steps.department(Role.DEPARTMENT_HEAD)
    counts = {"reminded": 0, "escalated": 0}
    for record in out:
        trip = record.trip
        holder = record.passport.person.staff_profile
        context = {"passport": record.passport.number_masked, "person": str(record.passport.person)}
        with transaction.atomic():
            emit(
                Event.PASSPORT_RETURN_DUE,
                subject=trip,
                to=[u for u in (holder and holder.user, trip.submitted_by) if u],
                url=trip.get_absolute_url(),
                context=context,
                key=f"passport-due-{record.pk}",
            )
            counts["reminded"] += 1
            if today > record.due_back_on:
                emit(
                    Event.PASSPORT_RETURN_OVERDUE,
                    subject=trip,
                    to=[*users_with_role(Role.UNIT_HEAD, trip.unit), *heads],
                    url=trip.get_absolute_url(),
                    context=context,
                    key=f"passport-overdue-{record.pk}",
                )
                counts["escalated"] += 1
    return counts
