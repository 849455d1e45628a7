"""The letters as a PDF: one letter per page, each in its own language (private to the app).

The layout fits a DL window envelope, DIN 5008 form B: the address field 45 mm from the top and
20 mm from the left (85 x 45 mm) with the return address above the recipient, the information
block beside it, fold and punch marks. The HTML and CSS are Django templates under
``templates/messaging/print/``; the letter's own text is plain text, escaped, its paragraphs
split at empty lines. Rendering goes through the kernel's :func:`munich_portal.core.pdf.render_pdf`
(nothing is fetched).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from munich_portal.core.pdf import logo_svg, render_pdf
from munich_portal.core.qr import qr_svg
from munich_portal.messaging.models import Letter

TEMPLATE_DIR = "messaging/print"
#: The city as the sender of every letter; the department writing it comes from the letter.
SENDER_NAME = "Landeshauptstadt München"
SENDER_ADDRESS = "Marienplatz 8, 80331 München"


def paragraphs(text: str) -> list[list[str]]:
    """Plain text as paragraphs of lines: an empty line ends a paragraph."""
    blocks = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in block.strip("\n").split("\n")]
        if any(lines):
            blocks.append(lines)
    return blocks


def _privacy_url() -> str:
    site = settings.SITE_URL.rstrip("/")
    return f"{site}{reverse('portal:privacy')}" if site else ""


def letters_pdf(letters: Sequence[Letter], *, day: dt.date) -> bytes:
    """One letter per page, dated ``day`` unless printed before (a reprint keeps its date)."""
    if not letters:
        raise ValueError("No letters to print.")
    logo = mark_safe(logo_svg())  # noqa: S308 - our own static file
    parts = []
    # The letters of one batch may differ in language: render each with its own, join the pages.
    for letter in letters:
        with translation.override(letter.language):
            parts.append(
                render_to_string(
                    f"{TEMPLATE_DIR}/letter.html",
                    {
                        "letter": letter,
                        "date": letter.printed_batch or day,
                        "paragraphs": paragraphs(letter.body),
                        # "Your code" as a QR code too: scanned at the door or at the counter.
                        "code_qr": mark_safe(qr_svg(letter.reference)) if letter.reference else "",  # noqa: S308
                        "logo": logo,
                        "sender_name": SENDER_NAME,
                        "sender_address": SENDER_ADDRESS,
                        "privacy_url": _privacy_url(),  # the page in the letter's language
                    },
                )
            )
    html = render_to_string(
        f"{TEMPLATE_DIR}/letters.html",
        {"letters": mark_safe("".join(parts))},  # noqa: S308 - rendered (escaped) templates
    )
    css = render_to_string(f"{TEMPLATE_DIR}/letters.css", {})
    return render_pdf(html, css)
