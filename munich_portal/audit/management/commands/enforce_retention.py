"""``manage.py enforce_retention [--dry-run]``: delete or anonymise data past its retention period.

For every declared model with a retention period (see munich_portal.audit.registry); each run is
logged as system events. Run it daily (docs/data-protection.md has the timer and cron lines).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from munich_portal.audit.actions import enforce_retention
from munich_portal.audit.progress import Progress, RawCommandStream


class Command(BaseCommand):
    help = "Delete or anonymise personal data whose retention period has ended."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be erased."
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress display."
        )

    def handle(self, *args, **options):
        dry_run = options["dry_run"]

        def progress(label):
            if options["no_progress"]:
                return None
            return Progress(label, stream=RawCommandStream(self.stderr))

        results = enforce_retention(dry_run=dry_run, progress=progress)
        if not results:
            self.stdout.write("No declared model has a retention period.")
        for result in results:
            verb = {"delete": "delete", "anonymise": "anonymise"}[result.mode]
            if dry_run:
                line = f"{result.label}: {result.count} rows would be {verb}d"
            else:
                line = f"{result.label}: {result.count} rows {verb}d"
                if result.batch_event is not None:
                    line += f" (logged as event {result.batch_event.seq})"
            cutoff = timezone.localtime(result.cutoff)
            self.stdout.write(
                f"{line}; the period ended for data from before {cutoff:%Y-%m-%d %H:%M}"
            )
