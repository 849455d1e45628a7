"""QR codes as inline SVG, for printed pages and web pages alike (one QR library: segno).

A hand scanner acts as a keyboard: it "types" what the code holds and adds Enter itself. So a code
holds exactly what a person would type: the digits of a form number (``paper``), the check-in code
of a registration (``participation``, the letters' "Your code"). E-mails carry it as a PNG image
(:func:`qr_png`): mail programs do not show inline SVG.
"""

from __future__ import annotations

import io

import segno

__all__ = ["qr_png", "qr_svg"]


def qr_svg(text: str, *, title: str = "") -> str:
    """The QR code of ``text`` as inline SVG, sized by CSS (the four-module quiet zone included)."""
    qr = segno.make_qr(text, error="m")  # segno raises the level when the size allows
    return qr.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr", title=title or None)


def qr_png(text: str) -> bytes:
    """The QR code of ``text`` as a PNG image (8 pixels a module, the quiet zone included): large
    enough for a door scanner to read from a phone screen."""
    buffer = io.BytesIO()
    segno.make_qr(text, error="m").save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()
