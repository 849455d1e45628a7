"""Printing to PDF: one renderer for the printed forms (``paper``) and the letters (``messaging``).

- :func:`render_pdf` turns HTML and CSS into PDF bytes with WeasyPrint and fetches nothing except
  ``data:`` URIs (QR codes and the logo are inline SVG), so a printed page cannot reach out;
- :func:`logo_svg` is the city's logo as inline SVG for letterheads and form heads.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings

__all__ = ["logo_svg", "page_count", "render_pdf"]


def _layout(html: str, css: str):
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, base_url="data:,", url_fetcher=fetcher)
    return document.render(stylesheets=[CSS(string=css, url_fetcher=fetcher)])


def render_pdf(html: str, css: str) -> bytes:
    """HTML and CSS to PDF bytes; nothing is fetched except ``data:`` URIs."""
    return _layout(html, css).write_pdf()


def page_count(html: str, css: str) -> int:
    """How many pages HTML and CSS lay out to (without writing the PDF)."""
    return len(_layout(html, css).pages)


@cache
def logo_svg() -> str:
    """The logo (``static/img/logo.svg``) as markup; empty if the file cannot be read."""
    path = Path(settings.BASE_DIR) / "static" / "img" / "logo.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:  # the PDF is still complete without the logo
        return ""
