"""Kept for the imports of the trips and visits: the functions live in ``matters.personal_data``,
which every kind with personal data (guests, consular cases) shares."""

from matters.personal_data import (  # noqa: F401
    InvalidToken,
    blind_index,
    decrypt,
    encrypt,
    mask,
    mask_name,
    normalise,
)
