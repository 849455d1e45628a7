from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from munich_portal.messaging.registry import register_message_kinds
        from participation.models import _PARTICIPATION_TEAM
        from participation.notifications import (
            CONFIDENTIAL_KINDS,
            EMAIL_ONLY_KINDS,
            LETTER_KINDS,
        )

        # E-mails and letters to registrants: seen by whoever sees the registrations. The
        # e-mail-only kinds stay out of the letters' scope and declaration.
        for labels, letters in ((LETTER_KINDS, True), (EMAIL_ONLY_KINDS, False)):
            register_message_kinds(
                "participation",
                labels,
                roles=tuple(_PARTICIPATION_TEAM),
                purpose="participation_events",
                letters=letters,
                confidential=CONFIDENTIAL_KINDS & set(labels),
            )
