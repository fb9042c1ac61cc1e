"""URLs of the auditor's workspace, mounted at /audit/."""

from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.search, name="search"),
    path("xuat/", views.export, name="export"),
    path("ho-so/<int:type_id>/<str:subject_id>/", views.matter, name="matter"),
    path("kiem-tra/", views.verify, name="verify"),
]
