from django.urls import path

from appointments import views

app_name = "appointments"

urlpatterns = [
    path("dienstleistungen/<slug:slug>/termin/", views.service_times, name="service_times"),
    path("dienststellen/<slug:slug>/termin/", views.book, name="book"),
    path("dienststellen/<slug:slug>/termin/warteliste/", views.join_waiting_list, name="waitlist"),
    path(
        "dienstleistungen/<slug:slug>/termin/warteliste/",
        views.join_service_waiting_list,
        name="service_waitlist",
    ),
    path("termine/", views.my_appointments, name="mine"),
    path("termine/gebucht/<str:reference>/", views.booked, name="booked"),
    path("termine/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("termine/verwalten/<str:token>/", views.manage, name="manage"),
    path("termine/verwalten/<str:token>/umbuchen/", views.rebook, name="rebook"),
    path("termine/verwalten/<str:token>/kalender.ics", views.calendar_file, name="calendar"),
    path("termine/angebot/<str:token>/", views.offer, name="offer"),
    path(
        "termine/warteliste/bestaetigen/<str:token>/",
        views.confirm_waiting_list,
        name="confirm_waitlist",
    ),
]
