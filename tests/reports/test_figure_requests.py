"""The focal agency asks another agency for the report's figures (issue #22): the agency
is notified, reminded the working day before the due date, escalated once overdue, and
its answer in the system writes the figures with itself as their source."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from audit.models import Action, Entry
from notifications import Event
from notifications.models import Notification
from organizations.models import Role
from reports import services
from reports.models import ExternalFigure, FigureRequest

from ..conftest import _person

pytestmark = pytest.mark.django_db

D = datetime.date
FROM, TO = D(2022, 1, 1), D(2023, 8, 31)


@pytest.fixture
def asked(province, hoa, finance, tai):
    """Sở Tài chính asked on Tuesday 01/12/2026 for FDI projects and capital."""
    return services.request_figures(
        actor=hoa,
        agency=finance,
        indicators=["fdi_projects", "fdi_capital"],
        date_from=FROM,
        date_to=TO,
        note="Phục vụ Hội nghị Ngoại vụ toàn quốc.",
    )


def _told(user, event):
    return Notification.objects.filter(recipient=user, event=event)


def test_a_request_is_due_in_working_days_and_notifies_the_agency(asked, tai, hoa):
    assert asked.due_on == D(2026, 12, 8)  # 5 working days from Tuesday 01/12
    assert _told(tai, Event.OPINION_REQUESTED).get().url == asked.get_absolute_url()
    assert not _told(hoa, Event.OPINION_REQUESTED).exists()
    assert Entry.objects.filter(action=Action.CREATED, subject_id=str(asked.pk)).exists()


def test_the_agency_is_reminded_the_working_day_before_and_only_once(asked, tai, tuan):
    assert services.remind_figure_requests(today=D(2026, 12, 4)) == {
        "reminded": 0,
        "escalated": 0,
    }
    assert services.remind_figure_requests(today=D(2026, 12, 7))["reminded"] == 1
    services.remind_figure_requests(today=D(2026, 12, 7))
    assert _told(tai, Event.DEADLINE_NEAR).count() == 1
    assert not _told(tuan, Event.ESCALATED).exists()


def test_an_overdue_request_is_escalated_to_the_heads_once(asked, tai, tuan, finance):
    head = _person("giamdoc", "Phan Văn Giám", finance, Role.UNIT_HEAD, "Giám đốc Sở")

    assert services.remind_figure_requests(today=D(2026, 12, 9))["escalated"] == 1
    services.remind_figure_requests(today=D(2026, 12, 10))

    assert _told(tai, Event.OVERDUE).count() == 1
    assert _told(tuan, Event.ESCALATED).count() == 1
    assert _told(head, Event.ESCALATED).count() == 1


def test_the_answer_writes_the_figures_with_the_agency_as_source(asked, tai, hoa, client):
    client.force_login(tai)
    url = reverse("reports:figure_request", args=[asked.pk])
    response = client.post(
        url,
        {"value_fdi_projects": "5", "value_fdi_capital": "1.550,5", "document": "123/STC-ĐT"},
    )

    assert response.status_code == 302
    figures = {f.indicator: f for f in ExternalFigure.objects.all()}
    assert figures["fdi_capital"].value == Decimal("1550.50")
    assert figures["fdi_projects"].source_agency == "Sở Tài chính"
    assert figures["fdi_projects"].source_document == "123/STC-ĐT"
    assert (figures["fdi_projects"].date_from, figures["fdi_projects"].date_to) == (FROM, TO)
    asked.refresh_from_db()
    assert asked.answered_by == tai and not asked.is_pending
    assert Entry.objects.filter(action=Action.OPINION_GIVEN, subject_id=str(asked.pk)).exists()
    assert Entry.objects.filter(actor=tai, action=Action.CREATED).count() == 2
    # Nothing more to remind; the focal agency sees it answered.
    assert services.remind_figure_requests(today=D(2026, 12, 9))["escalated"] == 0
    client.force_login(hoa)
    page = client.get(reverse("reports:figure_requests")).content.decode()
    assert "Đã cung cấp ngày" in page and "123/STC-ĐT" in page


def test_an_answer_missing_a_figure_or_its_document_saves_nothing(asked, tai, client):
    client.force_login(tai)
    url = reverse("reports:figure_request", args=[asked.pk])
    response = client.post(url, {"value_fdi_projects": "5", "document": ""})

    assert response.status_code == 400
    assert not ExternalFigure.objects.exists()
    assert FigureRequest.objects.get().is_pending


def test_another_unit_can_neither_see_nor_answer_the_request(asked, lan, thao, client):
    url = reverse("reports:figure_request", args=[asked.pk])
    for outsider in (lan, thao):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"document": "1/X", "value_fdi_projects": "1"}).status_code == 404
        assert not FigureRequest.objects.visible_to(outsider).exists()
        with pytest.raises(PermissionDenied):
            services.answer_figure_request(
                asked, actor=outsider, values={"fdi_projects": 1}, document="1/X"
            )
    assert not ExternalFigure.objects.exists()


def test_only_the_focal_agency_specialist_sends_a_request(province, tai, finance, client, hoa):
    client.force_login(tai)
    data = {"agency": finance.pk, "indicators": ["exports"], "date_from": "01/01/2022",
            "date_to": "31/08/2023"}  # fmt: skip
    assert client.post(reverse("reports:figure_requests"), data).status_code == 403
    client.force_login(hoa)
    assert client.post(reverse("reports:figure_requests"), data).status_code == 302
    assert FigureRequest.objects.get().indicators == ["exports"]


def test_the_request_waits_in_the_agencys_tasks_until_answered(asked, tai, lan, hoa, client):
    client.force_login(tai)
    page = client.get(reverse("my_tasks")).content.decode()
    table = page[page.index('data-testid="figure-requests"') :]
    assert asked.get_absolute_url() in table and "08/12/2026" in table
    assert "Dự án FDI cấp mới, Vốn đầu tư FDI đăng ký cấp mới" in table

    for other in (lan, hoa):  # another unit; the focal agency, who asked
        client.force_login(other)
        page = client.get(reverse("my_tasks")).content.decode()
        assert asked.get_absolute_url() not in page

    services.answer_figure_request(
        asked, actor=tai, values={"fdi_projects": 5, "fdi_capital": 41.2}, document="1/STC"
    )
    client.force_login(tai)
    assert asked.get_absolute_url() not in client.get(reverse("my_tasks")).content.decode()
