from django.urls import path
from django.views.generic import TemplateView

from munich_portal.core.page_cache import cache_public_page
from munich_portal.portal import views

app_name = "portal"


def _page(template_name):
    return cache_public_page(TemplateView.as_view(template_name=template_name))


urlpatterns = [
    path("", views.home, name="home"),
    path("datenschutz/", _page("portal/privacy.html"), name="privacy"),
    path("impressum/", _page("portal/imprint.html"), name="imprint"),
    path("kontakt/", _page("portal/contact.html"), name="contact"),
    path("open-data/", views.open_data, name="open_data"),
    path("konto/", views.my_account, name="my_account"),
]
