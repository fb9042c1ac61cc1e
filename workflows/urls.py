"""The web shell: login, the home page, and the viewflow site with every flow."""

from django.urls import path
from viewflow.contrib.auth import AuthViewset

from . import views
from .site import site

urlpatterns = [
    path("accounts/", AuthViewset(with_profile_view=False).urls),
    path("", views.home, name="home"),
    path("", site.urls),
]
