"""The viewflow flows, the step views, the deadlines of tasks and the inbox site."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Quy trình")

    def ready(self):
        from matters import kinds

        # The demo of each kind drives its flow, so it lives here, beside the flows.
        kinds.attach_demo("outbound", "workflows.demo.load")
        kinds.attach_demo("inbound", "workflows.demo_visits.load")
        kinds.attach_demo("agreement", "workflows.demo_agreements.load")
        kinds.attach_demo("conference", "workflows.demo_conferences.load")
        kinds.attach_demo("plan", "workflows.demo_plans.load")

        kinds.attach_demo("abtc", "workflows.demo_abtc.load")

        kinds.attach_demo("ngo_aid", "workflows.demo_ngo_aid.load")
