from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from ideas.models import _MODERATORS
        from ideas.notifications import CONFIDENTIAL_KINDS, EMAIL_ONLY_KINDS, LETTER_KINDS
        from munich_portal.core.roles import Role
        from munich_portal.messaging.registry import register_message_kinds

        # E-mails and letters to authors about their ideas: seen by whoever sees the ideas.
        register_message_kinds(
            "ideas",
            LETTER_KINDS,
            roles=(*_MODERATORS, Role.DATA_ENTRY),
            purpose="participation_ideas",
            confidential=CONFIDENTIAL_KINDS,
        )
        # A moderator's note (by e-mail only): seen by the moderators.
        register_message_kinds(
            "ideas",
            EMAIL_ONLY_KINDS,
            roles=tuple(_MODERATORS),
            purpose="participation_ideas",
            letters=False,
        )
