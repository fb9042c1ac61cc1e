"""The web shell: the viewflow Site with every flow, and what each role can start.

A kind of matter registers itself in ``matters.kinds`` (its app's ``ready()``: its
list, its start page, who starts it); its flow is attached to it in
``workflows/urls.py``, which mounts the flow's ``FlowViewset`` there too (outside the
Site: viewflow's app pages would list every process to whoever holds the flow's view
permission):

    kinds.attach_flow("outbound", OutboundTripFlow)

``START_ENTRIES`` holds the home page's links that start no matter (the audit
workspace); ``FLOWS``, flows that belong to no kind.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from viewflow.urls import Site

from matters import kinds
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
    found = [*kinds.flows(), *FLOWS, *(viewset._flow_class for viewset in FLOW_VIEWSETS)]
    return list(dict.fromkeys(found))


def start_entries() -> list[StartEntry]:
    """Return what can be started from the home page: the links that start no matter,
    then one per role that may start each kind, in menu order."""
    return [
        *START_ENTRIES,
        *(
            StartEntry(kind.start_title, kind.start_url, role, kind.start_description)
            for kind in kinds.startable()
            for role in kind.start_roles
        ),
    ]
