"""International conferences and seminars (hội nghị, hội thảo quốc tế)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = _("Hội nghị, hội thảo quốc tế")

    def ready(self):
        from matters import kinds
        from matters.status import COUNTED
        from organizations.models import Role

        from .models import Conference

        kinds.register(
            kinds.Kind(
                key="conference",
                label=_("Hội nghị, hội thảo"),
                model=Conference,
                list_url="conferences:list",
                order=40,
                icon="groups",
                start_url="conference_start",
                start_title=_("Đề nghị tổ chức hội nghị, hội thảo quốc tế"),
                start_description=_("tổ chức hội nghị, hội thảo quốc tế tại tỉnh"),
                start_roles=(Role.UNIT_STAFF,),
                counted_statuses=COUNTED,
                draft="conferences.services.letter_draft",
            )
        )
