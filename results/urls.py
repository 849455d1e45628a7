"""The results pages, their files and the open data files (namespace ``results``)."""

from django.urls import path

from results import views

app_name = "results"

urlpatterns = [
    path("beteiligung/<slug:slug>/ergebnisse/", views.results, name="results"),
    path(
        "beteiligung/<slug:slug>/ergebnisse/statistik.csv",
        views.process_statistics_csv,
        name="results_csv",
    ),
    path(
        "beteiligung/<slug:slug>/ergebnisse/statistik.json",
        views.process_statistics_json,
        name="results_json",
    ),
    path("beteiligung/<slug:slug>/export/", views.export, name="results_export"),
    path("open-data/beteiligung/statistik.csv", views.open_data_csv, name="open_data_csv"),
    path("open-data/beteiligung/statistik.json", views.open_data_json, name="open_data_json"),
]
