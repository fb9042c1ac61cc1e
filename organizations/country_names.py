"""Official Vietnamese country names, overriding django-countries' translation.

django-countries' Vietnamese catalogue is wrong or ambiguous for some codes: "Ai-len"
for both Iceland and Ireland, "Áo" for both Austria and Jersey, "Nigeria" for Niger,
"Lybia", "Palestine, Bang", "Đoàn tụ" (a translation of the word "réunion") for
Réunion, "Tiếng Swaziland", "Quần đảo Thổ Nhĩ Kỳ và Caicos", "Hợp chủng quốc Hoa Kỳ".
``VIETNAMESE`` is the one reviewed table of the names the Ministry of Foreign Affairs
writes in its documents (transliterated forms such as "Ai-xơ-len", "Li-bi", "Ả-rập
Xê-út"; the Chinese territories as "Hồng Kông (Trung Quốc)", "Đài Loan (Trung Quốc)").
Every other code keeps django-countries' Vietnamese name, which is the usual form.

The table reaches every form, page, export and document through django-countries'
COUNTRIES_OVERRIDE setting (``overrides()``, in config/settings.py): each name is a lazy
string giving the official Vietnamese name while Vietnamese is active and the library's
own name (English, ...) otherwise. ``tests/organizations/test_country_names.py`` checks
that no two codes share a Vietnamese name.

This module is imported by the settings: it imports nothing of Django's apps at load.
"""

from django.utils.functional import lazy
from django.utils.translation import get_language

VIETNAMESE = {
    "AE": "Các Tiểu vương quốc Ả-rập Thống nhất",
    "AT": "Áo",
    "BL": "Saint Barthélemy",
    "BY": "Bê-la-rút",
    "CD": "Cộng hòa Dân chủ Công-gô",
    "CG": "Cộng hòa Công-gô",
    "CL": "Chi-lê",
    "CX": "Đảo Christmas",
    "GB": "Anh",  # the short form the province's reports use ("quốc tịch Anh")
    "HK": "Hồng Kông (Trung Quốc)",
    "IE": "Ai-len",
    "IS": "Ai-xơ-len",
    "JE": "Jersey",
    "KP": "Triều Tiên",
    "KR": "Hàn Quốc",
    "LB": "Li-băng",
    "LC": "Saint Lucia",
    "LY": "Li-bi",
    "MD": "Môn-đô-va",
    "MO": "Ma Cao (Trung Quốc)",
    "NE": "Ni-giê",
    "NG": "Ni-giê-ri-a",
    "NL": "Hà Lan",
    "PS": "Nhà nước Palestine",
    "RE": "Réunion",
    "SA": "Ả-rập Xê-út",
    "SH": "Saint Helena, Ascension và Tristan da Cunha",
    "SO": "Xô-ma-li",
    "SZ": "Eswatini",
    "TC": "Quần đảo Turks và Caicos",
    "TR": "Thổ Nhĩ Kỳ",
    "TW": "Đài Loan (Trung Quốc)",
    "US": "Hoa Kỳ",
    "VA": "Tòa Thánh Vatican",
    "YE": "Y-ê-men",
}


def _name(code: str) -> str:
    if (get_language() or "vi").split("-")[0] == "vi":
        return VIETNAMESE[code]
    from django_countries.base import CountriesBase
    from django_countries.data import COUNTRIES

    return str(CountriesBase.COMMON_NAMES.get(code) or COUNTRIES[code])


_lazy_name = lazy(_name, str)


def overrides() -> dict:
    """Return COUNTRIES_OVERRIDE: a lazy name for every code of ``VIETNAMESE``."""
    return {code: _lazy_name(code) for code in VIETNAMESE}
