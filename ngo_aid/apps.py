"""Foreign non-governmental aid (viện trợ phi chính phủ nước ngoài)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NgoAidConfig(AppConfig):
    name = "ngo_aid"
    verbose_name = _("Viện trợ phi chính phủ nước ngoài")

    def ready(self):
        from matters import kinds
        from organizations.models import Role

        from .models import COUNTED, AidProject

        kinds.register(
            kinds.Kind(
                key="ngo_aid",
                label=_("Viện trợ PCPNN"),
                model=AidProject,
                list_url="ngo_aid:list",
                order=50,
                icon="volunteer_activism",
                start_url="ngo_aid_start",
                start_title=_("Đề nghị phê duyệt khoản viện trợ phi chính phủ nước ngoài"),
                start_description=_("tiếp nhận viện trợ của tổ chức phi chính phủ nước ngoài"),
                start_roles=(Role.UNIT_STAFF,),
                counted_statuses=COUNTED,
                draft="ngo_aid.services.decision_draft",
            )
        )
