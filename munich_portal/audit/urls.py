"""Meine Daten, mounted at /meine-daten/ (German) and /en/meine-daten/ (English)."""

from django.urls import path

from munich_portal.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.meine_daten, name="meine_daten"),
    path("daten/<str:label>/", views.records, name="records"),
    path("aenderungen/", views.changes, name="changes"),
    path("ohne-konto/", views.guest_records, name="guest_records"),
    path("nutzung/<int:seq>/", views.use_detail, name="use_detail"),
    path("dokument/", views.document, name="document"),
    path("export.json", views.export_json, name="export_json"),
    path("export.pdf", views.export_pdf, name="export_pdf"),
]
