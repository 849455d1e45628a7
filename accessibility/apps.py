from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    name = "accessibility"
    verbose_name = _("Accessibility")

    def ready(self):
        from accessibility.actions import MESSAGE_KINDS
        from munich_portal.accounts.sessions import load_with_user
        from munich_portal.core.roles import Role
        from munich_portal.messaging.registry import register_message_kinds

        # E-mails about barrier reports: seen by whoever sees the reports.
        register_message_kinds(
            "accessibility",
            MESSAGE_KINDS,
            roles=(Role.ACCESSIBILITY, Role.DATA_PROTECTION),
            purpose="barrier_reports",
            letters=False,
        )
        # The resident's display preferences come with the session's query (every page shows
        # them): no query of their own per request.
        load_with_user("display_preference")
