"""The portal's allauth adapter: who may sign up and what every account e-mail knows."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class PortalAccountAdapter(DefaultAccountAdapter):
    """allauth adapter: residents sign up freely; staff accounts are made by administrators."""

    def is_open_for_signup(self, request):
        return True

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Give every account e-mail the portal's public address for its signature.

        allauth only knows the host of the current request; behind a proxy that is not the
        address residents know (templates/account/email/base_message.txt).
        """
        context = {"portal_url": settings.SITE_URL, **context}
        super().send_mail(template_prefix, email, context)
        self._log_send(template_prefix, email, context)

    def _log_send(self, template_prefix: str, email: str, context: dict) -> None:
        """Log the e-mail as a data use of its recipient (shown in their Meine Daten).

        Mails to addresses without an account (a sign-up attempt for a taken address, a reset
        for an unknown one) concern nobody we hold data about and are not logged.
        """
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model

        from munich_portal.audit.actions import record_system_send

        user = context.get("user")
        if getattr(user, "pk", None) is None:
            user = get_user_model()._default_manager.filter(email__iexact=email).first()
        if user is None:
            address = EmailAddress.objects.filter(email__iexact=email).select_related("user")
            user = next((row.user for row in address[:1]), None)
        if user is None:
            return
        record_system_send(
            subject=user,
            purpose="user_account",
            record_type="account.emailaddress",
            # The template's name says which mail it was (e.g. "password_reset_key"); no content.
            details={"message": template_prefix.rsplit("/", 1)[-1][:64]},
        )
