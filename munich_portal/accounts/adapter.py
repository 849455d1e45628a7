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
