import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from guardian.models import UserObjectPermission

from organizations.demo import DEMO_PASSWORD, PEOPLE
from organizations.models import Province, User
from organizations.selectors import roles_of

pytestmark = pytest.mark.django_db


def _row_counts():
    models = list(apps.get_app_config("organizations").get_models())
    counts = {model.__name__: model.objects.count() for model in models}
    counts["groups"] = Group.objects.count()
    counts["grants"] = UserObjectPermission.objects.count()
    return counts


def test_loading_the_demo_twice_gives_the_same_rows():
    call_command("load_demo", stdout=io.StringIO())
    first = _row_counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _row_counts() == first
    # One login per person, and the account past records are imported under (reports.importing).
    assert first["User"] == len(PEOPLE) + 1


def test_the_demo_prints_one_login_per_person():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    for username, *_rest in PEOPLE:
        assert username in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()


def test_every_demo_user_can_log_in_and_holds_their_role(client):
    call_command("load_demo", stdout=io.StringIO())
    for username, _name, _unit, role, *_rest in PEOPLE:
        response = client.post(
            "/accounts/login/", {"username": username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, username
        user = User.objects.get(username=username)
        assert roles_of(user) >= ({role} if role else set()), username
        client.logout()


def test_the_demo_province_names_its_focal_agency_and_leaders():
    call_command("load_demo", stdout=io.StringIO())
    province = Province.current()
    assert province.focal_agency.code == "SNV"
    assert province.chairman.username == "chutich"
    assert province.foreign_affairs_leader.username == "phochutich.dn"
    assert province.security_agency.code == "CA"
