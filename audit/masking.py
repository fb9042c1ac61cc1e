"""Masking of personal data (dữ liệu cá nhân) before it enters the audit trail.

The trail is kept for years and read by auditors who need to see *that* a passport
number changed, not the number itself. Keys naming personal data are masked wherever
they appear in a payload, at any depth.
"""

PERSONAL_KEY_PARTS = (
    "passport",
    "date_of_birth",
    "dob",
    "birth",
    "id_number",
    "national_id",
    "citizen_id",
    "cccd",  # căn cước công dân, the citizen identity card
    "cmnd",  # chứng minh nhân dân, the older identity card
    "phone",
)
MASK = "****"


def mask(value) -> str:
    """Return ``value`` with its middle hidden: ``"B12345678"`` becomes ``"B12****78"``.

    Values shorter than eight characters would show too much of themselves and are
    hidden entirely. Empty values stay empty.
    """
    if value is None:
        return ""
    text = str(value)
    if not text:
        return text
    if len(text) < 8:
        return MASK
    return f"{text[:3]}{MASK}{text[-2:]}"


def is_personal(key) -> bool:
    """Return True if a payload key names personal data."""
    lowered = str(key).lower()
    return any(part in lowered for part in PERSONAL_KEY_PARTS)


def mask_payload(payload):
    """Return a copy of ``payload`` with the values of personal keys masked."""
    if isinstance(payload, dict):
        return {
            key: _mask_all(value) if is_personal(key) else mask_payload(value)
            for key, value in payload.items()
        }
    if isinstance(payload, list):
        return [mask_payload(item) for item in payload]
    return payload


def _mask_all(value):
    if isinstance(value, dict):
        return {key: _mask_all(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_mask_all(item) for item in value]
    if value is None or value == "":
        return value
    return mask(value)
