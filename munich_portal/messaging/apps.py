from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "munich_portal.messaging"
    label = "messaging"
    verbose_name = _("Messages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from munich_portal.accounts import adapter
        from munich_portal.audit.registry import declare_task_argument
        from munich_portal.core import health
        from munich_portal.core.roles import Role
        from munich_portal.messaging.actions import queue_email
        from munich_portal.messaging.registry import register_message_kinds
        from munich_portal.messaging.selectors import outbox_backlog
        from munich_portal.messaging.tasks import deliver_email_task

        # The kernel's layers keep accounts below messaging: the account e-mails (allauth's)
        # reach the outbox through this hook. Seen by Data protection; Administration, who runs
        # the outbox, sees every e-mail.
        adapter.use_outbox(queue_email)
        register_message_kinds(
            "accounts",
            adapter.MESSAGE_KINDS,
            roles=(Role.DATA_PROTECTION,),
            purpose="user_account",
            letters=False,
            # Reset links and login codes act for the resident: staff never read them.
            confidential=True,
        )
        # /healthz reports the outbox's backlog (the kernel does not import messaging).
        health.register("outbox", outbox_backlog)
        # Erasure deletes the delivery tasks of the e-mails it deletes (their ids, their errors).
        declare_task_argument(deliver_email_task.module_path, "messaging.outgoingemail")
