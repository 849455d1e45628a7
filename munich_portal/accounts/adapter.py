"""The portal's allauth adapter: who may sign up and what every account e-mail knows.

Every account e-mail (sign-up, address confirmation, password reset, security notices) is rendered
by allauth and stored in the outbox (:func:`munich_portal.messaging.actions.queue_email`, kinds
``accounts.<template>``, registered by :mod:`munich_portal.messaging.apps`, which also plugs the
outbox in here with :func:`use_outbox`, as the kernel's layers keep accounts below messaging):
written in the
transaction of the request's change where there is one, and sent by the worker after commit, again
later while the relay is down. The data-use ``send`` event is written by the outbox when the relay
accepted the e-mail.
"""

from collections.abc import Callable

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext_lazy as _

#: allauth's e-mails (by template name) with their labels for the staff (the outbox admin); an
#: e-mail of a template not listed here (a newer allauth) is queued as ``accounts.other``.
MESSAGE_KINDS = {
    "account_already_exists": _("account: sign-up for an address that has an account"),
    "email_changed": _("account: e-mail address changed"),
    "email_confirm": _("account: confirm the e-mail address"),
    "email_confirmation": _("account: confirm the e-mail address"),
    "email_confirmation_signup": _("account: confirm the e-mail address after sign-up"),
    "email_deleted": _("account: e-mail address removed"),
    "login_code": _("account: login code"),
    "password_changed": _("account: password changed"),
    "password_reset": _("account: password reset"),
    "password_reset_code": _("account: password reset code"),
    "password_reset_key": _("account: password reset link"),
    "password_set": _("account: password set"),
    "unknown_account": _("account: no account for this address"),
    "recovery_codes_generated": _("account: recovery codes generated"),
    "totp_activated": _("account: authenticator app activated"),
    "totp_deactivated": _("account: authenticator app deactivated"),
    "webauthn_added": _("account: security key added"),
    "webauthn_removed": _("account: security key removed"),
    "other": _("account: other e-mail"),
}


#: The outbox's ``queue_email``, set by munich_portal.messaging when the apps are ready.
_queue_email: Callable[..., object] | None = None


def use_outbox(queue_email: Callable[..., object]) -> None:
    """Store every account e-mail with ``queue_email`` (the outbox's) instead of sending it."""
    global _queue_email
    _queue_email = queue_email


class PortalAccountAdapter(DefaultAccountAdapter):
    """allauth adapter: residents sign up freely; staff accounts are made by administrators."""

    def is_open_for_signup(self, request):
        return True

    def save_user(self, request, user, form, commit=True):
        """allauth's new account, with the optional name of the sign-up form (issue 14)."""
        user.full_name = (form.cleaned_data.get("full_name") or "").strip()
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's e-mail and store it in the outbox instead of sending it now.

        Every account e-mail gets the portal's public address for its signature: allauth only
        knows the host of the current request; behind a proxy that is not the address residents
        know (templates/account/email/base_message.txt).
        """
        if _queue_email is None:
            raise ImproperlyConfigured("Account e-mails need munich_portal.messaging (the outbox).")
        user = self._recipient(email, context)
        context = {
            "portal_url": settings.SITE_URL,
            "greeting_name": self._greeting_name(user, email),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        name = template_prefix.rsplit("/", 1)[-1]
        language = translation.get_language() or settings.LANGUAGE_CODE
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        for to in message.to:
            _queue_email(
                kind=f"accounts.{name if name in MESSAGE_KINDS else 'other'}",
                source=user or self._no_account_source(),
                recipient=user,
                to=to,
                reply_to=message.reply_to[0] if message.reply_to else "",
                subject=str(message.subject),
                body=str(message.body),
                html_body=str(html),
                language=language,
            )

    def _recipient(self, email: str, context: dict):
        """The account the e-mail concerns, or ``None``.

        Mails to addresses without an account (a sign-up attempt for a taken address, a reset
        for an unknown one) concern nobody we hold data about: no account, no data-use event.
        """
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model

        user = context.get("user")
        if getattr(user, "pk", None) is None:
            user = get_user_model()._default_manager.filter(email__iexact=email).first()
        if user is None:
            address = EmailAddress.objects.filter(email__iexact=email).select_related("user")
            user = next((row.user for row in address[:1]), None)
        return user

    @staticmethod
    def _greeting_name(user, email: str) -> str:
        """The account's name to greet with, or ``""`` while ``email`` is not proven to be theirs.

        Like the greetings of the other e-mails: a name someone typed at sign-up is not written
        into a mailbox that has not confirmed it belongs to the account (the confirmation after
        sign-up greets without it).
        """
        from allauth.account.models import EmailAddress

        if user is None or not user.full_name:
            return ""
        if not EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists():
            return ""
        return user.full_name

    @staticmethod
    def _no_account_source():
        # An outbox row names the record it is about; a mail to an address without an account
        # is about no record we hold, so it names the account model itself (its content type).
        from django.contrib.auth import get_user_model
        from django.contrib.contenttypes.models import ContentType

        return ContentType.objects.get_for_model(get_user_model())
