"""Only the outbox sends e-mail (issue 13): no module of the portal other than
``munich_portal.messaging`` uses Django's mail API; every other e-mail is an outbox row."""

import ast
from pathlib import Path

from django.conf import settings

from tests.core.test_import_contracts import PACKAGES, ROOT

# Where the outbox hands a message to the relay: the one place allowed to send.
ALLOWED = {Path("munich_portal/messaging/actions.py")}


def _mail_api_uses(tree: ast.AST) -> list[str]:
    """Imports of ``django.core.mail`` (or anything in it), and ``.send_mail``-style calls."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("django.core.mail"):
            found.append(f"line {node.lineno}: from {node.module} import …")
        elif isinstance(node, ast.ImportFrom) and node.module == "django.core":
            if any(alias.name == "mail" for alias in node.names):
                found.append(f"line {node.lineno}: from django.core import mail")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("django.core.mail"):
                    found.append(f"line {node.lineno}: import {alias.name}")
        elif isinstance(node, ast.Attribute) and node.attr in {
            "send_mass_mail",
            "mail_admins",
            "mail_managers",
            "EmailMessage",
            "EmailMultiAlternatives",
        }:
            found.append(f"line {node.lineno}: .{node.attr}")
    return found


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts or relative in ALLOWED:
                continue
            yield relative, path


def test_no_module_but_the_outbox_uses_djangos_mail_api():
    offenders = {
        str(relative): uses
        for relative, path in _modules()
        if (uses := _mail_api_uses(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offenders == {}, "send e-mail through messaging.actions.queue_email (the outbox)"


def test_the_scan_finds_a_direct_send():
    """The check above is not vacuous: it sees the usual ways of sending mail."""
    for source in (
        "from django.core.mail import send_mail",
        "from django.core import mail",
        "import django.core.mail",
        "from django.core.mail.message import EmailMessage",
    ):
        assert _mail_api_uses(ast.parse(source)), source
    assert _mail_api_uses(ast.parse("from django.core.mail import EmailMessage"))
    assert len(list(_modules())) > 100  # the packages were found


def test_no_error_mails_to_admins_bypass_the_outbox():
    """Django's AdminEmailHandler would mail errors directly; the portal logs them instead."""
    assert "AdminEmailHandler" not in repr(settings.LOGGING)
