from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "munich_portal.audit"
    label = "audit"
    verbose_name = _("Data protection")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from munich_portal.audit import checks  # noqa: F401 (registers the deploy checks)
