"""The hash chain: canonical JSON of an entry and SHA-256 over it and the previous hash.

``hash = sha256(prev_hash ‖ canonical)``, both as UTF-8, where ``canonical`` is the entry
as JSON with sorted keys, no whitespace, non-ASCII kept as UTF-8 and the time in UTC
with microseconds. Editing, deleting or reordering a stored entry breaks the chain at
that entry; see docs/adr/0006-audit-chain.md.
"""

import datetime
import hashlib
import ipaddress
import json

from django.core.serializers.json import DjangoJSONEncoder

# The hash before the first entry.
GENESIS = "0" * 64
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def canonical(fields: dict) -> str:
    """Return the one JSON text of ``fields`` that is hashed."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, canonical_text: str) -> str:
    """Return the hex SHA-256 of the previous hash followed by the canonical text."""
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_text.encode("utf-8")).hexdigest()


def canonical_time(moment: datetime.datetime) -> str:
    """Return ``moment`` in UTC with microseconds: ``2026-03-05T01:02:03.000004Z``."""
    return moment.astimezone(datetime.UTC).strftime(TIME_FORMAT)


def canonical_ip(ip) -> str:
    """Return an IP address in its one normal written form, or ``""``."""
    return str(ipaddress.ip_address(str(ip))) if ip else ""


def normalise_payload(payload) -> dict:
    """Return ``payload`` as plain JSON values that read back from any database unchanged.

    Dates, decimals and UUIDs become strings; whole floats become integers, because
    PostgreSQL's jsonb gives ``1e16`` back as ``10000000000000000``.
    """
    if payload is None:
        return {}
    plain = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    return _whole_floats_to_int(plain)


def _whole_floats_to_int(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _whole_floats_to_int(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_whole_floats_to_int(item) for item in value]
    return value
