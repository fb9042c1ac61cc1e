"""URLs of the consular register, mounted at /lanh-su/."""

from django.urls import path

from . import views

app_name = "consular"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("moi/", views.case_create, name="create"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/bao-ngay/", views.notice, name="notice"),
    path("<int:pk>/tinh-trang/", views.status, name="status"),
    path("<int:pk>/cap-nhat/", views.note, name="note"),
    path("<int:pk>/ket-thuc/", views.close, name="close"),
    path("<int:pk>/nguoi/<int:person_pk>/xem/", views.reveal, name="reveal"),
]
