from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "munich_portal.portal"
    label = "portal"
    verbose_name = _("Portal pages")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from appointments.models import AppointmentType
        from munich_portal.portal.selectors import bookable_token

        # A type made (in)active, moved or given other services changes which services the home
        # page offers to book: this process reads the token again at once (others within a second).
        for signal in (post_save, post_delete):
            signal.connect(bookable_token.forget, sender=AppointmentType, weak=False)
        m2m_changed.connect(
            bookable_token.forget, sender=AppointmentType.services.through, weak=False
        )
