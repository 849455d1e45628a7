"""``manage.py verify_audit_log [--anchor-file PATH]``: check the data-use log's hash chain.

Recomputes every event's hash in ``seq`` order, checks the links and compares the anchors stored in
the database and, with ``--anchor-file`` (repeatable), those in files kept outside it. Prints OK and
the head, or names the first broken link; the exit status is non-zero on failure.
"""

from django.core.management.base import BaseCommand, CommandError

from munich_portal.audit.chain import database_anchors, parse_anchor_file, verify_chain
from munich_portal.audit.progress import Progress, RawCommandStream


class Command(BaseCommand):
    help = "Verify the hash chain of the data-use log and its anchors."

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor-file",
            action="append",
            default=[],
            metavar="PATH",
            help="A file of anchors written by 'audit_anchor --file' (may be repeated).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress display."
        )

    def handle(self, *args, **options):
        anchors = database_anchors()
        for path in options["anchor_file"]:
            try:
                from_file = parse_anchor_file(path)
            except OSError as error:
                raise CommandError(f"Cannot read the anchor file {path}: {error}") from error
            if not from_file:
                raise CommandError(f"The anchor file {path} holds no anchors.")
            anchors.extend(from_file)
        progress = (
            None
            if options["no_progress"]
            else Progress("Verifying", stream=RawCommandStream(self.stderr))
        )
        result = verify_chain(anchors=anchors, progress=progress)
        if not result.ok:
            raise CommandError(
                f"BROKEN at seq {result.broken_seq} ({result.problem}): {result.message}. "
                f"{result.checked} events verified before it.",
                returncode=1,
            )
        self.stdout.write(
            f"OK: {result.checked} events verified, {result.anchors_checked} anchors checked; "
            f"head seq={result.head_seq} hash={result.head_hash}"
        )
