"""URLs of the foreign-affairs report, mounted at /bao-cao/."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report, name="report"),
    path("json/", views.download_json, name="json"),
    path("xuat/", views.start_export, name="start_export"),
    path("noi-bo/", views.internal, name="internal"),
    path("noi-bo/json/", views.internal_json, name="internal_json"),
    path("noi-bo/xuat/", views.start_internal_export, name="start_internal_export"),
    path("xuat/<uuid:job_id>/", views.job, name="job"),
    path("xuat/<uuid:job_id>/tai-ve/", views.job_download, name="job_download"),
]
