"""APEC business travel cards (thẻ đi lại của doanh nhân APEC, ABTC)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AbtcConfig(AppConfig):
    name = "abtc"
    verbose_name = _("Thẻ đi lại của doanh nhân APEC")

    def ready(self):
        from matters import kinds
        from organizations.models import Role

        from .models import COUNTED, AbtcRequest

        kinds.register(
            kinds.Kind(
                key="abtc",
                label=_("Thẻ ABTC"),
                model=AbtcRequest,
                list_url="the_abtc:list",
                order=55,
                icon="card_travel",
                start_url="abtc_start",
                start_title=_("Đề nghị cho phép sử dụng thẻ ABTC"),
                start_description=_("cho doanh nhân của doanh nghiệp đi lại trong khối APEC"),
                start_roles=(Role.UNIT_STAFF,),
                counted_statuses=COUNTED,
                draft="abtc.services.decision_draft",
            )
        )
