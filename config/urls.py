"""Project URLs. Each app owns its own ``urls.py``; the viewflow site is in workflows."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

# 404 and 403 are Django's handlers rendering templates/404.html and 403.html.
handler500 = "config.views.server_error"

urlpatterns = [
    # The language switch is on the sign-in page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("audit/", include("audit.urls")),
    path("xac-thuc/", include("organizations.urls")),
    path("thong-bao/", include("notifications.urls")),
    path("bao-cao/", include("reports.urls")),
    path("hoi-nghi/", include("conferences.urls")),
    path("ke-hoach/", include("plans.urls")),
    path("lanh-su/", include("consular.urls")),
    path("the-abtc/", include("abtc.urls")),
    path("vien-tro/", include("ngo_aid.urls")),
    path("danh-ba/", include("people.urls")),
    path("", include("workflows.urls")),
]
