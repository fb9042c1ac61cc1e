"""Kept for the imports of the trips and visits and their migrations: the functions live in
``matters.personal_data``, which every kind with personal data shares (guests, consular
cases, travel-card managers)."""

from matters.personal_data import (  # noqa: F401
    InvalidToken,
    blind_index,
    decrypt,
    encrypt,
    mask,
    mask_name,
    normalise,
)

__all__ = ["InvalidToken", "blind_index", "decrypt", "encrypt", "mask", "mask_name", "normalise"]
