"""The access matrix (issue #9): every URL × every role × GET and POST, from data.

``access_matrix.yaml`` says, for every URL pattern the project serves (viewflow's
generated ones included), which roles may use it with GET and with POST. The walk
requests each URL, filled with unit A's real matters, as one person of each role:

- a cell the matrix does not grant must answer 403, 404 or 405 (anonymous: the login
  page), its POST must change nothing, and an authenticated forbidden POST leaves an
  "access denied" entry in the audit trail;
- a granted cell must be usable in this world (not refused), so the matrix stays true;
- nothing ever answers 500;
- a URL missing from the matrix, or a matrix entry no URL has, fails the test.

Run with ``ACCESS_MATRIX_OBSERVED=path`` to write what was observed (to review a change).
"""

import io
import json
import os
from pathlib import Path

import openpyxl
import pytest
import yaml
from django.db import connection
from django.urls import reverse

from .access import MARKERS, all_urls, build_world, matrix_key, walk

pytestmark = pytest.mark.django_db

MATRIX = yaml.safe_load((Path(__file__).parent / "access_matrix.yaml").read_text())
ROLES = {
    "anonymous": None,
    "no_role": "vo",
    "staff_a": "lan",
    "staff_b": "long",
    "head_a": "minh",
    "reviewer": "hoa",
    "dept_head": "tuan",
    "security": "dung",
    "consulted": "thao",
    "leader": "pho",
    "auditor": "kiem",
    "admin": "quan",
}


@pytest.fixture
def world(
    settings,
    province,
    unit_a,
    justice,
    lan,
    long,
    minh,
    hoa,
    tuan,
    dung,
    thao,
    chu,
    pho,
    kiem,
    quan,
    vo,
):
    # Every refused POST must leave its entry: no throttling of the walk's refusals.
    settings.AUDIT_DENIALS_PER_WINDOW = 10**9
    quan.is_staff = quan.is_superuser = True  # as `load_demo` makes the administrator
    quan.save()
    people = {
        "unit_a": unit_a,
        **{
            u.username: u
            for u in (lan, long, minh, hoa, tuan, dung, thao, chu, pho, kiem, quan, vo)
        },
    }
    return build_world(people, justice)


def granted(key, method):
    return set(MATRIX["urls"].get(key, {}).get(method, []))


def test_the_matrix_lists_every_url_and_only_urls_that_exist():
    keys = {matrix_key(route, name) for route, name in all_urls()}
    listed = set(MATRIX["urls"])
    assert sorted(keys - listed) == [], "URLs without an access rule in access_matrix.yaml"
    assert sorted(listed - keys) == [], "access_matrix.yaml lists URLs that no longer exist"
    for key, cells in MATRIX["urls"].items():
        assert set(cells) <= {"GET", "POST"}, key
        for roles in cells.values():
            assert set(roles) <= set(ROLES), f"{key}: unknown role in {roles}"


# The walk is the same on every database; a whole walk takes half a minute a role. On
# SQLite (the newcomer's `make test`) four roles that cover each side of the rules walk;
# CI walks every role on PostgreSQL, and ACCESS_MATRIX_ALL_ROLES=1 walks them all here.
SQLITE_ROLES = {"anonymous", "staff_b", "reviewer", "leader"}


def _walked(role):
    partial = connection.vendor == "sqlite" and not os.environ.get("ACCESS_MATRIX_ALL_ROLES")
    skip = pytest.mark.skipif(
        partial and role not in SQLITE_ROLES,
        reason="walked on PostgreSQL in CI (ACCESS_MATRIX_ALL_ROLES=1 walks it here)",
    )
    return pytest.param(role, marks=skip)


@pytest.mark.parametrize("role", [_walked(role) for role in ROLES])
def test_every_url_answers_each_role_as_the_matrix_says(client, world, role, capsys):
    person = world.people.get(ROLES[role]) if ROLES[role] else None
    client.raise_request_exception = False  # a 500 is a finding, not a crash of the walk
    if person is not None:
        client.force_login(person)
    observed, violations = {}, []
    for key, method, url, result, changed, logged in walk(client, world, all_urls(), person):
        observed.setdefault(key, {}).setdefault(method, set()).add(result)
        allowed = role in granted(key, method)
        if result not in ("allowed", "denied"):
            violations.append(f"{method} {url} → {result}")
        elif allowed and result == "denied" and key != "admin:*":
            violations.append(f"{method} {url} → refused, but the matrix grants it")
        elif not allowed and result == "allowed":
            violations.append(f"{method} {url} → served, but the matrix forbids it")
        if changed:
            violations.append(f"{method} {url} → refused, yet it wrote to {changed}")
        if method == "POST" and result == "denied" and person is not None and not logged:
            violations.append(f"{method} {url} → refused without an access-denied entry")
    if os.environ.get("ACCESS_MATRIX_OBSERVED"):
        path = Path(os.environ["ACCESS_MATRIX_OBSERVED"]) / f"{role}.json"
        cells = {k: {m: sorted(v) for m, v in c.items()} for k, c in observed.items()}
        path.write_text(json.dumps(cells))
    cases = sum(len(cells) for cells in observed.values())
    with capsys.disabled():  # the figures belong in the CI log
        print(
            f"\naccess matrix, {role}: {len(observed)} URL patterns, {cases} cases, "
            f"{len(violations)} violations"
        )
    assert violations == [], "\n".join(violations)


EXPORTS = (
    "outbound_export",
    "inbound_export",
    "agreement_export",
    "conferences:export",
    "ngo_aid:export",
    "the_abtc:export",
    "the_abtc:cards_export",
)


@pytest.mark.parametrize("role", ["staff_b", "no_role"])
def test_lists_searches_and_exports_show_nothing_of_unit_a(client, world, role):
    client.force_login(world.people[ROLES[role]])
    pages = [
        "/",
        "/viec-cua-toi/",
        "/doan-ra/",
        "/doan-ra/?q=b%C3%AD+m%E1%BA%ADt",
        "/doan-vao/",
        "/doan-vao/?q=b%C3%AD+m%E1%BA%ADt",
        "/thoa-thuan/",
        "/thoa-thuan/?q=b%C3%AD+m%E1%BA%ADt",
        "/thoa-thuan/so-dang-ky/",
        "/thoa-thuan/so-dang-ky/?format=xlsx",
        "/hoi-nghi/",
        "/the-abtc/",
        "/the-abtc/?q=Phong",
        "/the-abtc/so-the/",
        "/the-abtc/thong-ke/excel/",
        "/vien-tro/",
        "/vien-tro/?q=b%C3%AD+m%E1%BA%ADt",
        f"/vien-tro/to-chuc/{world.ngo.pk}/",
        "/thong-bao/",
    ]
    references = (
        world.trip.reference,
        world.visit.reference,
        world.agreement.reference,
        world.conference.reference,
        world.abtc.reference,
        world.project.reference,
    )
    for url in pages:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        for marker in (*MARKERS, *references):
            assert marker not in text, f"{url} shows {marker} to {role}"
    # The lists' Excel exports (zipped: read the cells).
    for name in EXPORTS:
        response = client.get(reverse(name), {"q": "bí mật"})
        cells = openpyxl.load_workbook(io.BytesIO(response.content)).active.values
        text = " ".join(str(value) for row in cells for value in row)
        for marker in (*MARKERS, *references):
            assert marker not in text, f"{name} exports {marker} to {role}"
