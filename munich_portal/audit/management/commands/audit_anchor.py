"""``manage.py audit_anchor [--file PATH]``: record the data-use log's head; run it daily.

Verifies the chain since the previous anchor, stores the head (seq and hash) as an anchor in the
database, prints it and, with ``--file``, appends it to a file that should live outside the
database server (see docs/data-protection.md). A later ``verify_audit_log --anchor-file PATH``
detects a log that was rewritten, truncated or rolled back after the anchor was taken.
"""

from django.core.management.base import BaseCommand, CommandError

from munich_portal.audit.actions import ChainBroken, create_anchor
from munich_portal.audit.progress import Progress, RawCommandStream


class Command(BaseCommand):
    help = "Record the data-use log's head as an anchor (in the database and optionally a file)."

    def add_arguments(self, parser):
        parser.add_argument("--file", metavar="PATH", help="Append the anchor line to this file.")
        parser.add_argument(
            "--no-verify",
            action="store_true",
            help="Anchor the head without verifying the events since the last anchor.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress display."
        )

    def handle(self, *args, **options):
        progress = (
            None
            if options["no_progress"]
            else Progress("Verifying", stream=RawCommandStream(self.stderr))
        )
        try:
            _anchor, line = create_anchor(
                file=options["file"], verify=not options["no_verify"], progress=progress
            )
        except ChainBroken as error:
            raise CommandError(
                f"Not anchored: the chain is broken at seq {error.result.broken_seq} "
                f"({error.result.problem}): {error.result.message}",
                returncode=1,
            ) from error
        except OSError as error:
            raise CommandError(f"Cannot write the anchor file: {error}") from error
        self.stdout.write(line)
