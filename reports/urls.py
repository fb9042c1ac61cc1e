"""URLs of the foreign-affairs report, mounted at /bao-cao/."""

from django.urls import path

from . import draft_views, views

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
    # The report's draft, its approval and issuance (issue #22).
    path("du-thao/", draft_views.drafts, name="drafts"),
    path("du-thao/<int:pk>/", draft_views.draft, name="draft"),
    path("du-thao/<int:pk>/trinh/", draft_views.submit, name="draft_submit"),
    path("du-thao/<int:pk>/phe-duyet/", draft_views.decide, name="draft_decide"),
    path("du-thao/<int:pk>/ky/", draft_views.sign, name="draft_sign"),
    path("du-thao/<int:pk>/vao-so/", draft_views.register, name="draft_register"),
    path("du-thao/<int:pk>/word/", draft_views.draft_docx, name="draft_docx"),
    path("du-thao/<int:pk>/pdf/", draft_views.draft_docx, {"as_pdf": True}, name="draft_pdf"),
    # The figures other offices give.
    path("so-lieu-co-quan-khac/", draft_views.external_figures, name="external_figures"),
    # Requests for figures to other agencies, and their answers.
    path("de-nghi-so-lieu/", draft_views.figure_requests, name="figure_requests"),
    path("de-nghi-so-lieu/<int:pk>/", draft_views.figure_request, name="figure_request"),
]
