import pytest
from django.urls import reverse

from organizations.models import Deputy, Role
from organizations.selectors import has_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["user", "unit", "staffprofile", "deputy", "province"])
def test_the_administrator_opens_every_organisation_list(admin_client, lan, province, model):
    response = admin_client.get(reverse(f"admin:organizations_{model}_changelist"))
    assert response.status_code == 200


def test_the_user_page_lists_role_grants(admin_client, lan):
    response = admin_client.get(reverse("admin:organizations_user_change", args=[lan.pk]))
    assert response.status_code == 200
    assert "Sở Công Thương" in response.content.decode()


def test_the_role_form_grants_and_revokes_through_the_services(admin_client, vo, unit_b):
    url = reverse("admin:organizations_user_roles", args=[vo.pk])
    data = {"role": Role.UNIT_HEAD.value, "unit": unit_b.pk, "action": "grant"}
    assert admin_client.post(url, data).status_code == 302
    assert has_role(vo, Role.UNIT_HEAD, unit_b)
    assert admin_client.post(url, {**data, "action": "revoke"}).status_code == 302
    assert not has_role(vo, Role.UNIT_HEAD, unit_b)
    assert not vo.groups.filter(name=Role.UNIT_HEAD.value).exists()


def test_an_overlapping_deputy_period_is_refused_in_the_admin(admin_client, hoa, tuan, lan):
    url = reverse("admin:organizations_deputy_add")
    period = {"principal": tuan.pk, "start_date": "02/03/2026", "end_date": "13/03/2026"}
    assert admin_client.post(url, {**period, "deputy": hoa.pk}).status_code == 302
    response = admin_client.post(url, {**period, "deputy": lan.pk})
    assert response.status_code == 200
    assert "trùng với thời gian này" in response.content.decode()
    assert Deputy.objects.count() == 1
