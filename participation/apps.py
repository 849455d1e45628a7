from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from munich_portal.messaging.registry import register_letter_kind
        from participation.models import _PARTICIPATION_TEAM
        from participation.notifications import LETTER_KINDS, letter_kind

        # Letters to registrants without e-mail: seen by whoever sees the registrations.
        for kind, label in LETTER_KINDS.items():
            register_letter_kind(
                letter_kind(kind),
                label=label,
                roles=tuple(_PARTICIPATION_TEAM),
                purpose="participation_events",
            )
