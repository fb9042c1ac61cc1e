"""The third-party apps under Vietnamese names in the admin (they ship no vi catalogue).

Each is the package's own AppConfig with a ``verbose_name`` and Vietnamese names for its
models. A model's name is set on ``_meta`` only, not on the options migrations read
(``original_attrs``), so no migration of the package changes.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_celery_beat.apps import BeatConfig as CeleryBeatAppConfig
from django_otp.plugins.otp_static.apps import DefaultConfig as OtpStaticAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OtpTotpAppConfig


class VietnameseNames:
    """Give the app's models the names in ``model_names``: {model: (singular, plural)}."""

    model_names: dict = {}

    def ready(self):
        super().ready()
        for model_name, (singular, plural) in self.model_names.items():
            meta = self.get_model(model_name)._meta
            meta.verbose_name, meta.verbose_name_plural = singular, plural


class AxesConfig(VietnameseNames, AxesAppConfig):
    verbose_name = _("Chống dò mật khẩu")
    model_names = {
        "AccessAttempt": (_("lần đăng nhập sai"), _("Các lần đăng nhập sai đang tính")),
        "AccessFailureLog": (_("nhật ký đăng nhập sai"), _("Nhật ký đăng nhập sai")),
        "AccessLog": (_("nhật ký đăng nhập"), _("Nhật ký đăng nhập")),
    }


class OtpTotpConfig(VietnameseNames, OtpTotpAppConfig):
    verbose_name = _("Xác thực hai lớp: ứng dụng xác thực")
    model_names = {"TOTPDevice": (_("ứng dụng xác thực"), _("Ứng dụng xác thực (TOTP)"))}


class OtpStaticConfig(VietnameseNames, OtpStaticAppConfig):
    verbose_name = _("Xác thực hai lớp: mã dự phòng")
    model_names = {
        "StaticDevice": (_("bộ mã dự phòng"), _("Bộ mã dự phòng")),
        "StaticToken": (_("mã dự phòng"), _("Mã dự phòng")),
    }


class BeatConfig(VietnameseNames, CeleryBeatAppConfig):
    verbose_name = _("Tác vụ định kỳ")
    model_names = {
        "ClockedSchedule": (_("lịch chạy một lần"), _("Lịch chạy một lần")),
        "CrontabSchedule": (_("lịch crontab"), _("Lịch theo crontab")),
        "IntervalSchedule": (_("lịch lặp theo khoảng"), _("Lịch lặp theo khoảng thời gian")),
        "PeriodicTask": (_("tác vụ định kỳ"), _("Tác vụ định kỳ")),
        "SolarSchedule": (_("lịch theo mặt trời"), _("Lịch theo mặt trời")),
    }
