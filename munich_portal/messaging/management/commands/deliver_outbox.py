"""``manage.py deliver_outbox``: the outbox's sweep, once (docs/deployment.md, "The worker").

Queues again what a dead worker left ``sending`` and delivers every e-mail that is due; prints
how many were sent and what is still waiting. Safe to run at any time, also beside the workers:
each message is locked by whoever sends it (:func:`munich_portal.messaging.actions
.deliver_due_emails`).
"""

from django.core.management.base import BaseCommand

from munich_portal.messaging.actions import deliver_due_emails
from munich_portal.messaging.selectors import outbox_counts


class Command(BaseCommand):
    help = "Deliver the outbox's due e-mails and take back those a dead worker left."

    def handle(self, *args, **options):
        sent = deliver_due_emails()
        counts = outbox_counts()
        self.stdout.write(
            f"sent {sent}; queued {counts['queued']}, sending {counts['sending']}, "
            f"failed {counts['failed']}"
        )
