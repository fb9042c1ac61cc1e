"""The web shell: login, the home page, our task and trip pages, and the viewflow site."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.contrib.auth import AuthViewset
from viewflow.workflow.flow import FlowViewset

from organizations.models import Role

from . import trip_views, views
from .flows import OutboundTripFlow
from .site import FLOWS, START_ENTRIES, StartEntry, site

FLOWS.append(OutboundTripFlow)
START_ENTRIES.append(
    StartEntry(
        _("Đề nghị cử đoàn ra"),
        "outbound_start",
        Role.UNIT_STAFF,
        _("cử cán bộ của đơn vị đi công tác nước ngoài"),
    )
)

urlpatterns = [
    path("accounts/", AuthViewset(with_profile_view=False).urls),
    path("", views.home, name="home"),
    path("viec-cua-toi/", trip_views.my_tasks, name="my_tasks"),
    path("doan-ra/", trip_views.trip_list, name="outbound_trips"),
    path("doan-ra/moi/", trip_views.start_trip, name="outbound_start"),
    path("doan-ra/<int:pk>/", trip_views.trip_detail, name="outbound_trip"),
    path("doan-ra/<int:pk>/so-do/", trip_views.trip_chart, name="outbound_chart"),
    path("doan-ra/<int:pk>/quyet-dinh/", trip_views.decision, name="outbound_decision"),
    path("doan-ra/<int:pk>/rut-ho-so/", trip_views.withdraw, name="outbound_withdraw"),
    path(
        "doan-ra/<int:pk>/tai-lieu/<int:attachment_pk>/",
        trip_views.download,
        name="outbound_download",
    ),
    # The flow's own URLs (start, execute, claim; viewflow's lists and details answer 403:
    # nobody holds the flow's view permission, our pages apply the visibility rule).
    path("quy-trinh/doan-ra/", FlowViewset(OutboundTripFlow).urls),
    path("", site.urls),
]
