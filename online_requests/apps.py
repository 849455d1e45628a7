from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnlineRequestsConfig(AppConfig):
    name = "online_requests"
    verbose_name = _("Online requests")
    default_auto_field = "django.db.models.BigAutoField"
