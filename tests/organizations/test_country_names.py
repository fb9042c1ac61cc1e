"""Country names: one reviewed table of official Vietnamese names over django-countries'."""

import pytest
from django.utils import translation
from django_countries import countries

from organizations.country_names import VIETNAMESE


def vietnamese_names() -> dict[str, str]:
    with translation.override("vi"):
        return {code: str(name) for code, name in countries}


def test_every_country_has_a_vietnamese_name_of_its_own():
    names = vietnamese_names()
    assert len(names) >= 249
    assert all(name.strip() for name in names.values())
    by_name = {}
    for code, name in names.items():
        by_name.setdefault(name.casefold(), []).append(code)
    shared = {name: codes for name, codes in by_name.items() if len(codes) > 1}
    assert shared == {}


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("IS", "Ai-xơ-len"),
        ("IE", "Ai-len"),
        ("AT", "Áo"),
        ("JE", "Jersey"),
        ("NE", "Ni-giê"),
        ("NG", "Ni-giê-ri-a"),
        ("LY", "Li-bi"),
        ("PS", "Nhà nước Palestine"),
        ("US", "Hoa Kỳ"),
        ("TW", "Đài Loan (Trung Quốc)"),
        ("RE", "Réunion"),
        ("JP", "Nhật Bản"),  # the library's name where it is right
    ],
)
def test_the_official_name_is_used(code, name):
    assert vietnamese_names()[code] == name
    with translation.override("vi"):
        assert countries.name(code) == name


def test_the_table_only_names_codes_that_exist():
    with translation.override("en"):
        assert set(VIETNAMESE) <= {code for code, _name in countries}


def test_other_languages_keep_the_librarys_names():
    with translation.override("en"):
        assert countries.name("IS") == "Iceland"
        assert countries.name("US") == "United States of America"
        assert countries.name("KR") == "South Korea"
