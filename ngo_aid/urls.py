"""URLs of foreign NGO aid's registers, mounted at /vien-tro/."""

from django.urls import path

from . import views

app_name = "ngo_aid"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("excel/", views.project_export, name="export"),
    path("to-chuc/", views.ngo_list, name="ngos"),
    path("to-chuc/excel/", views.ngo_export, name="ngos_export"),
    path("to-chuc/moi/", views.ngo_edit, name="ngo_new"),
    path("to-chuc/<int:pk>/", views.ngo_detail, name="ngo"),
    path("to-chuc/<int:pk>/sua/", views.ngo_edit, name="ngo_edit"),
    path("to-chuc/<int:pk>/doan-vao/", views.link_visit, name="ngo_link_visit"),
    path("gap-mat/", views.meeting_list, name="meetings"),
    path("gap-mat/excel/", views.meeting_export, name="meetings_export"),
    path("gap-mat/moi/", views.meeting_new, name="meeting_new"),
]
