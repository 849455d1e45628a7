"""The second factor is checked per login session (issue 11).

Having an authenticator is not enough: the staff area (and the clerks' pages) open only in a
session that was itself authenticated with it. allauth records every authentication step of a
session (``allauth.account.authentication.get_authentication_records``): the login's TOTP or
recovery-code step and the re-authentication with a code (``/konto/2fa/reauthenticate/``) write
``{"method": "mfa", ...}``. A session opened with the password before TOTP was set up has no such
record: after activating TOTP the staff member confirms one code (allauth's re-authentication with
the authenticator) or logs in again.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

__all__ = ["mfa_step_redirect", "session_passed_mfa", "user_has_authenticator"]


def user_has_authenticator(user) -> bool:
    from allauth.mfa.utils import is_mfa_enabled

    return is_mfa_enabled(user)


def session_passed_mfa(request) -> bool:
    """Whether this session's user authenticated with their second factor in this session."""
    from allauth.account.authentication import get_authentication_records

    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or session is None or not user.is_authenticated:
        return False
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def mfa_step_redirect(request, next_url: str):
    """Where a logged-in staff member goes before the staff area opens, or ``None``.

    No authenticator: set one up. An authenticator, but this session did not use it: confirm a
    code (allauth's re-authentication), then back to ``next_url``.
    """
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return None
    if not user_has_authenticator(user):
        messages.warning(
            request,
            _(
                "Staff members need two-factor authentication before they can open the "
                "staff area. Please set up an authenticator app now."
            ),
        )
        return redirect("mfa_activate_totp")
    if not session_passed_mfa(request):
        messages.info(
            request,
            _(
                "Please confirm this session with a code from your authenticator app: the staff "
                "area opens only in a session signed in with the second factor."
            ),
        )
        return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}")
    return None
