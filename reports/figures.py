"""The figures of the foreign-affairs report (DESIGN §7), for any period, bounds included.

Every figure is a SQL aggregate: the number of queries does not grow with the number of
matters. Python only walks the groups a query returns (countries, months, units), and,
for the median time to decision, the decided matters of the period, against one read of
the working-day calendar.

Counting rules (DESIGN §7): a trip, visit or conference counts when it was approved (or
went on to its results report and completion) and starts in the period; an agreement
when it was signed in the period. Rejected, withdrawn, refused and still-open matters
never count there; they appear under ``processing``, which is read from the audit trail.
Matters imported without a history have no audit steps, so no processing figures.

Public API: ``compute`` (the contract's JSON shape, exactly), ``breakdowns`` (what
users ask for besides), ``compare`` (the same period a year earlier), ``full_report``
(the three together, as the command prints them) and ``changes`` (headline rows with
the difference from the same period last year).
"""

import datetime
import statistics
from collections import Counter

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone, translation
from viewflow.workflow.status import STATUS

from agreements.models import SIGNED_STATUSES, Agreement
from audit.models import Action, Entry
from matters.models import Issuance
from matters.status import COUNTED, Status
from organizations.models import StaffProfile
from permits.models import Guest, InboundVisit, OutboundTrip, TripMember
from workdays.calendar import WorkingCalendar
from workdays.models import TaskDeadline

from .formatting import country_name_vi, month_label

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
}


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
        "processing": _processing(date_from, date_to),
    }


def _check_period(date_from, date_to) -> None:
    if not isinstance(date_from, datetime.date) or not isinstance(date_to, datetime.date):
        raise TypeError("The period's bounds must be dates.")
    if date_from > date_to:
        raise ValueError("The period must not end before it starts.")


def _sorted_counts(counter) -> dict:
    """Return ``{key: n}`` largest first, then by key, without empty keys."""
    items = ((key, n) for key, n in counter.items() if key and n)
    return dict(sorted(items, key=lambda item: (-item[1], str(item[0]))))


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


# -- Processing, from the audit trail ------------------------------------------------------


def _matter_types() -> list[int]:
    models = [OutboundTrip, InboundVisit, Agreement]
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


def _labelled(queryset, field: str, choices) -> list[dict]:
    labels = dict(choices)
    rows = queryset.values(field).annotate(n=Count("pk")).order_by("-n", field)
    return [_row(row[field], labels.get(row[field], row[field]), row["n"]) for row in rows]


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
            "processing": _processing_breakdowns(date_from, date_to),
        }


def _outbound_breakdowns(date_from, date_to) -> dict:
    trips = counted_trips(date_from, date_to)
    members = TripMember.objects.filter(trip__in=trips).order_by()
    units = (
        trips.values("unit__name")
        .annotate(n=Count("pk", distinct=True), members=Count("members"))
        .order_by("-n", "unit__name")
    )
    people = (
        members.values("full_name")
        .annotate(n=Count("trip", distinct=True))
        .order_by("-n", "full_name")
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
        "by_person": [_row(row["full_name"], row["full_name"], row["n"]) for row in people],
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


# -- The same period a year earlier --------------------------------------------------------


def year_earlier(day: datetime.date) -> datetime.date:
    """Return the same day a year earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def compare(date_from: datetime.date, date_to: datetime.date) -> dict:
    """Return ``compute`` for the same period a year earlier (so với cùng kỳ)."""
    return compute(year_earlier(date_from), year_earlier(date_to))


def full_report(date_from: datetime.date, date_to: datetime.date) -> dict:
    """Return ``compute`` plus ``breakdowns`` and ``same_period_last_year``, as the command
    prints it; the contract's keys are untouched."""
    return {
        **compute(date_from, date_to),
        "breakdowns": breakdowns(date_from, date_to),
        "same_period_last_year": compare(date_from, date_to),
    }


HEADLINES = (
    ("outbound_trips", "count", "Đoàn ra (đoàn)"),
    ("outbound_trips", "members", "Đoàn ra (lượt người)"),
    ("inbound_visits", "count", "Đoàn vào (đoàn)"),
    ("inbound_visits", "persons", "Đoàn vào (lượt người)"),
    ("inbound_visits", "country_count", "Đoàn vào (quốc gia)"),
    ("conferences", "count", "Hội nghị, hội thảo quốc tế"),
    ("conferences", "participants", "Hội nghị, hội thảo (lượt người)"),
    ("agreements", "signed", "Thỏa thuận quốc tế ký kết"),
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


def changes(current: dict, previous: dict) -> list[dict]:
    """Return the headline figures beside the same period a year earlier, with the change."""
    rows = []
    for section, key, label in HEADLINES:
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
