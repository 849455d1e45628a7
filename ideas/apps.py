from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from ideas.models import _MODERATORS
        from ideas.notifications import LETTER_KINDS, letter_kind
        from munich_portal.core.roles import Role
        from munich_portal.messaging.registry import register_letter_kind

        # Letters to paper contributors without e-mail: seen by whoever sees the ideas.
        for kind, label in LETTER_KINDS.items():
            register_letter_kind(
                letter_kind(kind),
                label=label,
                roles=(*_MODERATORS, Role.DATA_ENTRY),
                purpose="participation_ideas",
            )
