"""URLs for the workflow tests: the admin, and the test flow so that deadline
notifications link to the task. Kept apart from the project's URLconf so these tests
depend on nothing but the code they test.
"""

from django.contrib import admin
from django.urls import include, path
from viewflow.workflow.flow import FlowViewset

from .flows_for_tests import ReviewFlow

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("review/", FlowViewset(ReviewFlow).urls),
]
