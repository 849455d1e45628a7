"""``manage.py clear_ratelimits``: delete the rate-limit windows whose uses no longer count.

Scheduled every 15 minutes (docs/deployment.md, "Scheduled jobs"); safe to run again.
"""

from django.core.management.base import BaseCommand

from munich_portal.core import ratelimit


class Command(BaseCommand):
    help = "Delete the rate-limit windows whose uses no longer count."

    def handle(self, *args, **options):
        deleted = ratelimit.clear_expired()
        self.stdout.write(f"Deleted {deleted} expired rate-limit windows.")
