from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from munich_portal.portal import demo


class Command(BaseCommand):
    help = "Load the demo data set (idempotent). Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off (benchmarks). Never on a production system: the demo "
            "accounts have published passwords.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "loaddemo creates accounts with published passwords; it runs only with DEBUG on "
                "(or --force for benchmarks)."
            )
        for line in demo.load_all():
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded. Password for every demo account: {demo.DEMO_PASSWORD}"
            )
        )
        for account in demo.demo_accounts():
            self.stdout.write(f"  {account['email']:32} {account.get('role') or 'resident'}")
        self.stdout.write(
            "  Staff accounts use two-factor authentication: `python manage.py demo_totp` prints "
            "the current code."
        )
