"""``manage.py reapply_erasures --journal PATH``: erase again whom a restored backup brought back.

Every erasure appends a line to the erasure journal (``AUDIT_ERASURE_JOURNAL``, a file outside
the database). After restoring a backup, run this before the portal takes requests again: it
applies every line once more and skips what is already erased or absent, so running it twice
changes nothing (docs/deployment.md, "Restoring a backup").
"""

from django.core.management.base import BaseCommand, CommandError

from munich_portal.audit.actions import reapply_erasures


class Command(BaseCommand):
    help = "Re-apply the erasures of the erasure journal after a backup was restored."

    def add_arguments(self, parser):
        parser.add_argument(
            "--journal",
            required=True,
            metavar="PATH",
            help="The erasure journal (AUDIT_ERASURE_JOURNAL), or a copy of it.",
        )

    def handle(self, *args, **options):
        try:
            with open(options["journal"], encoding="utf-8") as stream:
                result = reapply_erasures(stream)
        except OSError as error:
            raise CommandError(f"Cannot read the journal: {error}") from None
        self.stdout.write(
            f"{result.applied} erasure(s) re-applied, {result.skipped} already done or absent."
        )
        if result.problems:
            for problem in result.problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(result.problems)} journal line(s) could not be applied.")
