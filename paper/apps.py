from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaperConfig(AppConfig):
    name = "paper"
    verbose_name = _("Paper forms")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from paper.selectors import batches_of_event
        from participation.extensions import Section, event_overview_section

        @event_overview_section
        def paper_batches(event):
            return Section("admin/paper/event_batches.html", {"batches": batches_of_event(event)})
