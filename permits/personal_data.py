"""Personal data of foreign guests, encrypted at rest: the functions moved to
``matters.personal_data`` (travel-card managers' passports use them too); this module
keeps the import path the visits' code and migrations know."""

from matters.personal_data import (  # noqa: F401
    InvalidToken,
    blind_index,
    decrypt,
    encrypt,
    mask,
    normalise,
)

__all__ = ["InvalidToken", "blind_index", "decrypt", "encrypt", "mask", "normalise"]
