"""The city's admin site: branded, entered through the portal's login, guarded by MFA.

Admins of models declared as personal data are registered with the audit trail's mixin: their
pages ask for the purpose of work and log every use (munich_portal/audit/admin_mixins.py).
"""

from django.contrib import admin, messages
from django.db.models.base import ModelBase
from django.shortcuts import redirect
from django.urls import path, reverse
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

    def register(self, model_or_iterable, admin_class=None, **options):
        """Register as usual; admins of personal-data models get the audit mixin."""
        from munich_portal.audit.admin_mixins import audited_admin_class

        models = (
            [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else model_or_iterable
        )
        for model in models:
            audited = audited_admin_class(model, admin_class or admin.ModelAdmin)
            super().register(model, audited, **options)

    def autocomplete_view(self, request):
        """Autocomplete searches of personal data are logged like the admin's own searches."""
        from munich_portal.audit.admin_mixins import AuditedAutocompleteJsonView

        return AuditedAutocompleteJsonView.as_view(admin_site=self)(request)

    def get_urls(self):
        return [
            path("zweck/", self.admin_view(self.purpose_of_work), name="audit_purpose"),
            *super().get_urls(),
        ]

    def purpose_of_work(self, request):
        """ "Zweck der Bearbeitung wählen" (munich_portal.audit.admin_mixins)."""
        from munich_portal.audit.admin_mixins import purpose_of_work_view

        return purpose_of_work_view(request, self)

    def each_context(self, request):
        """Every admin page shows the purpose of work in its header, with a link to change it."""
        from munich_portal.audit.admin_mixins import work_purpose_context

        return {**super().each_context(request), **work_purpose_context(request)}

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
