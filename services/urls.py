from django.urls import path

from services import views

app_name = "services"

urlpatterns = [
    path("dienstleistungen/", views.catalogue, name="catalogue"),
    path("dienstleistungen/vorschlaege/", views.suggestions, name="suggestions"),
    path("dienstleistungen/<slug:slug>/", views.service_detail, name="detail"),
    path("lebenslagen/", views.life_situation_list, name="life_situations"),
    path("lebenslagen/<slug:slug>/", views.life_situation_detail, name="life_situation"),
    path("dienststellen/", views.office_list, name="offices"),
    path("dienststellen/<slug:slug>/", views.office_detail, name="office"),
    path(
        "open-data/dienstleistungen.csv",
        views.open_data_services_csv,
        name="open_data_services_csv",
    ),
    path(
        "open-data/dienstleistungen.json",
        views.open_data_services_json,
        name="open_data_services_json",
    ),
    path("open-data/dienststellen.csv", views.open_data_offices_csv, name="open_data_offices_csv"),
    path(
        "open-data/dienststellen.json",
        views.open_data_offices_json,
        name="open_data_offices_json",
    ),
]
