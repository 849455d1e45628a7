"""The clerks' pages of the paper channel (namespace ``paper``)."""

from django.urls import path

from paper import views

app_name = "paper"

urlpatterns = [
    path("erfassung/", views.entry, name="paper_entry"),
    path("erfassung/anmeldung/", views.call, name="paper_call"),
    path("erfassung/briefe/", views.letters, name="paper_letters"),
    path("erfassung/briefe/drucken/", views.print_letters, name="paper_print_letters"),
    path("erfassung/briefe/<str:day>/erneut/", views.reprint_letters, name="paper_reprint_letters"),
    path("erfassung/<str:number>/", views.sheet, name="paper_sheet"),
]
