"""The sample data names places as local government stands since 1 July 2025: a
province, then a commune, ward or special zone (xã, phường, đặc khu); districts
(huyện, quận, thị xã) are gone. The demo and the data of the guide's pictures show it."""

import pathlib
import re

import pytest

from workflows import demo_ngo_aid

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = [
    *sorted((ROOT / "workflows").glob("demo*.py")),
    ROOT / "reports" / "demo.py",
    ROOT / "tests" / "ngo_aid" / "helpers.py",
    ROOT / "tests" / "security" / "access.py",
]
DISTRICT = re.compile(r"\b(huyện|quận|thị xã)\b", re.IGNORECASE)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_sample_data_names_no_district(path):
    assert DISTRICT.findall(path.read_text(encoding="utf-8")) == []


def test_the_demo_projects_are_in_a_commune():
    assert demo_ngo_aid._fields("Dự án", donor=None)["location"].startswith("Xã ")
