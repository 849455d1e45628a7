"""Public participation pages (/beteiligung/, /veranstaltungen/)."""

from django.urls import path

from participation import views

app_name = "participation"

urlpatterns = [
    path("beteiligung/", views.process_list, name="processes"),
    path("beteiligung/<slug:slug>/", views.process_detail, name="process"),
    path("beteiligung/<slug:slug>/bild/", views.process_image, name="process_image"),
    path("beteiligung/<slug:slug>/dokumente/<int:pk>/", views.process_document, name="document"),
    path("veranstaltungen/<slug:slug>/", views.event_detail, name="event"),
    path(
        "veranstaltungen/<slug:slug>/angemeldet/<str:reference>/",
        views.registration_done,
        name="registration_done",
    ),
    path("veranstaltungen/<slug:slug>/kalender.ics", views.event_calendar, name="event_calendar"),
    path("anmeldung/bestaetigen/<str:token>/", views.confirm_guest, name="confirm_guest"),
    path("anmeldung/stornieren/<str:token>/", views.cancel, name="cancel"),
]
