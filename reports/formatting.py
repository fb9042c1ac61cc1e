"""How the report writes numbers, counts, months and countries in Vietnamese.

Dot as the thousands separator (2.720; 1.618.804), comma for decimals (4,5), counts
below ten padded with a zero ("06 đoàn"), country names in Vietnamese. Dates in
documents use ``permits.documents.long_date_vi`` ("ngày 05 tháng 02 năm 2023").
"""

import datetime
import unicodedata

from django.utils import translation
from django_countries import countries


def number_vi(value) -> str:
    """Return 2720 as "2.720" and 4.5 as "4,5"; None as "–"."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        whole, _dot, decimals = f"{value:,.1f}".partition(".")
        return f"{whole.replace(',', '.')},{decimals}"
    return f"{int(value):,}".replace(",", ".")


def decimal_vi(value) -> str:
    """Return 41.2 as "41,2", 1153.25 as "1.153,25" and 5.0 as "5" (up to two decimals)."""
    text = f"{float(value):,.2f}".rstrip("0").rstrip(".")
    whole, _dot, decimals = text.partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{decimals}" if decimals else whole


def count_vi(value) -> str:
    """Return a count as reports write it: below ten padded ("06"), else like number_vi."""
    if value is None:
        return "–"
    value = int(value)
    return f"{value:02d}" if 0 <= value < 10 else number_vi(value)


def signed_vi(value) -> str:
    """Return a difference with its sign: "+2", "-3", "0"."""
    if value is None:
        return "–"
    text = number_vi(abs(value))
    return f"+{text}" if value > 0 else f"-{text}" if value < 0 else text


# The Vietnamese alphabet (a ă â b c d đ e ê ...); tone marks order second.
VI_ALPHABET = " aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
VI_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def vi_sort_key(text: str) -> tuple:
    """Return a key that orders Vietnamese words as a dictionary does ("Đức" after "Dominica")."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFD", str(text).casefold()):
        (tones if char in VI_TONES else letters).append(char)
    base = unicodedata.normalize("NFC", "".join(letters))
    ranks = tuple(
        VI_ALPHABET.index(c) if c in VI_ALPHABET else len(VI_ALPHABET) + ord(c) for c in base
    )
    return ranks, "".join(tones)


def countries_in_vi_order(codes) -> list[str]:
    """Return ISO codes ordered by their Vietnamese names."""
    return sorted(codes, key=lambda code: vi_sort_key(country_name_vi(code)))


def country_name_vi(code: str) -> str:
    """Return the Vietnamese name of an ISO country code ("FR" → "Pháp").

    The official names (organizations/country_names.py) come through django-countries.
    """
    with translation.override("vi"):
        return str(countries.name(code)) or code


def short_date(day: datetime.date) -> str:
    """Return ``day`` as forms and tables write it: dd/mm/yyyy."""
    return f"{day:%d/%m/%Y}"


def month_label(month: datetime.date) -> str:
    """Return a month as tables write it: "05/2022"."""
    return f"{month:%m/%Y}"


def period_phrase_vi(start: datetime.date, end: datetime.date) -> str:
    """Return a figure's period as reports say it: "năm 2022", "08 tháng đầu năm 2023",
    "06 tháng cuối năm 2022", else "từ 01/7/2022 đến 15/3/2023"."""
    month_end = (end + datetime.timedelta(days=1)).day == 1
    if start.year == end.year and start.day == 1 and month_end:
        if start.month == 1 and end.month == 12:
            return f"năm {start.year}"
        if start.month == 1:
            return f"{count_vi(end.month)} tháng đầu năm {start.year}"
        if end.month == 12:
            return f"{count_vi(13 - start.month)} tháng cuối năm {start.year}"
    return f"từ {short_date(start)} đến {short_date(end)}"
