from django.urls import path
from django.views.generic import TemplateView

from munich_portal.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("datenschutz/", TemplateView.as_view(template_name="core/privacy.html"), name="privacy"),
    path("impressum/", TemplateView.as_view(template_name="core/imprint.html"), name="imprint"),
    path("kontakt/", TemplateView.as_view(template_name="core/contact.html"), name="contact"),
]
