"""URLs of the conference registry, mounted at /hoi-nghi/."""

from django.urls import path

from . import views

app_name = "conferences"

urlpatterns = [
    path("", views.conference_list, name="list"),
    path("excel/", views.conference_export, name="export"),
]
