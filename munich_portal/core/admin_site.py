"""The city's admin site: branded, entered through the portal's login, guarded by MFA."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _


def user_has_mfa(user) -> bool:
    from allauth.mfa.utils import is_mfa_enabled

    return is_mfa_enabled(user)


class PortalAdminSite(admin.AdminSite):
    site_header = _("Digitales München — Staff area")
    site_title = _("Digitales München staff area")
    index_title = _("Work overview")
    enable_nav_sidebar = True

    def has_permission(self, request):
        """Staff reach the admin only with a second factor (TOTP) set up."""
        return super().has_permission(request) and user_has_mfa(request.user)

    def login(self, request, extra_context=None):
        """Send staff to the portal's login (rate limited, MFA aware) instead of the admin's."""
        user = request.user
        next_url = request.GET.get("next") or reverse("admin:index")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index")
        if user.is_active and user.is_staff and not user_has_mfa(user):
            messages.warning(
                request,
                _(
                    "Staff members need two-factor authentication before they can open the "
                    "staff area. Please set up an authenticator app now."
                ),
            )
            return redirect("mfa_activate_totp")
        if user.is_authenticated and not user.is_staff:
            messages.error(request, _("Your account has no access to the staff area."))
            return redirect("accounts:my_account")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
