"""The web shell: the viewflow Site with every flow, and what each role can start.

A new flow registers itself in ``workflows/urls.py`` with two additions, and mounts its
``FlowViewset`` there (outside the Site: viewflow's app pages would list every process
to whoever holds the flow's view permission):

    FLOWS.append(OutboundTripFlow)
    START_ENTRIES.append(StartEntry(_("Đề nghị cử đoàn ra"), "outbound_start", Role.UNIT_STAFF))
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
FLOWS: list = []
START_ENTRIES: list[StartEntry] = []

site = Site(title=_("Đối ngoại"), primary_color="#1f4e79", viewsets=FLOW_VIEWSETS)


def flow_classes() -> list:
    """Return the flow classes mounted on the site (for viewflow's inbox/queue queries)."""
    return [*FLOWS, *(viewset._flow_class for viewset in FLOW_VIEWSETS)]
