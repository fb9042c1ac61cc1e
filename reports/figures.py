"""The figures of the foreign-affairs report (DESIGN §7), for any period, bounds included.

Every figure is a SQL aggregate: the number of queries does not grow with the number of
matters. Python only walks the groups a query returns (countries, months, units), and,
for the median time to decision, the decided matters of the period, against one read of
the working-day calendar.

Counting rules (DESIGN §7): a trip, visit or conference counts when it was approved (or
went on to its results report and completion) and starts in the period; an agreement
when it was signed in the period; a foreign NGO aid when it was approved in the period
(its decision's date; a lapsed approval never counts), with the money disbursed in the
period and the meetings held with NGOs in it (docs/reports.md). Rejected, withdrawn,
refused and still-open matters never count there; they appear under ``processing``,
which is read from the audit trail. Matters imported without a history have no audit
steps, so no processing figures.

Public API: ``compute`` (the contract's JSON shape, exactly), ``breakdowns`` (what
users ask for besides), ``previous_period`` and ``compare`` (the comparison period,
which never overlaps the period), ``consular_figures`` (the consular section),
``full_report`` (the report to the ministry: no person's name, no internal processing
figure), ``internal_report`` (the focal agency's management report: processing times,
overdue steps, trips per person) and ``changes`` (headline rows with the difference
from the comparison period).
"""

import datetime
import statistics
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone, translation
from viewflow.workflow.status import STATUS

from agreements.models import SIGNED_STATUSES, Agreement
from audit.models import Action, Entry
from consular.models import ConsularCase
from consular.models import Group as ConsularGroup
from matters.models import Issuance
from matters.status import COUNTED, Status
from ngo_aid.models import COUNTED as AID_COUNTED
from ngo_aid.models import AidProject, Disbursement, Meeting
from organizations.models import StaffProfile
from permits.models import Guest, InboundVisit, OutboundTrip, TripMember
from plans import selectors as plan_figures
from workdays.calendar import WorkingCalendar
from workdays.models import TaskDeadline

from .formatting import country_name_vi, month_label, vi_sort_key
from .models import INDICATORS, ExternalFigure, Indicator, Section

# Approved, and what follows approval: the results report and completion.
COUNTED_STATUSES = COUNTED
OPEN_TASK_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
DECISIONS = (Action.APPROVED, Action.REJECTED)
PROCESSING_ACTIONS = {
    "submitted": Action.SUBMITTED,
    "approved": Action.APPROVED,
    "rejected": Action.REJECTED,
    "returned": Action.RETURNED,
}
# Buckets of the time from submission to decision, in working days (upper bound, label).
DECISION_TIME_BUCKETS = (
    (5, "Đến 05 ngày làm việc"),
    (10, "06–10 ngày làm việc"),
    (20, "11–20 ngày làm việc"),
    (None, "Trên 20 ngày làm việc"),
)
# The stage of a step key ("outbound.review" → "review"), as the report names it.
STAGE_LABELS = {
    "endorse": "Đơn vị cho ý kiến",
    "review": "Thẩm định",
    "party_opinion": "Ý kiến Ban Thường vụ Tỉnh ủy",
    "security": "Thẩm tra an ninh",
    "opinion": "Cơ quan liên quan cho ý kiến",
    "synthesis": "Tổng hợp ý kiến",
    "approve": "Lãnh đạo UBND tỉnh phê duyệt",
    "issue_decision": "Ban hành quyết định",
    "report": "Báo cáo kết quả",
    "acknowledge": "Tiếp nhận báo cáo kết quả",
}
KIND_LABELS = {
    "outbound_trips": "Đoàn ra",
    "inbound_visits": "Đoàn vào",
    "agreements": "Thỏa thuận quốc tế",
    "conferences": "Hội nghị, hội thảo quốc tế",
    "ngo_aid": "Viện trợ phi chính phủ nước ngoài",
}


def abtc_models():
    """Return ``abtc.AbtcRequest`` and ``abtc.Manager``, or None before that app is installed."""
    try:
        return apps.get_model("abtc", "AbtcRequest"), apps.get_model("abtc", "Manager")
    except LookupError:
        return None


def conference_model():
    """Return ``conferences.Conference``, or None before that app is installed."""
    try:
        return apps.get_model("conferences", "Conference")
    except LookupError:
        return None


# -- The querysets counted -----------------------------------------------------------------


def counted_trips(date_from: datetime.date, date_to: datetime.date):
    """Return the outbound trips the report counts for the period."""
    return OutboundTrip.objects.filter(
        status__in=COUNTED_STATUSES, start_date__gte=date_from, start_date__lte=date_to
    ).order_by()


def counted_visits(date_from: datetime.date, date_to: datetime.date):
    """Return the inbound visits the report counts for the period."""
    return InboundVisit.objects.filter(
        status__in=COUNTED_STATUSES, start_date__gte=date_from, start_date__lte=date_to
    ).order_by()


def counted_guests(date_from: datetime.date, date_to: datetime.date):
    """Return the guests of the counted visits; a guest removed from a delegation is not one."""
    return Guest.objects.filter(
        visit__in=counted_visits(date_from, date_to), removed=False
    ).order_by()


def counted_agreements(date_from: datetime.date, date_to: datetime.date):
    """Return the agreements signed in the period (and still in the registry)."""
    return Agreement.objects.filter(
        status__in=SIGNED_STATUSES, signed_on__gte=date_from, signed_on__lte=date_to
    ).order_by()


def counted_conferences(date_from: datetime.date, date_to: datetime.date):
    """Return the conferences the report counts, or None before the app exists."""
    model = conference_model()
    if model is None:
        return None
    return model.objects.filter(
        status__in=COUNTED_STATUSES, start_date__gte=date_from, start_date__lte=date_to
    ).order_by()


def counted_aid(date_from: datetime.date, date_to: datetime.date):
    """Return the foreign NGO aid approved in the period (and not lapsed since)."""
    return AidProject.objects.filter(
        status__in=AID_COUNTED, decision_date__gte=date_from, decision_date__lte=date_to
    ).order_by()


def whole_dollars(amount) -> int:
    """Return a USD amount as whole dollars (half up), as the report gives it."""
    return int(Decimal(amount or 0).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _participants():
    # The number that came when it was reported, else the number planned.
    return Sum(Coalesce("participants_actual", "participants_planned"))


# -- The contract (DESIGN §7) --------------------------------------------------------------


def compute(date_from: datetime.date, date_to: datetime.date) -> dict:
    """Return the report's figures for ``date_from``..``date_to`` (both included).

    The shape is DESIGN §7's JSON, exactly; ``median_working_days_to_decision`` is None
    when nothing was decided in the period.
    """
    _check_period(date_from, date_to)
    trips = counted_trips(date_from, date_to)
    guests = counted_guests(date_from, date_to)
    nationalities = _group_counts(guests, "nationality")
    agreements = counted_agreements(date_from, date_to)
    return {
        "period": {"from": date_from.isoformat(), "to": date_to.isoformat()},
        "outbound_trips": {
            "count": trips.count(),
            "members": TripMember.objects.filter(trip__in=trips).count(),
            "countries": _trip_countries(trips),
        },
        "inbound_visits": {
            "count": counted_visits(date_from, date_to).count(),
            "persons": sum(nationalities.values()),
            "country_count": len(nationalities),
            "countries": nationalities,
        },
        "agreements": {
            "signed": agreements.count(),
            "countries": _group_counts(agreements, "partner_country"),
        },
        "conferences": _conference_totals(date_from, date_to),
        "ngo_aid": _aid_totals(date_from, date_to),
        "abtc": _abtc_totals(date_from, date_to),
        "processing": _processing(date_from, date_to),
    }


def _check_period(date_from, date_to) -> None:
    if not isinstance(date_from, datetime.date) or not isinstance(date_to, datetime.date):
        raise TypeError("The period's bounds must be dates.")
    if date_from > date_to:
        raise ValueError("The period must not end before it starts.")


def _sorted_counts(counter) -> dict:
    """Return ``{country code: n}`` largest first, then by the country's Vietnamese name,
    without empty keys."""
    items = ((key, n) for key, n in counter.items() if key and n)
    return dict(
        sorted(items, key=lambda item: (-item[1], vi_sort_key(country_name_vi(str(item[0])))))
    )


def _group_counts(queryset, field: str) -> dict:
    rows = queryset.values(field).annotate(n=Count("pk")).order_by().values_list(field, "n")
    return _sorted_counts({str(key): n for key, n in rows})


def country_codes(value) -> list[str]:
    """Return the ISO codes of a multiple CountryField value ("FR,DE" or a list)."""
    if isinstance(value, str):
        return [code for code in value.split(",") if code]
    return [str(getattr(country, "code", country)) for country in value or ()]


def _trip_countries(trips) -> dict:
    """Return ISO code → trips going there; a trip to FR and DE counts once for each.

    The database groups the trips by their list of countries; Python splits the few
    distinct lists.
    """
    counter = Counter()
    rows = trips.values("countries").annotate(n=Count("pk")).order_by()
    for countries, n in rows.values_list("countries", "n"):
        for code in set(country_codes(countries)):
            counter[code] += n
    return _sorted_counts(counter)


def _conference_totals(date_from, date_to) -> dict:
    conferences = counted_conferences(date_from, date_to)
    if conferences is None:
        return {"count": 0, "participants": 0}
    totals = conferences.aggregate(count=Count("pk"), participants=_participants())
    return {"count": totals["count"], "participants": totals["participants"] or 0}


def _abtc_totals(date_from, date_to) -> dict:
    """The APEC business travel cards the province allowed in the period (the date of
    its decision): requests, business people allowed, and those by economy (a person
    allowed for JP and KR counts once for each)."""
    found = abtc_models()
    if found is None:
        return {"approved": 0, "managers": 0, "economies": {}}
    request_model, manager_model = found
    counted = request_model.objects.filter(
        status__in=COUNTED, decision_date__gte=date_from, decision_date__lte=date_to
    ).order_by()
    managers = manager_model.objects.filter(request__in=counted, approved=True).order_by()
    economies = Counter()
    rows = managers.values_list("card_economies", "request__economies")
    for on_card, asked in rows:
        for code in set(on_card or asked or ()):
            economies[code] += 1
    return {
        "approved": counted.count(),
        "managers": managers.count(),
        "economies": _sorted_counts(economies),
    }


def _aid_totals(date_from, date_to) -> dict:
    """Return the aid approved in the period (number, USD), the USD disbursed in it (on
    any approved aid), the donors' countries (number of aid approved) and the meetings."""
    projects = counted_aid(date_from, date_to)
    value = projects.aggregate(total=Sum("amount_usd"))["total"]
    disbursed = (
        Disbursement.objects.filter(
            disbursed_on__gte=date_from,
            disbursed_on__lte=date_to,
            project__status__in=AID_COUNTED,
        )
        .order_by()
        .aggregate(total=Sum("amount_usd"))["total"]
    )
    meetings = Meeting.objects.filter(held_on__gte=date_from, held_on__lte=date_to)
    return {
        "projects": projects.count(),
        "value_usd": whole_dollars(value),
        "disbursed_usd": whole_dollars(disbursed),
        "by_donor_country": _group_counts(projects, "donor__country"),
        "meetings": meetings.count(),
    }


# -- Processing, from the audit trail ------------------------------------------------------


def _matter_types() -> list[int]:
    models = [OutboundTrip, InboundVisit, Agreement, AidProject]
    if (conference := conference_model()) is not None:
        models.append(conference)
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_entries(date_from, date_to):
    """Return the audit entries about matters recorded in the period (local days)."""
    return Entry.objects.filter(
        occurred_at__gte=_local_midnight(date_from),
        occurred_at__lt=_local_midnight(date_to + datetime.timedelta(days=1)),
        subject_type__in=_matter_types(),
    ).order_by()


def _processing(date_from, date_to) -> dict:
    counts = audit_entries(date_from, date_to).aggregate(
        **{
            name: Count("pk", filter=Q(action=action))
            for name, action in PROCESSING_ACTIONS.items()
        }
    )
    durations = decision_times(date_from, date_to)
    return {
        **counts,
        "median_working_days_to_decision": _median(durations),
        "overdue_steps": overdue_steps(date_from, date_to).count(),
    }


def _median(values: list[int]):
    if not values:
        return None
    middle = statistics.median(values)
    return int(middle) if float(middle).is_integer() else round(float(middle), 1)


def decision_times(date_from, date_to) -> list[int]:
    """Return, for each matter decided in the period, the working days from its first
    submission to its decision (approved or rejected).

    One query for the decisions (with each matter's first submission as a subquery) and
    one for the calendar; a matter with no submission in the trail (imported) is left out.
    """
    first_submission = (
        Entry.objects.filter(
            action=Action.SUBMITTED,
            subject_type=OuterRef("subject_type"),
            subject_id=OuterRef("subject_id"),
        )
        .order_by("seq")
        .values("occurred_at")[:1]
    )
    # Local dates computed by the database: converting 100,000 timestamps in Python
    # was a third of the report's time (docs/performance.md).
    local = timezone.get_current_timezone()
    rows = (
        audit_entries(date_from, date_to)
        .filter(action__in=DECISIONS)
        .annotate(submitted_at=Subquery(first_submission))
        .filter(submitted_at__isnull=False)
        .annotate(
            submitted_on=TruncDate("submitted_at", tzinfo=local),
            decided_on=TruncDate("occurred_at", tzinfo=local),
        )
        .order_by("seq")
        .values_list("subject_type_id", "subject_id", "submitted_on", "decided_on")
    )
    spans = {}
    for type_id, subject_id, submitted_on, decided_on in rows:
        spans.setdefault((type_id, subject_id), (submitted_on, decided_on))
    return _working_days(list(spans.values()))


def _working_days(spans: list[tuple[datetime.date, datetime.date]]) -> list[int]:
    """Return ``working_days_between(start, end)`` for each span, reading the calendar once.

    A running count of working days over the whole range makes each span a subtraction.
    """
    if not spans:
        return []
    first = min(min(span) for span in spans)
    last = max(max(span) for span in spans)
    calendar = WorkingCalendar(first, last)
    running, count = {}, 0
    for offset in range((last - first).days + 1):
        day = first + datetime.timedelta(days=offset)
        if offset and calendar.is_working_day(day):
            count += 1
        running[day] = count
    return [running[end] - running[start] for start, end in spans]


def overdue_steps(date_from, date_to):
    """Return the step deadlines falling in the period that were missed.

    Missed: finished after the due date, or still open after it (the due date itself is
    the last day allowed).
    """
    today = timezone.localdate()
    late = Q(task__finished__date__gt=F("due_on")) | Q(
        task__finished__isnull=True, task__status__in=OPEN_TASK_STATUSES, due_on__lt=today
    )
    return TaskDeadline.objects.filter(late, due_on__gte=date_from, due_on__lte=date_to).order_by()


# -- Breakdowns ----------------------------------------------------------------------------


def _row(key, label, count, **measures) -> dict:
    return {"key": str(key), "label": str(label), "count": count, **measures}


def _country_rows(counts: dict, measure: str = "count") -> list[dict]:
    return [
        {"key": code, "label": country_name_vi(code), "count": n} | {measure: n}
        for code, n in counts.items()
    ]


def _months(date_from, date_to) -> list[datetime.date]:
    months, month = [], date_from.replace(day=1)
    while month <= date_to:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _month_key(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _by_month(date_from, date_to, queryset, date_field: str, **measures) -> list[dict]:
    """Return one row a month of the period (empty months included)."""
    grouped = (
        queryset.annotate(month=TruncMonth(date_field))
        .values("month")
        .annotate(count=Count("pk", distinct=bool(measures)), **measures)
        .order_by()
    )
    found = {_month_key(row.pop("month")): row for row in grouped}
    rows = []
    for month in _months(date_from, date_to):
        row = found.get(month, {})
        extra = {name: row.get(name) or 0 for name in measures}
        rows.append(_row(f"{month:%Y-%m}", month_label(month), row.get("count", 0), **extra))
    return rows


UNKNOWN_LABEL = "Chưa xác định"


def _labelled(queryset, field: str, choices) -> list[dict]:
    """Return rows per value of ``field``; a blank value reads "Chưa xác định"."""
    labels = dict(choices)
    rows = queryset.values(field).annotate(n=Count("pk")).order_by("-n", field)
    return [
        _row(row[field], labels.get(row[field]) or row[field] or UNKNOWN_LABEL, row["n"])
        for row in rows
    ]


def breakdowns(date_from: datetime.date, date_to: datetime.date) -> dict:
    """Return what users ask for besides the totals, for the same period and rules.

    Each list holds rows ``{"key", "label", "count", ...}``, largest first (months in
    order); labels are in Vietnamese, as the report is written.
    """
    _check_period(date_from, date_to)
    with translation.override("vi"):
        return {
            "outbound_trips": _outbound_breakdowns(date_from, date_to),
            "inbound_visits": _inbound_breakdowns(date_from, date_to),
            "agreements": _agreement_breakdowns(date_from, date_to),
            "conferences": _conference_breakdowns(date_from, date_to),
            "ngo_aid": _aid_breakdowns(date_from, date_to),
            "processing": _processing_breakdowns(date_from, date_to),
        }


def _person_rows(members) -> list[dict]:
    """Return the trips of each person (ADR 0016): a person's namesake is another row,
    labelled with the date of birth; a member without a person is counted by name."""
    persons = (
        members.filter(person__isnull=False)
        .values("person_id", "person__full_name", "person__date_of_birth")
        .annotate(n=Count("trip", distinct=True))
    )
    rows = []
    for row in persons:
        born = row["person__date_of_birth"]
        label = row["person__full_name"] + (f" ({born:%d/%m/%Y})" if born else "")
        rows.append(_row(f"person-{row['person_id']}", label, row["n"]))
    named = (
        members.filter(person__isnull=True)
        .values("full_name")
        .annotate(n=Count("trip", distinct=True))
    )
    rows += [_row(row["full_name"], row["full_name"], row["n"]) for row in named]
    return sorted(rows, key=lambda row: (-row["count"], row["label"]))


def _outbound_breakdowns(date_from, date_to) -> dict:
    trips = counted_trips(date_from, date_to)
    members = TripMember.objects.filter(trip__in=trips).order_by()
    units = (
        trips.values("unit__name")
        .annotate(n=Count("pk", distinct=True), members=Count("members"))
        .order_by("-n", "unit__name")
    )
    purposes = trips.values("purpose__name").annotate(n=Count("pk")).order_by("-n", "purpose__name")
    heads = members.filter(delegation_role=TripMember.DelegationRole.HEAD)
    by_level = _labelled(heads, "leader_level", StaffProfile.LeaderLevel.choices)
    headless = trips.count() - sum(row["count"] for row in by_level)
    if headless:
        by_level.append(_row("", "Chưa xác định trưởng đoàn", headless))
    return {
        "by_country": _country_rows(_trip_countries(trips)),
        "by_unit": [
            _row(row["unit__name"], row["unit__name"], row["n"], members=row["members"])
            for row in units
        ],
        "by_person": _person_rows(members),
        "by_purpose": [
            _row(row["purpose__name"], row["purpose__name"], row["n"]) for row in purposes
        ],
        "by_funding_source": _labelled(trips, "funding_source", OutboundTrip.Funding.choices),
        "by_head_level": by_level,
        "by_month": _by_month(date_from, date_to, trips, "start_date", members=Count("members")),
        "by_document": document_changes(OutboundTrip, date_from, date_to),
    }


def document_changes(model, date_from, date_to) -> list[dict]:
    """Return the rows of ``model``'s matters of the period whose issued document was
    amended (counted as taken place) or cancelled (not counted: ADR 0012)."""
    in_period = model.objects.filter(start_date__gte=date_from, start_date__lte=date_to)
    kind = ContentType.objects.get_for_model(model)
    amending = Issuance.objects.filter(
        matter_type=kind, purpose=Issuance.Purpose.AMENDMENT, sequence__isnull=False
    ).values("matter_id")
    amended = in_period.filter(status__in=COUNTED_STATUSES, pk__in=amending).count()
    cancelled = in_period.filter(status=Status.CANCELLED).count()
    rows = []
    if amended:
        rows.append(_row("amended", "Có văn bản điều chỉnh (vẫn tính là đã thực hiện)", amended))
    if cancelled:
        rows.append(_row("cancelled", "Đã hủy bằng văn bản (không tính)", cancelled))
    return rows


def _inbound_breakdowns(date_from, date_to) -> dict:
    visits = counted_visits(date_from, date_to)
    guests = Count("guests", filter=Q(guests__removed=False))
    units = (
        visits.values("unit__name")
        .annotate(n=Count("pk", distinct=True), persons=guests)
        .order_by("-n", "unit__name")
    )
    nationalities = _group_counts(counted_guests(date_from, date_to), "nationality")
    return {
        "by_country": _country_rows(nationalities, "persons"),
        "by_unit": [
            _row(row["unit__name"], row["unit__name"], row["n"], persons=row["persons"])
            for row in units
        ],
        "by_month": _by_month(date_from, date_to, visits, "start_date", persons=guests),
        "received_by_provincial_leaders": visits.filter(
            received_by_provincial_leaders=True
        ).count(),
        "by_document": document_changes(InboundVisit, date_from, date_to),
    }


def _agreement_breakdowns(date_from, date_to) -> dict:
    agreements = counted_agreements(date_from, date_to)
    return {
        "by_country": _country_rows(_group_counts(agreements, "partner_country")),
        "by_field": _labelled(agreements, "field", Agreement.Field.choices),
        "by_kind": _labelled(agreements, "kind", Agreement.Kind.choices),
        "by_signer_level": _labelled(agreements, "signer_level", Agreement.SignerLevel.choices),
        "by_month": _by_month(date_from, date_to, agreements, "signed_on"),
    }


def _conference_breakdowns(date_from, date_to) -> dict:
    conferences = counted_conferences(date_from, date_to)
    if conferences is None:
        return {"by_unit": [], "by_month": _by_month_empty(date_from, date_to)}
    units = (
        conferences.values("unit__name")
        .annotate(n=Count("pk"), participants=_participants())
        .order_by("-n", "unit__name")
    )
    return {
        "by_unit": [
            _row(row["unit__name"], row["unit__name"], row["n"], participants=row["participants"])
            for row in units
        ],
        "by_month": _by_month(
            date_from, date_to, conferences, "start_date", participants=_participants()
        ),
    }


def _aid_breakdowns(date_from, date_to) -> dict:
    projects = counted_aid(date_from, date_to)
    donors = (
        projects.values("donor__name", "donor__country")
        .annotate(n=Count("pk"), value=Sum("amount_usd"))
        .order_by("-n", "donor__name")
    )
    return {
        "by_donor": [
            _row(
                row["donor__name"],
                f"{row['donor__name']} ({country_name_vi(row['donor__country'])})",
                row["n"],
                value_usd=whole_dollars(row["value"]),
            )
            for row in donors
        ],
        "by_field": _labelled(projects, "field", AidProject.Field.choices),
        "by_unit": [
            _row(row["unit__name"], row["unit__name"], row["n"])
            for row in projects.values("unit__name").annotate(n=Count("pk")).order_by("-n")
        ],
    }


def _by_month_empty(date_from, date_to) -> list[dict]:
    return [
        _row(f"{month:%Y-%m}", month_label(month), 0, participants=0)
        for month in _months(date_from, date_to)
    ]


def _processing_breakdowns(date_from, date_to) -> dict:
    models = {
        "outbound_trips": OutboundTrip,
        "inbound_visits": InboundVisit,
        "agreements": Agreement,
        "ngo_aid": AidProject,
    }
    if (conference := conference_model()) is not None:
        models["conferences"] = conference
    types = ContentType.objects.get_for_models(*models.values())
    kinds = {types[model].pk: key for key, model in models.items()}
    grouped = (
        audit_entries(date_from, date_to)
        .values("subject_type")
        .annotate(
            **{
                name: Count("pk", filter=Q(action=action))
                for name, action in PROCESSING_ACTIONS.items()
            }
        )
        .order_by()
    )
    found = {kinds.get(row.pop("subject_type")): row for row in grouped}
    by_kind = [
        _row(key, label, found.get(key, {}).get("submitted", 0), **_actions(found.get(key, {})))
        for key, label in KIND_LABELS.items()
    ]
    stages = Counter()
    for step, n in (
        overdue_steps(date_from, date_to)
        .values("step")
        .annotate(n=Count("pk"))
        .values_list("step", "n")
    ):
        stages[step.rpartition(".")[2]] += n
    times = decision_times(date_from, date_to)
    return {
        "by_kind": by_kind,
        "overdue_by_stage": [
            _row(stage, STAGE_LABELS.get(stage, stage), n) for stage, n in stages.most_common()
        ],
        "decision_time": _decision_time_rows(times),
    }


def _actions(row: dict) -> dict:
    return {name: row.get(name, 0) for name in PROCESSING_ACTIONS}


def _decision_time_rows(times: list[int]) -> list[dict]:
    rows, lower = [], None
    for upper, label in DECISION_TIME_BUCKETS:
        n = sum(1 for t in times if (lower is None or t > lower) and (upper is None or t <= upper))
        rows.append(_row(f"le{upper}" if upper is not None else f"gt{lower}", label, n))
        lower = upper
    return rows


# -- The comparison period ----------------------------------------------------------------

SAME_DATES_LAST_YEAR = "same_dates_last_year"
PRECEDING_PERIOD = "preceding_period"
COMPARISON_LABELS = {
    SAME_DATES_LAST_YEAR: "cùng kỳ năm trước",
    PRECEDING_PERIOD: "kỳ liền trước có cùng độ dài",
}


def year_earlier(day: datetime.date) -> datetime.date:
    """Return the same day a year earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def previous_period(date_from: datetime.date, date_to: datetime.date):
    """Return ``(from, to, rule)`` of the period the report compares with; never overlapping.

    A period of at most a year is compared with the same dates a year earlier ("cùng kỳ
    năm trước"); a longer one, whose dates a year earlier would overlap it, with the
    period of the same length that ends the day before it starts.
    """
    _check_period(date_from, date_to)
    if year_earlier(date_to) < date_from:
        return year_earlier(date_from), year_earlier(date_to), SAME_DATES_LAST_YEAR
    end = date_from - datetime.timedelta(days=1)
    return end - (date_to - date_from), end, PRECEDING_PERIOD


def comparison(date_from: datetime.date, date_to: datetime.date) -> dict:
    """Return the comparison period as the report's JSON states it."""
    start, end, rule = previous_period(date_from, date_to)
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "rule": rule,
        "label": COMPARISON_LABELS[rule],
    }


def compare(date_from: datetime.date, date_to: datetime.date) -> dict:
    """Return ``compute`` for the comparison period (``previous_period``)."""
    start, end, _rule = previous_period(date_from, date_to)
    return compute(start, end)


# -- The consular section ------------------------------------------------------------------


def consular_figures(date_from: datetime.date, date_to: datetime.date) -> dict:
    """Return the consular section: cases that happened in the period, whatever their status.

    ``foreigners_in_distress``: foreigners' cases; ``by_nationality``: those cases per
    nationality; ``citizens_detained_abroad``: persons of citizens' cases abroad;
    ``fishermen_detained``: fishermen of detained vessels, with ``fishing_vessels`` the
    vessels (cases) and ``citizen_cases`` the citizens' cases.
    """
    cases = ConsularCase.objects.filter(
        occurred_on__gte=date_from, occurred_on__lte=date_to
    ).order_by()
    totals = cases.aggregate(
        foreigners=Count("pk", filter=Q(group=ConsularGroup.FOREIGNER)),
        citizen_cases=Count("pk", filter=Q(group=ConsularGroup.CITIZEN)),
        citizens=Sum("people_count", filter=Q(group=ConsularGroup.CITIZEN)),
        vessels=Count("pk", filter=Q(group=ConsularGroup.FISHERMEN)),
        fishermen=Sum("people_count", filter=Q(group=ConsularGroup.FISHERMEN)),
    )
    return {
        "foreigners_in_distress": totals["foreigners"],
        "by_nationality": _group_counts(cases.filter(group=ConsularGroup.FOREIGNER), "nationality"),
        "citizens_detained_abroad": totals["citizens"] or 0,
        "citizen_cases": totals["citizen_cases"],
        "fishermen_detained": totals["fishermen"] or 0,
        "fishing_vessels": totals["vessels"],
    }


# -- The figures of other offices ----------------------------------------------------------


def _plain_number(value):
    """Return a Decimal as an int when whole (5), else a float (41.2)."""
    return int(value) if value == value.to_integral_value() else float(value)


def entered_figures(date_from: datetime.date, date_to: datetime.date) -> list[dict]:
    """Return the figures other offices gave for periods inside ``date_from``..``date_to``,
    each with its section, unit of measure, period, source agency and document (never
    who typed it in: the report to the ministry names nobody)."""
    rows = ExternalFigure.objects.filter(date_from__gte=date_from, date_to__lte=date_to)
    order = list(Indicator.values)
    return [
        {
            "indicator": row.indicator,
            "label": str(Indicator(row.indicator).label),
            "section": str(row.section),
            "value": _plain_number(row.value),
            "unit": row.measure,
            "count": INDICATORS[row.indicator][2],
            "from": row.date_from.isoformat(),
            "to": row.date_to.isoformat(),
            "source": row.source_agency,
            "document": row.source_document,
            "note": row.note,
        }
        for row in sorted(rows, key=lambda r: (order.index(r.indicator), r.date_from))
    ]


# -- The report to the ministry, and the internal management report ------------------------

# What only the focal agency and the leaders read: processing times, overdue steps and
# the trips of each person (a report sent outside names nobody).
INTERNAL_SECTIONS = ("processing",)


def ministry_figures(date_from: datetime.date, date_to: datetime.date) -> dict:
    """Return ``compute`` without the internal processing figures, with the consular section."""
    figures = compute(date_from, date_to)
    for key in INTERNAL_SECTIONS:
        figures.pop(key)
    figures["consular"] = consular_figures(date_from, date_to)
    return figures


def _ministry_breakdowns(date_from, date_to) -> dict:
    details = breakdowns(date_from, date_to)
    for key in INTERNAL_SECTIONS:
        details.pop(key)
    details["outbound_trips"].pop("by_person")
    return details


def full_report(date_from: datetime.date, date_to: datetime.date) -> dict:
    """Return the report to the ministry: the figures (no processing figure), their
    breakdowns (no person's name), the comparison period and its figures.

    ``same_period_last_year`` keeps its name (the contract's) and holds the figures of
    ``comparison``'s period, which is a year earlier only for a period of at most a year.
    """
    start, end, _rule = previous_period(date_from, date_to)
    entered = entered_figures(date_from, date_to)
    return {
        **ministry_figures(date_from, date_to),
        "economic": [row for row in entered if row["section"] == Section.ECONOMIC],
        "other_offices": [row for row in entered if row["section"] != Section.ECONOMIC],
        "plan": plan_figures.report_figures(date_from, date_to),
        "breakdowns": _ministry_breakdowns(date_from, date_to),
        "comparison": comparison(date_from, date_to),
        "same_period_last_year": ministry_figures(start, end),
    }


def internal_report(date_from: datetime.date, date_to: datetime.date) -> dict:
    """Return the internal management report: processing counts and times, overdue steps
    by stage, processing per kind and the trips of each person, beside the comparison
    period's processing figures."""
    _check_period(date_from, date_to)
    start, end, _rule = previous_period(date_from, date_to)
    details = breakdowns(date_from, date_to)
    return {
        "period": {"from": date_from.isoformat(), "to": date_to.isoformat()},
        "processing": _processing(date_from, date_to),
        "breakdowns": {
            "processing": details["processing"],
            "outbound_trips": {"by_person": details["outbound_trips"]["by_person"]},
        },
        "comparison": comparison(date_from, date_to),
        "same_period_last_year": {"processing": _processing(start, end)},
    }


# The headline rows of the report to the ministry, then of the internal report.
HEADLINES = (
    ("outbound_trips", "count", "Đoàn ra (đoàn)"),
    ("outbound_trips", "members", "Đoàn ra (lượt người)"),
    ("inbound_visits", "count", "Đoàn vào (đoàn)"),
    ("inbound_visits", "persons", "Đoàn vào (lượt người)"),
    ("inbound_visits", "country_count", "Đoàn vào (quốc gia)"),
    ("conferences", "count", "Hội nghị, hội thảo quốc tế"),
    ("conferences", "participants", "Hội nghị, hội thảo (lượt người)"),
    ("agreements", "signed", "Thỏa thuận quốc tế ký kết"),
    ("ngo_aid", "projects", "Viện trợ PCPNN (chương trình, dự án)"),
    ("ngo_aid", "value_usd", "Viện trợ PCPNN (giá trị cam kết, USD)"),
    ("ngo_aid", "meetings", "Cuộc gặp với các tổ chức PCPNN"),
    ("consular", "foreigners_in_distress", "Người nước ngoài gặp nạn (trường hợp)"),
    ("consular", "citizens_detained_abroad", "Công dân gặp nạn, bị bắt giữ ở nước ngoài"),
    ("consular", "fishermen_detained", "Ngư dân bị nước ngoài bắt giữ"),
)
INTERNAL_HEADLINES = (
    ("processing", "submitted", "Hồ sơ tiếp nhận"),
    ("processing", "approved", "Hồ sơ được phê duyệt"),
    ("processing", "rejected", "Hồ sơ không chấp thuận"),
    ("processing", "returned", "Lượt trả lại để bổ sung"),
    (
        "processing",
        "median_working_days_to_decision",
        "Thời gian giải quyết (trung vị, ngày làm việc)",
    ),
    ("processing", "overdue_steps", "Bước xử lý quá hạn"),
)


def changes(current: dict, previous: dict, headlines=HEADLINES) -> list[dict]:
    """Return the headline figures beside the comparison period's, with the change."""
    rows = []
    for section, key, label in headlines:
        if section not in current:
            continue  # a section this report leaves out (compute has no consular section)
        now, before = current[section][key], previous[section][key]
        difference = None if now is None or before is None else round(now - before, 1)
        rows.append(
            {
                "key": f"{section}.{key}",
                "label": label,
                "current": now,
                "previous": before,
                "difference": difference,
            }
        )
    return rows
