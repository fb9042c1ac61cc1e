"""Personal data of foreign guests, encrypted at rest: the helpers now live in
``people.personal_data`` (ADR 0016), one floor down, so the registry of persons can
encrypt identity and passport numbers the same way. Kept here for existing imports."""

from people.personal_data import InvalidToken, blind_index, decrypt, encrypt, mask, normalise

__all__ = ["InvalidToken", "blind_index", "decrypt", "encrypt", "mask", "normalise"]
