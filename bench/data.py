"""Bulk data for the read benchmarks: trips, their processes and tasks, straight in SQL.

Driving a million tasks through the flow would take hours; ``add_trips`` writes what the
flow would have left behind (``viewflow_process``, ``viewflow_task``, ``permits_*``, the
human steps' deadlines, the audit entries and the documents' ``matters_issuance`` rows)
with ``INSERT ... SELECT generate_series``, with the statuses, owners,
``owner_permission``/``owner_permission_obj_pk`` and artifact ids the flow writes.
``cast`` makes the people, units and role grants (guardian) first.

The shape is the flow's (``workflows.flows.OutboundTripFlow``, ADR 0012): after the
leader's approval the committee's clerk (or the leader) uploads the signed decision
(``sign``), then the clerk enters it in the register (``register``, where the decision
gets its number and the audit entry ``decision_issued``); the trip then waits for its
return (a scheduled timer).

Trips ``1 .. open_count`` are open (the last month's work, spread over the eight places
a trip waits: ``OPEN_OUTCOMES``); the others are history, dated back from a month ago:
70 % completed (17 tasks: every node of the flow's straight path), 20 % rejected at
review (8 tasks: the reviewer proposes the refusal, the focal agency's head confirms it,
ADR 0022), 10 % withdrawn before endorsement (2 tasks); about 14 tasks a process on
average.

Columns an INSERT does not name get their model field's default (``filled``): a column
added to a model with a default does not break the benchmarks, and one without a
default stops them with a message naming it.
"""

import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import NOT_PROVIDED

UNITS = 40
FLOW = "workflows/flows.OutboundTripFlow"

# node -> type, role (who owns it), unit the step's permission is on, its deadline's key
_NODES = {
    "submit": ("HUMAN_START", "staff", "unit", None),
    "endorse": ("HUMAN", "head", "unit", "outbound.endorse"),
    "check_endorsed": ("SWITCH", None, None, None),
    "review": ("HUMAN", "reviewer", "focal", "outbound.review"),
    "check_reviewed": ("SWITCH", None, None, None),
    # A refusal at review (ADR 0022): proposed by the reviewer, confirmed by the focal
    # agency's head (the Chairman's only for his own matters, none of the bench's).
    "confirm_rejection": ("HUMAN", "dept_head", "focal", "outbound.confirm_rejection"),
    "check_rejection": ("SWITCH", None, None, None),
    "security_check": ("HUMAN", "security", "security", "outbound.security"),
    "check_cleared": ("SWITCH", None, None, None),
    "approve": ("HUMAN", "leader", "committee", "outbound.approve"),
    "check_approved": ("SWITCH", None, None, None),
    # The decision (ADR 0012): signed, then registered, by the committee's clerk.
    "sign": ("HUMAN", "clerk", "committee", None),
    "register": ("HUMAN", "clerk", "committee", None),
    "wait_for_return": ("TIMER", None, None, None),
    "open_report": ("FUNCTION", None, None, None),
    "check_cancelled": ("SWITCH", None, None, None),
    "report": ("HUMAN", "staff", "unit", "outbound.report"),
    "acknowledge": ("HUMAN", "reviewer", "focal", "outbound.acknowledge"),
    "completed": ("END", None, None, None),
    "rejected": ("END", None, None, None),
}
_PERMISSION = {
    "head": "organizations.act_as_unit_head",
    "reviewer": "organizations.act_as_department_reviewer",
    "dept_head": "organizations.act_as_department_head",
    "security": "organizations.act_as_security_officer",
    "leader": "organizations.act_as_leader",
    "clerk": "organizations.act_as_clerk",
    "staff": "organizations.act_as_unit_staff",
}
# The role an audit entry of the step names (``organizations.models.Role``'s values).
_ROLE = {
    "head": "unit_head",
    "reviewer": "department_reviewer",
    "dept_head": "department_head",
    "security": "security_officer",
    "leader": "leader",
    "clerk": "clerk",
    "staff": "unit_staff",
}
# The refusal's nodes are off the straight path a completed trip takes.
_REFUSAL = ("confirm_rejection", "check_rejection", "rejected")
_PATH = [node for node in _NODES if node not in _REFUSAL]


def _upto(node: str) -> list[str]:
    """Return the straight path's nodes from ``submit`` to ``node``, both included."""
    return _PATH[: _PATH.index(node) + 1]


# outcome -> (the trip's status, its nodes, the status of the last node). Signing and
# registering are two places of one status: a trip stays ``approved`` until registered.
OUTCOMES = {
    "completed": ("completed", _PATH, "DONE"),
    "rejected": ("rejected", [*_upto("check_reviewed"), *_REFUSAL], "DONE"),
    "withdrawn": ("withdrawn", _upto("endorse"), "CANCELED"),
    "submitted": ("submitted", _upto("endorse"), "NEW"),
    "in_review": ("in_review", _upto("review"), "ASSIGNED"),
    "security_check": ("security_check", _upto("security_check"), "NEW"),
    "awaiting_approval": ("awaiting_approval", _upto("approve"), "ASSIGNED"),
    "signing": ("approved", _upto("sign"), "NEW"),
    "registering": ("approved", _upto("register"), "NEW"),
    "travelling": ("issued", _upto("wait_for_return"), "SCHEDULED"),
    "reporting": ("reporting", _upto("report"), "ASSIGNED"),
}
OPEN_OUTCOMES = [
    "submitted",
    "in_review",
    "security_check",
    "awaiting_approval",
    "signing",
    "registering",
    "travelling",
    "reporting",
]
# Where the tasks of a trip are in time: node ``n`` of the path (1-based) is created
# ``n`` hours after the trip and finished half an hour later.
_HOURS = {node: seq for seq, node in enumerate(_PATH, 1)}


def _reached(node: str) -> list[str]:
    """Return the outcomes whose trip has finished ``node``."""
    return [
        outcome
        for outcome, (_status, nodes, last) in OUTCOMES.items()
        if node in nodes and (nodes[-1] != node or last == "DONE")
    ]


def _opened(node: str) -> list[str]:
    """Return the outcomes whose trip has a task of ``node``, open or finished."""
    return [outcome for outcome, (_status, nodes, _last) in OUTCOMES.items() if node in nodes]


_INSERT = re.compile(r"INSERT INTO (\w+) \(([^)]*)\)")


def filled(statement: str, params: dict) -> str:
    """Return ``statement`` (``INSERT INTO table (columns ...{more_columns}) SELECT
    values ...{more_values} FROM ...``) with the columns it does not name added: each
    NOT NULL column of the table's model gets its field's default (as ``params``).

    A nullable column is left NULL, a column with a database default to the database.
    A NOT NULL column without a default stops the benchmark, naming it: it needs a value
    of its own in the statement.
    """
    table, named = _INSERT.search(statement.replace("{more_columns}", "")).groups()
    named = {column.strip().strip('"') for column in named.split(",")}
    model = next(m for m in apps.get_models() if m._meta.db_table == table)
    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.column in named or field.primary_key or field.null:
            continue
        if field.db_default is not NOT_PROVIDED or getattr(field, "generated", False):
            continue
        if not field.has_default() and not field.empty_strings_allowed:
            raise RuntimeError(
                f"bench: {table}.{field.column} is NOT NULL without a default; give it a "
                "value in the benchmark's INSERT"
            )
        key = f"default__{table}__{field.column}"
        params[key] = field.get_db_prep_save(field.get_default(), connection)
        columns.append(connection.ops.quote_name(field.column))
        values.append(f"%({key})s")
    more_columns = "".join(f", {c}" for c in columns)
    more_values = "".join(f", {v}" for v in values)
    return statement.replace("{more_columns}", more_columns).replace("{more_values}", more_values)


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
    """Return the flow rows of every outcome as a VALUES list ``n``."""
    rows = []
    for outcome, (_status, nodes, last_status) in OUTCOMES.items():
        for seq, node in enumerate(nodes, 1):
            kind, role, unit, deadline = _NODES[node]
            status = last_status if seq == len(nodes) else "DONE"
            permission = _PERMISSION.get(role) if kind == "HUMAN" else None
            values = [outcome, seq, node, kind, status, role, permission, unit]
            rows.append("(" + ", ".join(_literal(v) for v in values) + ")")
    return (
        "(VALUES " + ", ".join(rows) + ") AS n(outcome, seq, node, kind, status, role, "
        "permission, unit)"
    )


def _steps_sql() -> str:
    """Return, per human node, its role's value and its deadline as a VALUES list ``r``."""
    from workdays import deadline_for

    rows = []
    for node, (_kind, role, _unit, key) in _NODES.items():
        if role is None:
            continue
        deadline = deadline_for(key) if key else None
        values = [
            node,
            _ROLE[role],
            key,
            deadline.days if deadline else None,
            deadline.working if deadline else None,
        ]
        rows.append("(" + ", ".join(_literal(v) for v in values) + ")")
    return "(VALUES " + ", ".join(rows) + ") AS r(node, role, step, days, working)"


def _statuses_sql() -> str:
    rows = ", ".join(f"({_literal(o)}, {_literal(s)})" for o, (s, _n, _l) in OUTCOMES.items())
    return f"(VALUES {rows}) AS s(outcome, status)"


def _literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _hours(node: str) -> str:
    """Return the SQL interval from a trip's creation to when ``node`` was finished."""
    return f"interval '{_HOURS[node]} hours 30 minutes'"


# Which outcome each trip ``first .. last`` has, for the statements that follow.
_OUTCOMES = """
CREATE TEMPORARY TABLE bench_outcome ON COMMIT DROP AS
SELECT i AS trip_id, CASE
    WHEN i <= %(open)s THEN (%(open_outcomes)s::text[])[1 + (i / 40) %% %(open_kinds)s]
    WHEN (i / 40) %% 10 < 7 THEN 'completed'
    WHEN (i / 40) %% 10 < 9 THEN 'rejected'
    ELSE 'withdrawn' END AS outcome
FROM generate_series(%(first)s, %(last)s) AS i
"""

_TRIPS = """
INSERT INTO permits_outboundtrip (
    id, reference, title, purpose_detail, countries, cities, start_date, end_date,
    inviting_partner, funding_source, funding_currency, programme, status, submitted_at,
    returned_from, party_opinion_number, party_opinion_content, security_notes,
    security_vetted, decided_at, decision_number, decision_date, report_due_on,
    report_text, report_submitted_at, created_at, updated_at, approver_id, reviewer_id,
    submitted_by_id, unit_id, purpose_id{more_columns})
SELECT i, 'BENCH-' || i, 'Đoàn công tác số ' || i, '',
    (ARRAY['FR', 'JP,KR', 'US', 'DE,FR,IT', 'CN', 'KR', 'LA,KH', 'AU'])[1 + i %% 8], '',
    d.created::date + 30, d.created::date + 34 + i %% 5, 'Đối tác nước ngoài',
    'state_budget', 'VND', '', s.status, d.created, '', '', '', '',
    o.outcome = ANY(%(cleared)s),
    CASE WHEN o.outcome = ANY(%(approved)s) THEN d.created + {approved} END,
    CASE WHEN o.outcome = ANY(%(issued)s) THEN i || '/' || %(decision_symbol)s ELSE '' END,
    CASE WHEN o.outcome = ANY(%(issued)s) THEN (d.created + {issued})::date END,
    CASE WHEN o.outcome = ANY(%(report_opened)s) THEN d.created::date + 49 + i %% 5 END,
    CASE WHEN o.outcome = ANY(%(reported)s) THEN 'Đoàn đã hoàn thành chương trình.'
        ELSE '' END,
    CASE WHEN o.outcome = ANY(%(reported)s) THEN d.created + {reported} END,
    d.created, d.created,
    CASE WHEN o.outcome = ANY(%(approve_opened)s) THEN %(leader)s END,
    CASE WHEN o.outcome IN ('submitted', 'withdrawn') THEN NULL ELSE %(reviewer)s END,
    (%(staff)s::bigint[])[1 + i %% 40], (%(units)s::bigint[])[1 + i %% 40],
    %(purpose)s{more_values}
FROM generate_series(%(first)s, %(last)s) AS i
JOIN bench_outcome o ON o.trip_id = i
JOIN {statuses} ON s.outcome = o.outcome
CROSS JOIN LATERAL (SELECT CASE WHEN i <= %(open)s
    THEN now() - i * interval '2 hours'
    ELSE now() - interval '30 days' - i * %(history)s * interval '1 minute' END AS created) AS d
""".format(
    approved=_hours("approve"),
    issued=_hours("register"),
    reported=_hours("report"),
    statuses=_statuses_sql(),
    more_columns="{more_columns}",
    more_values="{more_values}",
)

_MEMBERS = """
INSERT INTO permits_tripmember (trip_id, "order", full_name, position, unit_name,
    delegation_role, leader_level, is_party_committee_managed, security_verdict,
    security_note{more_columns})
SELECT t.id, m, 'Thành viên ' || (t.id %% 997) || '-' || m, 'Chuyên viên', 'Đơn vị',
    CASE WHEN m = 1 THEN 'head' ELSE 'member' END, 'other', false,
    CASE WHEN t.security_vetted THEN 'cleared' ELSE 'pending' END, ''{more_values}
FROM permits_outboundtrip t CROSS JOIN LATERAL generate_series(1, 1 + t.id %% 5) AS m
WHERE t.id BETWEEN %(first)s AND %(last)s
"""

_PROCESSES = """
INSERT INTO viewflow_process (id, flow_class, status, created, finished,
    artifact_content_type_id, artifact_object_id, data{more_columns})
SELECT t.id, %(flow)s,
    CASE WHEN t.status IN ('completed', 'rejected') THEN 'DONE'
         WHEN t.status = 'withdrawn' THEN 'CANCELED' ELSE 'NEW' END,
    t.created_at,
    CASE WHEN t.status IN ('completed', 'rejected', 'withdrawn')
         THEN t.created_at + interval '40 days' END,
    %(trip_type)s, t.id, '{}'{more_values}
FROM permits_outboundtrip t WHERE t.id BETWEEN %(first)s AND %(last)s
"""

_TASKS = """
INSERT INTO viewflow_task (flow_task, flow_task_type, status, created, started, finished,
    scheduled, token, owner_permission, owner_id, process_id,
    owner_permission_content_type_id, owner_permission_obj_pk, assigned, data{more_columns})
SELECT %(flow)s || '.' || n.node, n.kind, n.status, x.created,
    CASE WHEN n.status = 'DONE' AND n.kind <> 'SWITCH' THEN x.created END,
    CASE WHEN n.status IN ('DONE', 'CANCELED') THEN x.created + interval '30 minutes' END,
    CASE WHEN n.status = 'SCHEDULED' THEN (t.end_date + 1)::timestamp AT TIME ZONE %(zone)s
        END,
    'start', n.permission, x.owner, t.id,
    CASE WHEN n.permission IS NOT NULL THEN %(unit_type)s END,
    CASE WHEN n.permission IS NOT NULL THEN CASE n.unit WHEN 'unit' THEN t.unit_id::text
        WHEN 'focal' THEN %(focal)s WHEN 'security' THEN %(security_unit)s
        WHEN 'committee' THEN %(committee)s END END,
    CASE WHEN x.owner IS NOT NULL THEN x.created END, '{}'{more_values}
FROM permits_outboundtrip t
JOIN bench_outcome o ON o.trip_id = t.id
JOIN {nodes} ON n.outcome = o.outcome
CROSS JOIN LATERAL (SELECT t.created_at + n.seq * interval '1 hour' AS created,
    CASE WHEN n.status IN ('NEW', 'CANCELED', 'SCHEDULED') THEN NULL ELSE CASE n.role
        WHEN 'staff' THEN t.submitted_by_id
        WHEN 'head' THEN (%(heads)s::bigint[])[1 + t.id %% 40]
        WHEN 'reviewer' THEN %(reviewer)s
        WHEN 'dept_head' THEN %(dept_head)s
        WHEN 'security' THEN %(security)s
        WHEN 'leader' THEN %(leader)s
        WHEN 'clerk' THEN %(clerk)s END END AS owner) AS x
WHERE t.id BETWEEN %(first)s AND %(last)s
ORDER BY t.id, n.seq
""".replace("{nodes}", _nodes_sql())

# The human steps with a deadline have one (``workflows.deadlines``, from the settings);
# the sweep closes it when the task finishes. Signing and registering have none.
_DEADLINES = """
INSERT INTO workflows_taskdeadline (task_id, step, days, working, due_on, created_at,
    closed_at{more_columns})
SELECT k.id, r.step, r.days, r.working,
    k.created::date + CASE WHEN r.working THEN r.days + 2 * (r.days / 5) ELSE r.days END,
    k.created, k.finished{more_values}
FROM viewflow_task k
JOIN {steps} ON r.node = split_part(k.flow_task, '.', 3)
WHERE k.process_id BETWEEN %(first)s AND %(last)s AND k.flow_task_type = 'HUMAN'
    AND r.step IS NOT NULL
""".replace("{steps}", _steps_sql())

# The audit entries the flow's services record, as ``audit.record`` leaves them, numbered
# on from the chain's head: one per finished human step (``decision_issued`` at the
# register, by the clerk; for a refusal ``rejection_proposed`` at the review, then
# ``rejected`` by the focal agency's head, both with the reason), and the submission
# (tờ trình) filed as the leader's task opens.
# The hashes are stand-ins (a digest of the number), unique and linked like real ones:
# the pages read entries, they do not verify.
_AUDIT = """
WITH head AS (SELECT coalesce(max(seq), 0) AS seq,
        coalesce((SELECT hash FROM audit_entry ORDER BY seq DESC LIMIT 1), '') AS hash
    FROM audit_entry),
done AS (
    SELECT k.id AS task_id, k.process_id, k.finished AS occurred, k.owner_id AS actor,
        split_part(k.flow_task, '.', 3) AS node, 1 AS rank
    FROM viewflow_task k
    WHERE k.process_id BETWEEN %(first)s AND %(last)s AND k.status = 'DONE'
        AND k.flow_task_type IN ('HUMAN', 'HUMAN_START')
    UNION ALL
    SELECT k.id, k.process_id, k.created, %(reviewer)s, 'submission', 0
    FROM viewflow_task k
    WHERE k.process_id BETWEEN %(first)s AND %(last)s
        AND k.flow_task = %(flow)s || '.approve'),
steps AS (
    SELECT d.*, t.status AS outcome, t.title, t.unit_id,
        row_number() OVER (ORDER BY d.task_id, d.rank) AS n
    FROM done d JOIN permits_outboundtrip t ON t.id = d.process_id)
INSERT INTO audit_entry (seq, occurred_at, actor_id, actor_label, unit_id, role,
    on_behalf_of_id, action, subject_type_id, subject_id, subject_label, process_id,
    task_id, comment, payload, request_id, ip, prev_hash, hash{more_columns})
SELECT head.seq + s.n, s.occurred, s.actor, '',
    CASE WHEN s.node = 'submission' THEN %(focal)s::bigint ELSE CASE x.unit
        WHEN 'unit' THEN s.unit_id WHEN 'focal' THEN %(focal)s::bigint
        WHEN 'security' THEN %(security_unit)s::bigint
        WHEN 'committee' THEN %(committee)s::bigint END END,
    CASE WHEN s.node = 'submission' THEN 'department_reviewer' ELSE r.role END, NULL,
    CASE s.node WHEN 'submit' THEN 'submitted' WHEN 'endorse' THEN 'endorsed'
        WHEN 'review' THEN CASE s.outcome WHEN 'rejected' THEN 'rejection_proposed'
            ELSE 'forwarded' END
        WHEN 'confirm_rejection' THEN 'rejected'
        WHEN 'security_check' THEN 'security_cleared' WHEN 'submission' THEN 'submission_filed'
        WHEN 'approve' THEN 'approved' WHEN 'sign' THEN 'document_signed'
        WHEN 'register' THEN 'decision_issued' WHEN 'report' THEN 'report_submitted'
        ELSE 'acknowledged' END,
    %(trip_type)s, s.process_id::text, s.title, s.process_id,
    CASE WHEN s.node <> 'submit' THEN s.task_id END,
    CASE WHEN s.outcome = 'rejected' AND s.node IN ('review', 'confirm_rejection')
        THEN %(refusal)s ELSE '' END, '{}', '', NULL,
    CASE WHEN s.n = 1 THEN head.hash
        ELSE encode(sha256(convert_to('bench:' || (head.seq + s.n - 1), 'UTF8')), 'hex') END,
    encode(sha256(convert_to('bench:' || (head.seq + s.n), 'UTF8')), 'hex'){more_values}
FROM steps s CROSS JOIN head
LEFT JOIN {steps} ON r.node = s.node
LEFT JOIN {units} ON x.node = s.node
""".replace("{steps}", _steps_sql()).replace(
    "{units}",
    "(VALUES "
    + ", ".join(f"({_literal(n)}, {_literal(u)})" for n, (_k, _r, u, _d) in _NODES.items() if u)
    + ") AS x(node, unit)",
)

# The document of each trip the leader's task has reached (ADR 0012): the submission
# (tờ trình), numbered as that task opens; approved, signed, registered as the trip went.
# The register's number is the trip's id: unique in the register of its year.
_ISSUANCES = """
INSERT INTO matters_issuance (matter_type_id, matter_id, purpose, doc_type,
    submission_number, submission_date, summary, proposal, approved_at, signer_id,
    signed_on, signed_file, signed_name, signed_sha256, signed_size, signed_recorded_by_id,
    issuer_id, year, sequence, number, issued_on, registered_by_id, created_at{more_columns})
SELECT %(trip_type)s, t.id, 'original', 'QĐ',
    lpad(t.id::text, 2, '0') || '/' || %(submission_symbol)s,
    (t.created_at + {opened})::date,
    'Đơn vị đề nghị: ' || t.title || ' (hồ sơ ' || t.reference || ').',
    'Kính đề nghị Ủy ban nhân dân tỉnh xem xét, ban hành quyết định (dự thảo kèm theo).',
    t.decided_at,
    CASE WHEN o.outcome = ANY(%(signed)s) THEN t.approver_id END,
    CASE WHEN o.outcome = ANY(%(signed)s) THEN (t.created_at + {signed})::date END,
    CASE WHEN o.outcome = ANY(%(signed)s) THEN 'bench/ban-da-ky-' || t.id || '.pdf' ELSE '' END,
    CASE WHEN o.outcome = ANY(%(signed)s) THEN 'ban-da-ky.pdf' ELSE '' END,
    CASE WHEN o.outcome = ANY(%(signed)s)
        THEN encode(sha256(convert_to('signed:' || t.id, 'UTF8')), 'hex') ELSE '' END,
    CASE WHEN o.outcome = ANY(%(signed)s) THEN 459 END,
    CASE WHEN o.outcome = ANY(%(signed)s) THEN %(clerk)s END,
    CASE WHEN o.outcome = ANY(%(issued)s) THEN %(committee)s::bigint END,
    extract(year FROM t.decision_date), CASE WHEN o.outcome = ANY(%(issued)s) THEN t.id END,
    t.decision_number, t.decision_date,
    CASE WHEN o.outcome = ANY(%(issued)s) THEN %(clerk)s END,
    t.created_at + {opened}{more_values}
FROM permits_outboundtrip t JOIN bench_outcome o ON o.trip_id = t.id
WHERE t.id BETWEEN %(first)s AND %(last)s AND o.outcome = ANY(%(approve_opened)s)
""".format(
    opened=f"interval '{_HOURS['approve']} hours'",
    signed=_hours("sign"),
    more_columns="{more_columns}",
    more_values="{more_values}",
)


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
    from django.conf import settings

    from matters.issuance import SUBMISSION_KEY, symbol
    from organizations.numbering import DocumentNumber
    from permits.models import OutboundTrip, TripPurpose

    people, province = world["people"], world["province"]
    focal = province.focal_agency
    params = {
        "first": first,
        "last": last,
        "open": open_count,
        "history": history_minutes,
        "open_outcomes": OPEN_OUTCOMES,
        "open_kinds": len(OPEN_OUTCOMES),
        "cleared": _reached("security_check"),
        "approve_opened": _opened("approve"),
        "approved": _reached("approve"),
        "signed": _reached("sign"),
        "issued": _reached("register"),
        "report_opened": _reached("open_report"),
        "reported": _reached("report"),
        "units": world["units"],
        "staff": world["staff"],
        "heads": world["heads"],
        "reviewer": people["chuyenvien.snv"].pk,
        "dept_head": people["giamdoc.snv"].pk,
        "refusal": "Hồ sơ chưa đủ điều kiện để trình (thiếu thư mời).",
        "security": people["anninh.ca"].pk,
        "leader": people["phochutich.dn"].pk,
        "clerk": people["vanthu"].pk,
        "purpose": TripPurpose.objects.order_by("pk").first().pk,
        "flow": FLOW,
        "trip_type": ContentType.objects.get_for_model(OutboundTrip).pk,
        "unit_type": ContentType.objects.get(app_label="organizations", model="unit").pk,
        "focal": str(focal.pk),
        "security_unit": str(province.security_agency_id),
        "committee": str(province.peoples_committee_id),
        "decision_symbol": symbol(OutboundTrip.document_type, province.peoples_committee),
        "submission_symbol": DocumentNumber(1, SUBMISSION_KEY, focal.code, 2000).text.split("/", 1)[
            1
        ],
        "zone": settings.TIME_ZONE,
    }
    statements = [_TRIPS, _MEMBERS]
    if tasks:
        statements += [_PROCESSES, _TASKS, _DEADLINES, _AUDIT, _ISSUANCES]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_OUTCOMES, params)
        cursor.execute("ALTER TABLE bench_outcome ADD PRIMARY KEY (trip_id)")
        cursor.execute("ANALYZE bench_outcome")
        for statement in statements:
            cursor.execute(filled(statement, params), params)
        tables = ("permits_outboundtrip", "permits_tripmember", "viewflow_process")
        for table in (*tables, "viewflow_task", "matters_issuance"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
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
            "matters_issuance",
        ):
            cursor.execute(f"SELECT count(*) FROM {table}")
            result[table] = cursor.fetchone()[0]
    return result
