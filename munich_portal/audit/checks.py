"""System checks of the audit trail's production settings (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from munich_portal.audit.anchor_signing import MIN_KEY_LENGTH


@register(Tags.security, deploy=True)
def check_anchor_key(app_configs, **kwargs):
    """Without an anchor key the anchor lines outside the database are unsigned, and whoever can
    rewrite the log (the database owner) could rewrite a copy of the file to match.

    Only the setting is checked, not the file: the key file lives on the host that writes and
    verifies anchors, which need not be the server this check runs on.
    """
    key_file = settings.AUDIT_ANCHOR_KEY_FILE
    key = settings.AUDIT_ANCHOR_KEY.strip()
    if not key_file and not key:
        return [
            Warning(
                "No key signs the audit anchors (AUDIT_ANCHOR_KEY_FILE or AUDIT_ANCHOR_KEY).",
                hint='Generate one with python3 -c "import secrets; '
                'print(secrets.token_urlsafe(48))", keep it off the database server and set '
                "AUDIT_ANCHOR_KEY_FILE to its path (docs/deployment.md).",
                id="audit.W001",
            )
        ]
    if not key_file and (len(key) < MIN_KEY_LENGTH or key.startswith("dev-only")):
        return [
            Warning(
                f"AUDIT_ANCHOR_KEY is a development key or shorter than {MIN_KEY_LENGTH} "
                "characters.",
                hint="Generate a random key (docs/deployment.md).",
                id="audit.W002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_erasure_journal(app_configs, **kwargs):
    """Without the journal, restoring a backup brings back everyone erased since it was taken,
    and nothing says whom to erase again."""
    if not settings.AUDIT_ERASURE_JOURNAL:
        return [
            Warning(
                "No erasure journal (AUDIT_ERASURE_JOURNAL): erasures cannot be re-applied "
                "after a backup is restored.",
                hint="Set it to a file on storage outside the database server, kept as long as "
                "the backups (docs/deployment.md, Backups).",
                id="audit.W003",
            )
        ]
    return []
