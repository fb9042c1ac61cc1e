"""Personal data (names, passport and identity numbers, dates of birth), encrypted at rest.

On the ground floor (ADR 0016), so that the registry of persons and every kind that holds
personal data (guests of inbound visits, persons of consular cases, managers of travel-card
requests) encrypt, index and mask it the same way.

Values are encrypted with ``MultiFernet`` under ``settings.PERSONAL_DATA_KEYS`` (the first
key encrypts, every key decrypts, so keys rotate by prepending a new one), kept apart
from SECRET_KEY. Equality checks use a blind index, an HMAC-SHA256 of the normalised
value under ``settings.PERSONAL_DATA_INDEX_KEY``: the same passport gives the same index
without the database ever holding the number.
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

import audit

__all__ = ["InvalidToken", "blind_index", "decrypt", "encrypt", "mask", "mask_name", "normalise"]


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("PERSONAL_DATA_KEYS must hold at least one Fernet key.")
    return MultiFernet([Fernet(key) for key in keys])


def _cipher() -> MultiFernet:
    return _fernet(tuple(settings.PERSONAL_DATA_KEYS))


def encrypt(value: str) -> str:
    """Return ``value`` encrypted as text; the empty string stays empty."""
    if not value:
        return ""
    return _cipher().encrypt(str(value).encode()).decode()


def decrypt(token: str) -> str:
    """Return the plain value of a token ``encrypt`` made; the empty string stays empty."""
    if not token:
        return ""
    return _cipher().decrypt(token.encode()).decode()


def normalise(passport_number: str) -> str:
    """Return a passport number as compared: upper case, no spaces or dashes."""
    return "".join(c for c in str(passport_number).upper() if c.isalnum())


def blind_index(value: str) -> str:
    """Return the HMAC-SHA256 (hex) of the normalised ``value``, for duplicate checks."""
    if not value:
        return ""
    key = settings.PERSONAL_DATA_INDEX_KEY.encode()
    return hmac.new(key, normalise(value).encode(), hashlib.sha256).hexdigest()


def mask(value) -> str:
    """Return ``value`` with its middle hidden, as the audit trail masks it (B12****78)."""
    return audit.mask(value)


def mask_name(name) -> str:
    """Return a name with each word cut to its initial: "Nguyễn Văn An" → "N*** V*** A***"."""
    words = str(name or "").split()
    return " ".join(f"{word[0]}***" for word in words)
