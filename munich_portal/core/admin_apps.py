from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """The Django admin with the city's branded, MFA-guarded site."""

    default_site = "munich_portal.core.admin_site.PortalAdminSite"
