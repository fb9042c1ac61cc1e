from django.urls import path

from . import views

urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("tim/", views.person_search, name="person_search"),
    path("them/", views.person_add, name="person_add"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("<int:pk>/gop/", views.person_merge, name="person_merge"),
    path("<int:pk>/dien-btv/", views.person_flag, name="person_flag"),
    path("<int:pk>/tai-khoan/", views.person_account, name="person_account"),
    path("<int:pk>/ho-chieu/", views.passport_add, name="passport_add"),
]
