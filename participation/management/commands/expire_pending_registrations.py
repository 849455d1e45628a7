"""``manage.py expire_pending_registrations``: delete guest registrations never confirmed.

A guest's registration stays *pending* until the e-mail link is pressed; the link is valid for
``PARTICIPATION_GUEST_CONFIRMATION_HOURS``. After that it can no longer be confirmed, yet the
pending row would keep refusing the address for the event ("already registered"). Run every
15 minutes (deploy/systemd/, docs/deployment.md "Scheduled jobs"); idempotent. Pending
registrations never held a place, so nothing is released.
"""

from django.core.management.base import BaseCommand

from participation import actions


class Command(BaseCommand):
    help = "Delete guest registrations not confirmed within the confirmation window."

    def handle(self, *args, **options):
        deleted = actions.delete_expired_pending()
        hours = actions.guest_confirmation_window().total_seconds() / 3600
        self.stdout.write(
            f"deleted {deleted} guest registration(s) not confirmed within {hours:g} hours"
        )
