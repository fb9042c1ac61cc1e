"""URLs of the auditor's workspace, mounted at /audit/."""

from django.urls import path, register_converter

from . import views

app_name = "audit"


class SubjectIdConverter:
    """A matter's id as entries store it: any text but a slash or a control character.

    A NUL would otherwise reach PostgreSQL, which refuses it with an error (500); a URL
    that cannot name a matter is a 404 instead.
    """

    regex = "[^/\x00-\x1f\x7f]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(SubjectIdConverter, "audit_subject")

urlpatterns = [
    path("", views.search, name="search"),
    path("xuat/", views.export, name="export"),
    path("ho-so/<int:type_id>/<audit_subject:subject_id>/", views.matter, name="matter"),
    path("kiem-tra/", views.verify, name="verify"),
]
