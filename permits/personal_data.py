"""Kept for existing imports: the helpers live in ``people.personal_data`` (ADR 0016)."""

from people.personal_data import (  # noqa: F401
    InvalidToken,
    blind_index,
    decrypt,
    encrypt,
    mask,
    mask_name,
    normalise,
)

__all__ = ["InvalidToken", "blind_index", "decrypt", "encrypt", "mask", "mask_name", "normalise"]
