"""Project URLs. Each app owns its own ``urls.py``; the viewflow site is in workflows."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("audit/", include("audit.urls")),
    path("xac-thuc/", include("organizations.urls")),
    path("thong-bao/", include("notifications.urls")),
    path("bao-cao/", include("reports.urls")),
    path("hoi-nghi/", include("conferences.urls")),
    path("", include("workflows.urls")),
]
