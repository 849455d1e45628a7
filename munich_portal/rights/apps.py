from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "munich_portal.rights"
    label = "rights"
    verbose_name = _("Data-subject rights")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from munich_portal.core.roles import Role
        from munich_portal.messaging.registry import register_message_kinds
        from munich_portal.rights.actions import EMAIL_KINDS, LETTER_KINDS

        register_message_kinds(
            "rights",
            EMAIL_KINDS,
            roles=(Role.DATA_PROTECTION,),
            purpose="data_subject_rights",
            letters=False,
        )
        register_message_kinds(
            "rights",
            LETTER_KINDS,
            roles=(Role.DATA_PROTECTION,),
            purpose="data_subject_rights",
        )
