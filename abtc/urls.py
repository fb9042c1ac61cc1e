"""URLs of the ABTC register and statistics, mounted at /the-abtc/."""

from django.urls import path

from . import views

app_name = "the_abtc"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("excel/", views.request_export, name="export"),
    path("so-the/", views.card_register, name="cards"),
    path("so-the/excel/", views.card_export, name="cards_export"),
    path("so-the/nhap/", views.card_import, name="card_import"),
    path("so-the/nhap/mau/", views.card_import_template, name="card_import_template"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("thong-ke/excel/", views.statistics_xlsx, name="statistics_xlsx"),
    path("<int:pk>/the/<int:manager_pk>/", views.register_card, name="register_card"),
]
