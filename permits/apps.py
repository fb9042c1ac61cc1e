"""Outbound trips (đoàn ra) and inbound visits (đoàn vào)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PermitsConfig(AppConfig):
    name = "permits"
    verbose_name = _("Đoàn ra, đoàn vào")

    def ready(self):
        from matters import kinds
        from matters.status import COUNTED
        from organizations.models import Role

        from .models import InboundVisit, OutboundTrip

        counted = COUNTED
        kinds.register(
            kinds.Kind(
                key="outbound",
                label=_("Đoàn ra"),
                model=OutboundTrip,
                list_url="outbound_trips",
                order=10,
                icon="flight_takeoff",
                start_url="outbound_start",
                start_title=_("Đề nghị cử đoàn ra"),
                start_description=_("cử cán bộ của đơn vị đi công tác nước ngoài"),
                start_roles=(Role.UNIT_STAFF,),
                counted_statuses=counted,
                draft="permits.services.decision_draft",
            )
        )
        kinds.register(
            kinds.Kind(
                key="inbound",
                label=_("Đoàn vào"),
                model=InboundVisit,
                list_url="inbound_visits",
                order=20,
                icon="flight_land",
                start_url="inbound_start",
                start_title=_("Đề nghị đón đoàn vào"),
                start_description=_("đón tiếp đoàn khách nước ngoài đến làm việc với đơn vị"),
                start_roles=(Role.UNIT_STAFF,),
                counted_statuses=counted,
                draft="permits.visit_services.letter_draft",
            )
        )
