from django.urls import path
from django.views.generic import TemplateView

from munich_portal.core import views
from munich_portal.core.page_cache import cache_public_page

app_name = "core"


def _page(template_name):
    return cache_public_page(TemplateView.as_view(template_name=template_name))


urlpatterns = [
    path("", views.home, name="home"),
    path("datenschutz/", _page("core/privacy.html"), name="privacy"),
    path("impressum/", _page("core/imprint.html"), name="imprint"),
    path("kontakt/", _page("core/contact.html"), name="contact"),
]
