"""International conferences and seminars (hội nghị, hội thảo quốc tế)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = _("Hội nghị, hội thảo quốc tế")

    def ready(self):
        from matters import kinds

        from .models import Conference

        # Listed only: conferences have no flow yet.
        kinds.register(
            kinds.Kind(
                key="conference",
                label=_("Hội nghị, hội thảo"),
                model=Conference,
                list_url="conferences:list",
                order=40,
                icon="groups",
            )
        )
