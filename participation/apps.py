from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from participation.selectors import participation_token

        # ORM writes in this process show at once; other processes see the triggers' new token
        # within PAGE_CACHE_VERSION_SECONDS.
        for model in self.get_models():
            for signal in (post_save, post_delete):
                signal.connect(
                    participation_token.forget,
                    sender=model,
                    dispatch_uid=f"participation.version.{model.__name__}",
                )
        m2m_changed.connect(
            participation_token.forget,
            sender=self.get_model("Process").stadtbezirke.through,
            dispatch_uid="participation.version.stadtbezirke",
        )
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
