"""The registry of persons and their official passports (danh bạ cá nhân, hộ chiếu)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("Danh bạ cá nhân và hộ chiếu")
