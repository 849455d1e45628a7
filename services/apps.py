from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("City services")

    def ready(self):
        from services.selectors import catalogue_token

        # Cached pages are kept per catalogue version (database triggers); a change made in this
        # process is seen at once, not only when the remembered version expires.
        service = self.get_model("Service")
        catalogue_token.forget_on_writes(
            *self.get_models(),
            *[self.apps.get_model("core", name) for name in ("Department", "Stadtbezirk")],
            m2m=[
                getattr(service, field).through
                for field in ("life_situations", "topics", "offices")
            ],
            uid="services.catalogue",
        )
