"""Helpers of the annual plan's tests: a second unit head, items posted as a browser does,
an approved plan made through the services."""

import datetime
from decimal import Decimal

from django.urls import reverse

from audit.models import Entry
from organizations.models import Province, Role, StaffProfile
from organizations.selectors import users_with_role
from organizations.services import grant_role
from plans import services
from plans.models import PlanItem
from workflows import driver

from ..factories import StaffProfileFactory


def unit_head(unit, username="hung", full_name="Ngô Văn Hùng"):
    profile = StaffProfileFactory(
        user__username=username,
        user__full_name=full_name,
        unit=unit,
        position="Hiệu trưởng",
        leader_level=StaffProfile.LeaderLevel.DEPARTMENT_HEAD,
    )
    grant_role(profile.user, Role.UNIT_HEAD, unit)
    return profile.user


def login(client, user):
    client.logout()
    client.force_login(user)
    return client


def item_data(**overrides) -> dict:
    data = {
        "kind": "outbound",
        "title": "Đoàn xúc tiến thương mại tại Hàn Quốc",
        "purpose": "Gặp gỡ nhà đầu tư",
        "countries": ["KR"],
        "partner": "KOTRA",
        "quarter": "2",
        "month": "",
        "head_name": "Lê Quang Minh",
        "head_level": "department_head",
        "size": "5",
        "days": "6",
        "funding_source": "state_budget",
        "estimated_cost": "400000000",
        "justification": "Theo chương trình xúc tiến năm",
    }
    data.update(overrides)
    return data


def add_item(client, user, plan_round, unit, **overrides):
    login(client, user)
    url = reverse("plans:item_new", args=[plan_round.pk]) + f"?unit={unit.pk}"
    response = client.post(url, item_data(**overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return PlanItem.objects.latest("pk")


def act(client, user, name, obj, action, comment=""):
    login(client, user)
    response = client.post(reverse(name, args=[obj.pk, action]), {"comment": comment})
    assert response.status_code == 302, response.status_code
    obj.refresh_from_db()
    return response


def actions(subject) -> list[str]:
    entries = Entry.objects.filter(
        subject_id=str(subject.pk), subject_label=str(subject)[:500]
    ).order_by("seq")
    return list(entries.values_list("action", flat=True))


def clerk():
    """Return the people's committee's clerk (the ``van`` fixture, via ``province``)."""
    return users_with_role(Role.CLERK, Province.current().peoples_committee)[0]


def approved_plan(year, *, leader, **parts):
    """Make, approve, sign and register ``year``'s plan through the services; return
    (round, items)."""
    plan_round, made = submitted_plan(year, **parts)
    services.approve_plan(plan_round, actor=leader)
    driver.issue_plan(plan_round, clerk=clerk())
    plan_round.refresh_from_db()
    for item in made:
        item.refresh_from_db()
    return plan_round, made


def submitted_plan(year, *, staff, head, reviewer, unit, items):
    """Make ``year``'s plan and submit it to the leader; return (round, items)."""
    plan_round = services.open_round(
        year=year, deadline=datetime.date(year, 12, 31), actor=reviewer
    )
    unit_plan = services.unit_plan_for(plan_round, unit)
    made = []
    for overrides in items:
        fields = {**item_data(), **overrides}
        fields["quarter"] = int(fields["quarter"]) if fields["quarter"] else None
        fields["month"] = int(fields["month"]) if fields["month"] else None
        for name in ("size", "days"):
            fields[name] = int(fields[name])
        fields["estimated_cost"] = Decimal(fields["estimated_cost"])
        fields["party_managed"] = False
        made.append(services.save_item(unit_plan, actor=staff, fields=fields))
    services.submit_unit_plan(unit_plan, actor=staff)
    services.endorse_unit_plan(unit_plan, actor=head)
    services.submit_plan(plan_round, actor=reviewer)
    return plan_round, made
