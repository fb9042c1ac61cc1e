"""The annual plan of outbound trips and inbound visits (kế hoạch đoàn ra, đoàn vào)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Kế hoạch đoàn ra, đoàn vào")

    def ready(self):
        from matters import kinds, planning
        from organizations import settings_cache
        from organizations.models import Role

        from . import selectors
        from .models import PlanItem, Round

        # Whether a plan is in force is read on every matter's page (the plan's trigger:
        # migration 0003).
        settings_cache.watch(Round)

        # Listed in the menu (no flow: the plan is a small state machine of services).
        kinds.register(
            kinds.Kind(
                key="plan",
                label=_("Kế hoạch đoàn ra, đoàn vào"),
                model=PlanItem,
                list_url="plans:index",
                order=60,
                icon="event_note",
                start_roles=(Role.UNIT_STAFF,),
            )
        )
        planning.register(selectors.PlanProvider())
