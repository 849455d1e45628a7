"""``manage.py audit_anchor [--file PATH]``: record the data-use log's head; run it daily.

Verifies the chain since the previous anchor, stores the head (seq and hash) as an anchor in the
database, prints it and, with ``--file``, appends it to a file that should live outside the
database server (see docs/data-protection.md). A later ``verify_audit_log --anchor-file PATH``
detects a log that was rewritten, truncated or rolled back after the anchor was taken.

The line is signed (HMAC-SHA256) with the anchor key (``AUDIT_ANCHOR_KEY_FILE`` or
``AUDIT_ANCHOR_KEY``), which is not in the database: the database's owner can rewrite the log and
its hashes, but not a signed line. ``--file`` without a key is refused unless ``--unsigned``.
"""

from django.core.management.base import BaseCommand, CommandError

from munich_portal.audit.actions import ChainBroken, create_anchor
from munich_portal.audit.anchor_signing import AnchorKeyError, anchor_key
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
        parser.add_argument(
            "--unsigned",
            action="store_true",
            help="Write the line to --file without a signature when no anchor key is set "
            "(verify_audit_log then needs --allow-unsigned).",
        )

    def handle(self, *args, **options):
        try:
            key = anchor_key()
        except AnchorKeyError as error:
            raise CommandError(str(error)) from error
        if key is None and options["file"] and not options["unsigned"]:
            raise CommandError(
                "No anchor key: set AUDIT_ANCHOR_KEY_FILE (or AUDIT_ANCHOR_KEY) to sign the "
                "line, or pass --unsigned."
            )
        progress = (
            None
            if options["no_progress"]
            else Progress("Verifying", stream=RawCommandStream(self.stderr))
        )
        try:
            _anchor, line = create_anchor(
                file=options["file"], verify=not options["no_verify"], progress=progress, key=key
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
