"""URLs of the annual plan, mounted at /ke-hoach/."""

from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.index, name="index"),
    path("mo-dot/", views.open_round, name="open"),
    path("thuc-hien/", views.actual, name="actual"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/tong-hop/", views.compiled, name="compiled"),
    path("<int:pk>/them-muc/", views.item_new, name="item_new"),
    path("<int:pk>/du-thao/", views.draft, name="draft"),
    path("<int:pk>/du-thao/pdf/", views.draft, {"as_pdf": True}, name="draft_pdf"),
    path("<int:pk>/<slug:action>/", views.round_action, name="round_action"),
    path("muc/<int:pk>/", views.item_detail, name="item"),
    path("muc/<int:pk>/sua/", views.item_edit, name="item_edit"),
    path("muc/<int:pk>/xoa/", views.item_delete, name="item_delete"),
    path("don-vi/<int:pk>/<slug:action>/", views.unit_plan_action, name="unit_plan_action"),
    path("van-ban/<int:pk>/", views.version_document, name="document"),
    path("van-ban/<int:pk>/pdf/", views.version_document, {"as_pdf": True}, name="document_pdf"),
]
