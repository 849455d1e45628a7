"""QR codes as inline SVG, for printed pages and web pages alike (one QR library: segno).

A hand scanner acts as a keyboard: it "types" what the code holds and adds Enter itself. So a code
holds exactly what a person would type: the digits of a form number (``paper``), the check-in code
of a registration (``participation``, the letters' "Your code").
"""

from __future__ import annotations

import segno

__all__ = ["qr_svg"]


def qr_svg(text: str, *, title: str = "") -> str:
    """The QR code of ``text`` as inline SVG, sized by CSS (the four-module quiet zone included)."""
    qr = segno.make_qr(text, error="m")  # segno raises the level when the size allows
    return qr.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr", title=title or None)
