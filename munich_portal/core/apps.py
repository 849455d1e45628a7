from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "munich_portal.core"
    label = "core"
    verbose_name = _("Portal")

    def ready(self):
        from munich_portal.core import checks, roles  # noqa: F401 (checks register themselves)

        # Staff groups are data, reloaded after every migrate so new models' permissions join them.
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="core.sync_roles")
