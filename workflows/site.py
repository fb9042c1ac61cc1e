"""The web shell: the viewflow Site with every flow, and what each role can start.

A new flow registers itself with two one-line additions:

    FLOW_VIEWSETS.append(FlowAppViewset(OutboundTripFlow, icon="flight_takeoff"))
    START_ENTRIES.append(StartEntry(_("Đề nghị cử đoàn ra"), "outbound:start", Role.UNIT_STAFF))
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from viewflow.urls import Site

from organizations.models import Role


@dataclass(frozen=True)
class StartEntry:
    """Something a person holding ``role`` can start from the home page."""

    title: str
    url_name: str
    role: Role
    description: str = ""


FLOW_VIEWSETS: list = []
START_ENTRIES: list[StartEntry] = []

site = Site(title=_("Đối ngoại"), primary_color="#1f4e79", viewsets=FLOW_VIEWSETS)


def flow_classes() -> list:
    """Return the flow classes mounted on the site (for viewflow's inbox/queue queries)."""
    return [viewset._flow_class for viewset in FLOW_VIEWSETS]
