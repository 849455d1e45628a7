"""``manage.py verify_audit_log [--anchor-file PATH]``: check the data-use log's hash chain.

Recomputes every event's hash in ``seq`` order, checks the links and compares the anchors stored in
the database and, with ``--anchor-file`` (repeatable), those in files kept outside it. Prints OK and
the head, or names the first broken link; the exit status is non-zero on failure.

The lines of an anchor file are signed with the anchor key (``AUDIT_ANCHOR_KEY_FILE`` or
``AUDIT_ANCHOR_KEY``, see :mod:`munich_portal.audit.anchor_signing`). A line whose signature does
not match was edited or forged: it is reported, not used as an anchor, and verification fails.
Unsigned lines (written before signing existed) still serve as anchors but fail verification
unless ``--allow-unsigned`` is given, which only warns about them.
"""

from django.core.management.base import BaseCommand, CommandError

from munich_portal.audit.anchor_signing import (
    SIGNED,
    UNSIGNED,
    UNVERIFIABLE,
    AnchorKeyError,
    anchor_key,
    read_anchor_file,
)
from munich_portal.audit.chain import database_anchors, verify_chain
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
            "--allow-unsigned",
            action="store_true",
            help="Accept unsigned anchor lines (written before anchors were signed) with a "
            "warning instead of failing.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress display."
        )

    def handle(self, *args, **options):
        anchors = database_anchors()
        problems: list[str] = []
        for path in options["anchor_file"]:
            trusted, file_problems = self._file_anchors(path, options["allow_unsigned"])
            anchors.extend(trusted)
            problems.extend(file_problems)
        progress = (
            None
            if options["no_progress"]
            else Progress("Verifying", stream=RawCommandStream(self.stderr))
        )
        result = verify_chain(anchors=anchors, progress=progress)
        if not result.ok:
            problems.insert(
                0,
                f"BROKEN at seq {result.broken_seq} ({result.problem}): {result.message}. "
                f"{result.checked} events verified before it.",
            )
        if problems:
            raise CommandError("\n".join(problems), returncode=1)
        self.stdout.write(
            f"OK: {result.checked} events verified, {result.anchors_checked} anchors checked; "
            f"head seq={result.head_seq} hash={result.head_hash}"
        )

    def _file_anchors(self, path: str, allow_unsigned: bool):
        """The anchors of ``path`` that may be trusted, and what is wrong with the others."""
        try:
            lines = read_anchor_file(path, self._key())
        except OSError as error:
            raise CommandError(f"Cannot read the anchor file {path}: {error}") from error
        if not lines:
            raise CommandError(f"The anchor file {path} holds no anchors.")
        if any(line.status == UNVERIFIABLE for line in lines):
            raise CommandError(
                f"The anchor file {path} is signed, but no anchor key is configured "
                "(AUDIT_ANCHOR_KEY_FILE or AUDIT_ANCHOR_KEY)."
            )
        problems = []
        for line in lines:
            if line.status == UNSIGNED and allow_unsigned:
                self.stderr.write(f"Warning: {line.describe()}")
            elif line.status != SIGNED:
                problems.append(line.describe())
        return [line.anchor for line in lines if line.trusted], problems

    def _key(self) -> bytes | None:
        try:
            return anchor_key()
        except AnchorKeyError as error:
            raise CommandError(str(error)) from error
