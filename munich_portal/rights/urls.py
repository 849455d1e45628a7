from django.urls import path

from munich_portal.rights import views

app_name = "rights"

urlpatterns = [
    path("datenschutz/auskunft/", views.request_form, name="request"),
    path("datenschutz/auskunft/danke/", views.thanks, name="thanks"),
]
