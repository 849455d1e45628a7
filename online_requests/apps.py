from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnlineRequestsConfig(AppConfig):
    name = "online_requests"
    verbose_name = _("Online requests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from munich_portal.core.roles import Role
        from munich_portal.messaging.registry import register_message_kinds
        from online_requests.notifications import MESSAGE_KINDS

        # E-mails to applicants: the outbox scopes by kind, not by service, so only Data
        # protection (who sees every submitted request; casework sees those of its services
        # only); Administration, who runs the outbox, sees every e-mail anyway.
        register_message_kinds(
            "online_requests",
            MESSAGE_KINDS,
            roles=(Role.DATA_PROTECTION,),
            purpose="online_requests",
            letters=False,
        )
