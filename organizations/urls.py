"""The second step of signing in (xác thực hai lớp), mounted at /xac-thuc/."""

from django.urls import path

from . import two_factor_views

app_name = "two_factor"

urlpatterns = [
    path("", two_factor_views.verify, name="verify"),
    path("dang-ky/", two_factor_views.enrol, name="enrol"),
    path("ma-du-phong/", two_factor_views.recovery_codes, name="recovery_codes"),
]
