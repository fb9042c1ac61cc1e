"""Report time over 100,000 matters: ``reports.figures.compute`` beside bare SQL.

The matters, spread over the last four years (``bench.data`` for the trips, with their
flow rows, audit entries and deadlines; straight SQL for the rest): 60 % outbound
trips, 25 % inbound visits with four guests each, 10 % agreements and 5 % conferences
(if ``conferences.Conference`` is installed; otherwise their share goes to visits).

For one year and for four years, in the same run: the JSON report
(``reports.figures.compute(date_from, date_to)``) and the bare SQL aggregates it stands
on (``BARE``: the same counts, groups and rows, written by hand, no ORM and no Python
afterwards). Each is run ``repeats`` times, alternately, after one warm-up; the figure
is the median. Target: the report ≤ 2× the bare SQL.
"""

import datetime
import statistics
import sys
import time

from django.db import connection, transaction

from . import data

COUNTRIES = ["JP", "KR", "FR", "US", "DE", "CN", "LA", "KH", "TH", "AU"]
NATIONALITIES = [*COUNTRIES, "GB", "IT", "RU", "IN", "SG", "MY", "CA", "NL", "BE", "CH"]

_VISITS = """
INSERT INTO permits_inboundvisit (id, reference, title, organisation, countries,
    start_date, end_date, programme, places, purpose, field, funding_source, host_leader,
    received_by_provincial_leaders, status, submitted_at, returned_from, security_notes,
    security_vetted, decided_at, decision_number, decision_date, report_due_on, report_text,
    report_submitted_at, created_at, updated_at, approver_id, reviewer_id, submitted_by_id,
    unit_id{more_columns})
SELECT i, 'BENCH-V-' || i, 'Đoàn khách số ' || i, 'Đối tác nước ngoài',
    (%(countries)s::text[])[1 + i %% 10], d.start, d.start + 2 + i %% 3, '', '', '',
    'Kinh tế', 'host_unit', '', i %% 7 = 0, s.status, d.start - 20, '', '', true,
    CASE WHEN s.status <> 'rejected' THEN d.start - 5 END,
    CASE WHEN s.status <> 'rejected' THEN i || '/UBND-NV' ELSE '' END,
    CASE WHEN s.status <> 'rejected' THEN d.start - 5 END, NULL, '', NULL,
    d.start - 20, d.start - 20, NULL, %(reviewer)s,
    (%(staff)s::bigint[])[1 + i %% 40], (%(units)s::bigint[])[1 + i %% 40]{more_values}
FROM generate_series(1, %(count)s) AS i
CROSS JOIN LATERAL (SELECT current_date - (i * %(days)s)::int AS start) AS d
CROSS JOIN LATERAL (SELECT CASE WHEN i %% 10 = 0 THEN 'rejected'
    WHEN i %% 10 = 1 THEN 'approved' ELSE 'completed' END AS status) AS s
"""

_GUESTS = """
INSERT INTO permits_guest ("order", full_name, nationality, passport_encrypted,
    passport_index, date_of_birth_encrypted, passport_expiry, organisation, position,
    security_verdict, security_note, removed, visit_id{more_columns})
SELECT g, 'Khách ' || v.id || '-' || g, (%(nationalities)s::text[])[1 + (v.id + g) %% 20],
    '', '', '', v.end_date + 365, 'Đối tác', 'Thành viên', 'cleared', '',
    g = 4 AND v.id %% 10 = 3, v.id{more_values}
FROM permits_inboundvisit v CROSS JOIN generate_series(1, 4) AS g
"""

_AGREEMENTS = """
INSERT INTO agreements_agreement (id, reference, title, kind, field, partner, partner_kind,
    partner_country, purpose, content, term, proposed_signer, signer_level, status,
    returned_from, submitted_at, synthesis, has_disagreement, escalated_on, pm_consent,
    decided_at, signed_on, signed_place, signed_by, valid_from, valid_until, reported_on,
    created_at, updated_at, approver_id, reviewer_id, submitted_by_id, unit_id{more_columns})
SELECT i, 'BENCH-A-' || i, 'Thỏa thuận số ' || i, 'mou', 'economy', 'Đối tác ' || i,
    'local_government', (%(countries)s::text[])[1 + i %% 10], '', '', '5 năm', '',
    'peoples_committee', s.status, '', d.day - 30, '', false, NULL, '',
    CASE WHEN s.status <> 'rejected' THEN d.day - 10 END,
    CASE WHEN s.status <> 'rejected' THEN d.day END, '', '', NULL, NULL, NULL,
    d.day - 30, d.day - 30, NULL, %(reviewer)s,
    (%(staff)s::bigint[])[1 + i %% 40], (%(units)s::bigint[])[1 + i %% 40]{more_values}
FROM generate_series(1, %(count)s) AS i
CROSS JOIN LATERAL (SELECT current_date - (i * %(days)s)::int AS day) AS d
CROSS JOIN LATERAL (SELECT CASE WHEN i %% 10 < 2 THEN 'rejected'
    WHEN i %% 10 = 2 THEN 'in_force' ELSE 'signed' END AS status) AS s
"""

# The bare SQL of each figure of ``compute``: what the database must do at least.
BARE = {
    "trips": """SELECT count(*) FROM permits_outboundtrip
        WHERE status = ANY(%(counted)s) AND start_date BETWEEN %(from)s AND %(to)s""",
    "members": """SELECT count(*) FROM permits_tripmember m
        JOIN permits_outboundtrip t ON t.id = m.trip_id
        WHERE t.status = ANY(%(counted)s) AND t.start_date BETWEEN %(from)s AND %(to)s""",
    "trip_countries": """SELECT countries, count(*) FROM permits_outboundtrip
        WHERE status = ANY(%(counted)s) AND start_date BETWEEN %(from)s AND %(to)s
        GROUP BY countries""",
    "visits": """SELECT count(*) FROM permits_inboundvisit
        WHERE status = ANY(%(counted)s) AND start_date BETWEEN %(from)s AND %(to)s""",
    "guests": """SELECT g.nationality, count(*) FROM permits_guest g
        JOIN permits_inboundvisit v ON v.id = g.visit_id
        WHERE NOT g.removed AND v.status = ANY(%(counted)s)
            AND v.start_date BETWEEN %(from)s AND %(to)s GROUP BY g.nationality""",
    "agreements": """SELECT count(*) FROM agreements_agreement
        WHERE status = ANY(%(signed)s) AND signed_on BETWEEN %(from)s AND %(to)s""",
    "agreement_countries": """SELECT partner_country, count(*) FROM agreements_agreement
        WHERE status = ANY(%(signed)s) AND signed_on BETWEEN %(from)s AND %(to)s
        GROUP BY partner_country""",
    "processing": """SELECT count(*) FILTER (WHERE action = 'submitted'),
            count(*) FILTER (WHERE action = 'approved'),
            count(*) FILTER (WHERE action = 'rejected'),
            count(*) FILTER (WHERE action = 'returned')
        FROM audit_entry WHERE occurred_at >= %(since)s AND occurred_at < %(until)s
            AND subject_type_id = ANY(%(types)s)""",
    # Local dates, as the report reads them: it counts working days between dates.
    "decisions": """SELECT e.subject_type_id, e.subject_id, ((SELECT s.occurred_at
            FROM audit_entry s WHERE s.action = 'submitted'
                AND s.subject_type_id = e.subject_type_id AND s.subject_id = e.subject_id
            ORDER BY s.seq LIMIT 1) AT TIME ZONE %(zone)s)::date,
            (e.occurred_at AT TIME ZONE %(zone)s)::date
        FROM audit_entry e WHERE e.occurred_at >= %(since)s AND e.occurred_at < %(until)s
            AND e.subject_type_id = ANY(%(types)s) AND e.action IN ('approved', 'rejected')
        ORDER BY e.seq""",
    "calendar": """SELECT date, kind FROM workflows_calendarday
        WHERE date BETWEEN %(from)s::date - 60 AND %(to)s""",
    "overdue": """SELECT count(*) FROM workflows_taskdeadline d
        JOIN viewflow_task k ON k.id = d.task_id
        WHERE d.due_on BETWEEN %(from)s AND %(to)s AND ((k.finished AT TIME ZONE %(zone)s)::date
            > d.due_on OR (k.finished IS NULL AND k.status IN ('NEW', 'ASSIGNED', 'STARTED')
            AND d.due_on < current_date))""",
}
_CONFERENCES = """SELECT count(*), sum(coalesce({actual}, {planned})) FROM {table}
    WHERE status = ANY(%(counted)s) AND start_date BETWEEN %(from)s AND %(to)s"""


def _figures_module():
    """Return ``reports.figures`` if it offers ``compute``, else None (and say why)."""
    try:
        from reports import figures
    except ImportError as error:
        print(f"report: reports.figures cannot be imported ({error})", file=sys.stderr)
        return None
    if not callable(getattr(figures, "compute", None)):
        print("report: reports.figures has no compute(date_from, date_to)", file=sys.stderr)
        return None
    return figures


def _add_conferences(model, count: int, world: dict, days: float) -> None:
    """Create ``count`` conferences through the ORM (their table is another app's)."""
    from django.db import models

    known = {
        "participants_planned": lambda i: 40 + i % 60,
        "participants_actual": lambda i: None if i % 4 == 0 else 35 + i % 60,
        "status": lambda i: "rejected" if i % 10 == 0 else "completed",
        "countries": lambda i: COUNTRIES[i % 10],
        "start_date": lambda i: datetime.date.today() - datetime.timedelta(days=int(i * days)),
        "end_date": lambda i: datetime.date.today() - datetime.timedelta(days=int(i * days) - 2),
        "reference": lambda i: f"BENCH-H-{i}",
        "ref": lambda i: f"BENCH-H-{i}",
    }

    def value(field, i):
        if field.name in known:
            return known[field.name](i)
        if field.has_default():
            return field.get_default()
        if field.null:
            return None
        if isinstance(field, models.ForeignKey):
            target = field.related_model._meta.label
            if target == "organizations.Unit":
                return world["units"][i % 40]
            if target == "organizations.User":
                return world["staff"][i % 40]
            return None
        if isinstance(field, models.DateTimeField):
            return datetime.datetime.now(datetime.UTC)
        if isinstance(field, models.DateField):
            return datetime.date.today()
        if field.choices:
            return field.choices[0][0]
        if isinstance(field, (models.IntegerField, models.DecimalField)):
            return 0
        if isinstance(field, models.BooleanField):
            return False
        return f"Hội nghị số {i}" if isinstance(field, models.CharField) else ""

    fields = [f for f in model._meta.concrete_fields if not f.primary_key and not f.auto_created]
    rows = []
    for i in range(1, count + 1):
        row = model()
        for field in fields:
            setattr(row, field.attname, value(field, i))
        rows.append(row)
    model.objects.bulk_create(rows, batch_size=2000)


def generate(matters: int, world: dict) -> dict:
    """Add ``matters`` matters over four years; return how many of each kind."""
    from reports.figures import conference_model

    conference = conference_model()
    counts = {
        "outbound_trips": matters * 60 // 100,
        "agreements": matters * 10 // 100,
        "conferences": matters * 5 // 100 if conference is not None else 0,
    }
    counts["inbound_visits"] = matters - sum(counts.values())
    four_years = 4 * 365
    data.add_trips(
        1,
        counts["outbound_trips"],
        world=world,
        open_count=min(400, counts["outbound_trips"] // 10),
        history_minutes=max(1, four_years * 24 * 60 // counts["outbound_trips"]),
    )
    params = {
        "countries": COUNTRIES,
        "nationalities": NATIONALITIES,
        "staff": world["staff"],
        "units": world["units"],
        "reviewer": world["people"]["chuyenvien.snv"].pk,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        for statement, kind in ((_VISITS, "inbound_visits"), (_AGREEMENTS, "agreements")):
            count = counts[kind]
            values = {**params, "count": count, "days": four_years / count}
            cursor.execute(data.filled(statement, values), values)
        cursor.execute(data.filled(_GUESTS, params), params)
        for table in ("permits_inboundvisit", "permits_guest", "agreements_agreement"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
    if conference is not None and counts["conferences"]:
        _add_conferences(
            conference, counts["conferences"], world, four_years / counts["conferences"]
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return counts


def _bare_statements(figures) -> list[str]:
    statements = list(BARE.values())
    conference = figures.conference_model()
    if conference is not None:
        meta = conference._meta
        statements.append(
            _CONFERENCES.format(
                table=meta.db_table,
                actual=meta.get_field("participants_actual").column,
                planned=meta.get_field("participants_planned").column,
            )
        )
    return statements


def _bare(statements, params) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, params)
            cursor.fetchall()


def _params(figures, date_from, date_to) -> dict:
    from django.conf import settings

    from agreements.models import SIGNED_STATUSES

    return {
        "from": date_from,
        "to": date_to,
        "since": figures._local_midnight(date_from),
        "until": figures._local_midnight(date_to + datetime.timedelta(days=1)),
        "counted": [str(status) for status in figures.COUNTED_STATUSES],
        "signed": [str(status) for status in SIGNED_STATUSES],
        "types": figures._matter_types(),
        "zone": settings.TIME_ZONE,
    }


def _timed(function) -> float:
    began = time.perf_counter()
    function()
    return (time.perf_counter() - began) * 1000


def measure(figures, date_from, date_to, repeats: int) -> dict:
    statements = _bare_statements(figures)
    params = _params(figures, date_from, date_to)
    result = figures.compute(date_from, date_to)  # warm-up, and the figures shown
    _bare(statements, params)
    report_ms, bare_ms = [], []
    for _ in range(repeats):
        report_ms.append(_timed(lambda: figures.compute(date_from, date_to)))
        bare_ms.append(_timed(lambda: _bare(statements, params)))
    report, bare = statistics.median(report_ms), statistics.median(bare_ms)
    return {
        "report_ms": round(report, 1),
        "bare_sql_ms": round(bare, 1),
        "ratio": round(report / bare, 2),
        "trips_counted": result["outbound_trips"]["count"],
        "visits_counted": result["inbound_visits"]["count"],
        "agreements_counted": result["agreements"]["signed"],
        "conferences_counted": result["conferences"]["count"],
        "decisions": result["processing"]["approved"] + result["processing"]["rejected"],
    }


def run(quick=False) -> dict:
    figures = _figures_module()
    if figures is None:
        return {"skipped": "reports.figures.compute is not available"}
    matters = 1_000 if quick else 100_000
    repeats = 3 if quick else 7
    world = data.cast()
    began = time.perf_counter()
    counts = generate(matters, world)
    generated_in = time.perf_counter() - began
    today = datetime.date.today()
    results = {"matters": matters, **counts, "generated_in_s": round(generated_in, 1)}
    for label, years in (("one_year", 1), ("four_years", 4)):
        period = measure(figures, today - datetime.timedelta(days=365 * years), today, repeats)
        for key, value in period.items():
            results[f"{label}.{key}"] = value
    results["worst_ratio"] = max(results["one_year.ratio"], results["four_years.ratio"])
    return results
