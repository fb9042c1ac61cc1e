"""International agreements (thỏa thuận quốc tế)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Thỏa thuận quốc tế")

    def ready(self):
        from matters import kinds
        from organizations.models import Role

        from .models import SIGNED_STATUSES, Agreement

        kinds.register(
            kinds.Kind(
                key="agreement",
                label=_("Thỏa thuận quốc tế"),
                model=Agreement,
                list_url="agreements",
                order=30,
                icon="handshake",
                start_url="agreement_start",
                start_title=_("Đề xuất ký kết thỏa thuận quốc tế"),
                start_description=_("ký kết thỏa thuận quốc tế với đối tác nước ngoài"),
                start_roles=(Role.UNIT_STAFF,),
                counted_statuses=SIGNED_STATUSES,
                draft="agreements.services.letter_draft",
            )
        )
