"""Residents' pages of online requests (namespace ``online_requests``)."""

from django.urls import path

from online_requests import views

app_name = "online_requests"

urlpatterns = [
    path("dienstleistungen/<slug:slug>/antrag/", views.start, name="request_start"),
    path(
        "dienstleistungen/<slug:slug>/antrag/schritt/<int:number>/",
        views.step,
        name="request_step",
    ),
    path("dienstleistungen/<slug:slug>/antrag/pruefen/", views.check, name="request_check"),
    path("antraege/", views.request_list, name="request_list"),
    path("antraege/dateien/<uuid:upload_id>/", views.download, name="request_file"),
    path("antraege/<str:reference>/", views.detail, name="request_detail"),
    path("antraege/<str:reference>/eingegangen/", views.submitted, name="request_submitted"),
    path("antraege/<str:reference>/zurueckziehen/", views.withdraw, name="request_withdraw"),
]
