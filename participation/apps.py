from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from munich_portal.messaging.registry import register_message_kind
        from participation.models import _PARTICIPATION_TEAM
        from participation.notifications import MESSAGE_KINDS, letter_kind

        # E-mails and letters to registrants: seen by whoever sees the registrations.
        for kind, label in MESSAGE_KINDS.items():
            register_message_kind(
                letter_kind(kind),
                label=label,
                roles=tuple(_PARTICIPATION_TEAM),
                purpose="participation_events",
            )
