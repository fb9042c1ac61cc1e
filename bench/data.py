"""Bulk data for the read benchmarks: trips, their processes and tasks, straight in SQL.

Driving a million tasks through the flow would take hours; ``add_trips`` writes what the
flow would have left behind (``viewflow_process``, ``viewflow_task``, ``permits_*``, the
human steps' deadlines and the audit entries) with ``INSERT ... SELECT generate_series``,
with the statuses, owners, ``owner_permission``/``owner_permission_obj_pk`` and artifact
ids the flow writes. ``cast`` makes the people, units and role grants (guardian) first.

Trips ``1 .. open_count`` are open (the last month's work, spread over five steps); the
others are history, dated back from a month ago: 70 % completed (15 tasks: every node
of the flow), 20 % rejected at review (6 tasks), 10 % withdrawn before endorsement
(2 tasks); about 12 tasks a process on average.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

UNITS = 40
FLOW = "workflows/flows.OutboundTripFlow"

# node, type, role (who owns it), unit the step's permission is on
_NODES = {
    "submit": ("HUMAN_START", "staff", None),
    "endorse": ("HUMAN", "head", "unit"),
    "check_endorsed": ("SWITCH", None, None),
    "review": ("HUMAN", "reviewer", "focal"),
    "check_reviewed": ("SWITCH", None, None),
    "security_check": ("HUMAN", "security", "security"),
    "check_cleared": ("SWITCH", None, None),
    "approve": ("HUMAN", "leader", "committee"),
    "check_approved": ("SWITCH", None, None),
    "issue_decision": ("FUNCTION", None, None),
    "wait_for_return": ("TIMER", None, None),
    "open_report": ("FUNCTION", None, None),
    "report": ("HUMAN", "staff", "unit"),
    "acknowledge": ("HUMAN", "reviewer", "focal"),
    "completed": ("END", None, None),
    "rejected": ("END", None, None),
}
_PERMISSION = {
    "head": "organizations.act_as_unit_head",
    "reviewer": "organizations.act_as_department_reviewer",
    "security": "organizations.act_as_security_officer",
    "leader": "organizations.act_as_leader",
    "staff": "organizations.act_as_unit_staff",
}
_PATH = list(_NODES)[:-1]
# trip status -> (nodes, status of the last node)
OUTCOMES = {
    "completed": (_PATH, "DONE"),
    "rejected": ([*_PATH[:5], "rejected"], "DONE"),
    "withdrawn": (["submit", "endorse"], "CANCELED"),
    "submitted": (["submit", "endorse"], "NEW"),
    "in_review": (_PATH[:4], "ASSIGNED"),
    "security_check": (_PATH[:6], "NEW"),
    "awaiting_approval": (_PATH[:8], "ASSIGNED"),
    "reporting": (_PATH[:13], "ASSIGNED"),
}
OPEN_STATUSES = ["submitted", "in_review", "security_check", "awaiting_approval", "reporting"]
_POST_REVIEW = ("completed", "security_check", "awaiting_approval", "reporting", "rejected")


def cast() -> dict:
    """Create the demo people and units, then units up to 40 with a staff member and a head."""
    import io

    from organizations import demo, services
    from organizations.models import Province, Role, Unit, User
    from permits.models import TripPurpose

    loaded = demo.load(io.StringIO())
    people, units = loaded["people"], list(loaded["units"].values())
    staff = {people["canbo.sct"].profile.unit_id: people["canbo.sct"]}
    staff[people["canbo.dhqn"].profile.unit_id] = people["canbo.dhqn"]
    heads = {people["lanhdao.sct"].profile.unit_id: people["lanhdao.sct"]}
    for number in range(len(units) + 1, UNITS + 1):
        units.append(Unit.objects.create(code=f"U{number:02}", name=f"Đơn vị số {number}"))
    for unit in units:
        for role, holders, prefix in (
            (Role.UNIT_STAFF, staff, "cb"),
            (Role.UNIT_HEAD, heads, "ld"),
        ):
            if unit.pk not in holders:
                user = User(username=f"{prefix}.{unit.code.lower()}", full_name=f"{prefix} {unit}")
                user.set_unusable_password()
                user.save()
                services.set_profile(user, unit=unit, position="Chuyên viên", leader_level="other")
                services.grant_role(user, role, unit)
                holders[unit.pk] = user
    TripPurpose.objects.get_or_create(name="Xúc tiến đầu tư")
    province = Province.current()
    return {
        "people": people,
        "units": [u.pk for u in units],
        "staff": [staff[u.pk].pk for u in units],
        "heads": [heads[u.pk].pk for u in units],
        "province": province,
    }


def _nodes_sql() -> str:
    rows = []
    for outcome, (nodes, last_status) in OUTCOMES.items():
        for seq, node in enumerate(nodes, 1):
            kind, role, unit = _NODES[node]
            status = last_status if seq == len(nodes) else "DONE"
            permission = _PERMISSION.get(role) if kind == "HUMAN" else None
            values = [outcome, seq, node, kind, status, role, permission, unit]
            rows.append("(" + ", ".join(_literal(v) for v in values) + ")")
    return (
        "(VALUES " + ", ".join(rows) + ") AS n(outcome, seq, node, kind, status, role, "
        "permission, unit)"
    )


def _literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


_TRIPS = """
INSERT INTO permits_outboundtrip (
    id, reference, title, purpose_detail, countries, cities, start_date, end_date,
    inviting_partner, funding_source, funding_currency, programme, status, submitted_at,
    returned_from, party_opinion_number, party_opinion_content, security_notes,
    security_vetted, decided_at, decision_number, decision_date, report_text, created_at,
    updated_at, approver_id, reviewer_id, submitted_by_id, unit_id, purpose_id)
SELECT i, 'BENCH-' || i, 'Đoàn công tác số ' || i, '',
    (ARRAY['FR', 'JP,KR', 'US', 'DE,FR,IT', 'CN', 'KR', 'LA,KH', 'AU'])[1 + i %% 8], '',
    d.created::date + 30, d.created::date + 34 + i %% 5, 'Đối tác nước ngoài',
    'state_budget', 'VND', '', s.status, d.created, '', '', '', '',
    s.status IN ('completed', 'awaiting_approval', 'reporting'),
    CASE WHEN s.status = 'completed' THEN d.created + interval '10 days' END,
    CASE WHEN s.status = 'completed' THEN i || '/QĐ-UBND' ELSE '' END,
    CASE WHEN s.status = 'completed' THEN d.created::date + 10 END,
    '', d.created, d.created,
    CASE WHEN s.status IN ('completed', 'awaiting_approval', 'reporting') THEN %(leader)s END,
    CASE WHEN s.status IN ('submitted', 'withdrawn') THEN NULL ELSE %(reviewer)s END,
    (%(staff)s::bigint[])[1 + i %% 40], (%(units)s::bigint[])[1 + i %% 40], %(purpose)s
FROM generate_series(%(first)s, %(last)s) AS i
CROSS JOIN LATERAL (SELECT CASE WHEN i <= %(open)s
    THEN now() - i * interval '2 hours'
    ELSE now() - interval '30 days' - i * %(history)s * interval '1 minute' END AS created) AS d
CROSS JOIN LATERAL (SELECT CASE
    WHEN i <= %(open)s THEN (%(open_statuses)s::text[])[1 + (i / 40) %% 5]
    WHEN (i / 40) %% 10 < 7 THEN 'completed'
    WHEN (i / 40) %% 10 < 9 THEN 'rejected'
    ELSE 'withdrawn' END AS status) AS s
"""

_MEMBERS = """
INSERT INTO permits_tripmember (trip_id, "order", full_name, position, unit_name,
    delegation_role, leader_level, is_party_committee_managed, security_verdict,
    security_note)
SELECT t.id, m, 'Thành viên ' || (t.id %% 997) || '-' || m, 'Chuyên viên', 'Đơn vị',
    CASE WHEN m = 1 THEN 'head' ELSE 'member' END, 'other', false,
    CASE WHEN t.status IN ('completed', 'awaiting_approval', 'reporting') THEN 'cleared'
         ELSE 'pending' END, ''
FROM permits_outboundtrip t CROSS JOIN LATERAL generate_series(1, 1 + t.id %% 5) AS m
WHERE t.id BETWEEN %(first)s AND %(last)s
"""

_PROCESSES = """
INSERT INTO viewflow_process (id, flow_class, status, created, finished,
    artifact_content_type_id, artifact_object_id, data)
SELECT t.id, %(flow)s,
    CASE WHEN t.status IN ('completed', 'rejected') THEN 'DONE'
         WHEN t.status = 'withdrawn' THEN 'CANCELED' ELSE 'NEW' END,
    t.created_at,
    CASE WHEN t.status IN ('completed', 'rejected', 'withdrawn')
         THEN t.created_at + interval '40 days' END,
    %(trip_type)s, t.id, '{}'
FROM permits_outboundtrip t WHERE t.id BETWEEN %(first)s AND %(last)s
"""

_TASKS = """
INSERT INTO viewflow_task (flow_task, flow_task_type, status, created, started, finished,
    token, owner_permission, owner_id, process_id, owner_permission_content_type_id,
    owner_permission_obj_pk, assigned, data)
SELECT %(flow)s || '.' || n.node, n.kind, n.status, x.created,
    CASE WHEN n.status IN ('DONE') AND n.role IS NOT NULL THEN x.created END,
    CASE WHEN n.status IN ('DONE', 'CANCELED') THEN x.created + interval '30 minutes' END,
    'start', n.permission, x.owner, t.id,
    CASE WHEN n.permission IS NOT NULL THEN %(unit_type)s END,
    CASE n.unit WHEN 'unit' THEN t.unit_id::text WHEN 'focal' THEN %(focal)s
        WHEN 'security' THEN %(security_unit)s WHEN 'committee' THEN %(committee)s END,
    CASE WHEN x.owner IS NOT NULL THEN x.created END, '{}'
FROM permits_outboundtrip t
JOIN {nodes} ON n.outcome = t.status
CROSS JOIN LATERAL (SELECT t.created_at + n.seq * interval '1 hour' AS created,
    CASE WHEN n.status IN ('NEW', 'CANCELED') THEN NULL ELSE CASE n.role
        WHEN 'staff' THEN t.submitted_by_id
        WHEN 'head' THEN (%(heads)s::bigint[])[1 + t.id %% 40]
        WHEN 'reviewer' THEN %(reviewer)s
        WHEN 'security' THEN %(security)s
        WHEN 'leader' THEN %(leader)s END END AS owner) AS x
WHERE t.id BETWEEN %(first)s AND %(last)s
ORDER BY t.id, n.seq
"""

# Every human step has a deadline (``workflows.deadlines``); the sweep closes it when the
# task finishes.
_DEADLINES = """
INSERT INTO workflows_taskdeadline (task_id, step, days, working, due_on, created_at,
    closed_at)
SELECT k.id, 'outbound.' || replace(split_part(k.flow_task, '.', 3), 'security_check',
    'security'), 5, true, k.created::date + 7, k.created, k.finished
FROM viewflow_task k
WHERE k.process_id BETWEEN %(first)s AND %(last)s AND k.flow_task_type = 'HUMAN'
"""

# One audit entry per completed human step (and the decision), as ``audit.record`` leaves
# them, numbered on from the chain's head. The hashes are stand-ins (a digest of the
# number), unique and linked like real ones: the pages read entries, they do not verify.
_AUDIT = """
WITH head AS (SELECT coalesce(max(seq), 0) AS seq,
        coalesce((SELECT hash FROM audit_entry ORDER BY seq DESC LIMIT 1), '') AS hash
    FROM audit_entry),
steps AS (
    SELECT k.id AS task_id, k.process_id, k.owner_id, k.finished,
        split_part(k.flow_task, '.', 3) AS node, t.status AS outcome, t.title,
        row_number() OVER (ORDER BY k.id) AS n
    FROM viewflow_task k JOIN permits_outboundtrip t ON t.id = k.process_id
    WHERE k.process_id BETWEEN %(first)s AND %(last)s AND k.status = 'DONE'
        AND (k.flow_task_type = 'HUMAN' OR k.flow_task_type = 'HUMAN_START'
             OR k.flow_task LIKE '%%.issue_decision'))
INSERT INTO audit_entry (seq, occurred_at, actor_id, actor_label, unit_id, role,
    on_behalf_of_id, action, subject_type_id, subject_id, subject_label, process_id,
    task_id, comment, payload, request_id, ip, prev_hash, hash)
SELECT head.seq + s.n, s.finished, s.owner_id, '', NULL, '', NULL,
    CASE s.node WHEN 'submit' THEN 'submitted' WHEN 'endorse' THEN 'endorsed'
        WHEN 'review' THEN CASE s.outcome WHEN 'rejected' THEN 'rejected' ELSE 'forwarded' END
        WHEN 'security_check' THEN 'security_cleared' WHEN 'approve' THEN 'approved'
        WHEN 'issue_decision' THEN 'decision_issued' WHEN 'report' THEN 'report_submitted'
        ELSE 'acknowledged' END,
    %(trip_type)s, s.process_id::text, s.title, s.process_id, s.task_id, '', '{}', '', NULL,
    CASE WHEN s.n = 1 THEN head.hash
        ELSE encode(sha256(convert_to('bench:' || (head.seq + s.n - 1), 'UTF8')), 'hex') END,
    encode(sha256(convert_to('bench:' || (head.seq + s.n), 'UTF8')), 'hex')
FROM steps s CROSS JOIN head
"""


def add_trips(
    first: int,
    last: int,
    *,
    world: dict,
    open_count: int,
    tasks: bool = True,
    history_minutes: int = 21,
):
    """Insert trips ``first .. last`` (ids) with members and, if ``tasks``, their flow rows.

    Past trip ``i`` was created ``i * history_minutes`` minutes before last month: at 21,
    100,000 trips span four years.
    """
    from permits.models import OutboundTrip, TripPurpose

    people, province = world["people"], world["province"]
    params = {
        "first": first,
        "last": last,
        "open": open_count,
        "history": history_minutes,
        "open_statuses": OPEN_STATUSES,
        "units": world["units"],
        "staff": world["staff"],
        "heads": world["heads"],
        "reviewer": people["chuyenvien.snv"].pk,
        "security": people["anninh.ca"].pk,
        "leader": people["phochutich.dn"].pk,
        "purpose": TripPurpose.objects.order_by("pk").first().pk,
        "flow": FLOW,
        "trip_type": ContentType.objects.get_for_model(OutboundTrip).pk,
        "unit_type": ContentType.objects.get(app_label="organizations", model="unit").pk,
        "focal": str(province.focal_agency_id),
        "security_unit": str(province.security_agency_id),
        "committee": str(province.peoples_committee_id),
    }
    statements = [_TRIPS, _MEMBERS]
    if tasks:
        statements += [_PROCESSES, _TASKS.replace("{nodes}", _nodes_sql()), _DEADLINES, _AUDIT]
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, params)
        for table in ("permits_outboundtrip", "permits_tripmember", "viewflow_process"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('viewflow_task', 'id'), "
            "(SELECT coalesce(max(id), 1) FROM viewflow_task))"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def counts() -> dict:
    with connection.cursor() as cursor:
        result = {}
        for table in (
            "viewflow_process",
            "viewflow_task",
            "permits_outboundtrip",
            "permits_tripmember",
            "audit_entry",
        ):
            cursor.execute(f"SELECT count(*) FROM {table}")
            result[table] = cursor.fetchone()[0]
    return result
