"""The search key of a name: what two spellings of one Vietnamese name have in common."""

import unicodedata


def search_key(name: str) -> str:
    """Return ``name`` without accents, case or extra spaces ("Nguyễn  Văn An" → "nguyen van an").

    Đ/đ is a letter of its own, not a D with a mark: Unicode does not decompose it.
    """
    plain = unicodedata.normalize("NFD", (name or "").replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.split()).casefold()
