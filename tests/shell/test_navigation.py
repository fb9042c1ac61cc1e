"""The menu marks the page's entry: a kind's, on its list, its form ("…/moi/", which
opens the flow's start page under /quy-trinh/…) and its task pages; the home page's only
on the home page (viewflow's prefix match left "Trang chủ" marked on the flow's pages)."""

import re

import pytest
from django.urls import reverse

from matters import kinds

pytestmark = pytest.mark.django_db

SELECTED = re.compile(
    r'<a class="[^"]*mdc-list-item--selected[^"]*" aria-current="page" href="[^"]*"'
    r' data-testid="([\w-]+)"'
)


def selected(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return SELECTED.findall(response.content.decode())


@pytest.mark.parametrize(
    "key", ["outbound", "inbound", "agreement", "conference", "ngo_aid", "abtc"]
)
def test_a_kinds_form_page_marks_the_kinds_entry(client, province, lan, key):
    kind = kinds.get(key)
    client.force_login(lan)
    response = client.get(reverse(kind.start_url), follow=True)
    assert response.redirect_chain[-1][0].startswith("/quy-trinh/")
    assert selected(response) == [kind.menu_testid]


def test_the_home_page_and_a_list_mark_their_own_entry(client, province, lan):
    client.force_login(lan)
    assert selected(client.get("/")) == ["nav-home"]
    assert selected(client.get("/doan-ra/")) == ["nav-outbound"]
    assert selected(client.get("/viec-cua-toi/")) == ["nav-tasks"]


def test_the_persons_import_marks_the_directory(client, province, hoa):
    client.force_login(hoa)
    assert selected(client.get(reverse("person_import"))) == ["nav-people"]
