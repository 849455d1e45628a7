from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("City services")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from services.selectors import catalogue_token

        # Cached pages are kept per catalogue version (database triggers); a change made in this
        # process is seen at once, not only when the remembered version expires.
        senders = [
            *self.get_models(),
            *[self.apps.get_model("core", name) for name in ("Department", "Stadtbezirk")],
        ]
        for sender in senders:
            for signal in (post_save, post_delete):
                signal.connect(
                    catalogue_token.forget, sender=sender, dispatch_uid=f"services.{sender}"
                )
        for field in ("life_situations", "topics", "offices"):
            through = getattr(self.get_model("Service"), field).through
            m2m_changed.connect(
                catalogue_token.forget, sender=through, dispatch_uid=f"services.{field}"
            )
