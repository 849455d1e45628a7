"""Reading PDFs in tests as a reader sees them, with poppler's tools: pages, words with their
positions (``pdftotext -bbox``), the text, and a page as an image (``pdftoppm``)."""

import re
import shutil
import subprocess
from html.parser import HTMLParser

from PIL import Image

PDFTOPPM = shutil.which("pdftoppm") or "/usr/bin/pdftoppm"
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
DPI = 200


def pdf_pages(pdf: bytes) -> int:
    info = subprocess.run(
        ["pdfinfo", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def page_image(pdf_path, page: int, tmp_path) -> Image.Image:
    prefix = tmp_path / f"page{page}"
    subprocess.run(
        [
            *(PDFTOPPM, "-r", str(DPI), "-png", "-f", str(page), "-l", str(page)),
            *("-singlefile", str(pdf_path), str(prefix)),
        ],
        check=True,
    )
    return Image.open(f"{prefix}.png")


class _Words(HTMLParser):
    """Reads ``pdftotext -bbox`` output: words with their boxes, per page."""

    def __init__(self):
        super().__init__()
        self.pages: list[list[tuple[str, float, float, float, float]]] = []
        self._word = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "page":
            self.pages.append([])
        elif tag == "word":
            self._word = tuple(float(values[key]) for key in ("xmin", "ymin", "xmax", "ymax"))

    def handle_data(self, data):
        if self._word is not None and data.strip():
            self.pages[-1].append((data.strip(), *self._word))

    def handle_endtag(self, tag):
        if tag == "word":
            self._word = None


def words(pdf_path) -> list[list[tuple[str, float, float, float, float]]]:
    """The words of each page with their boxes (x0, y0, x1, y1 in points from the top left)."""
    html = subprocess.run(
        [PDFTOTEXT, "-bbox", str(pdf_path), "-"], capture_output=True, check=True
    ).stdout.decode()
    parser = _Words()
    parser.feed(html)
    return parser.pages


def text(pdf: bytes) -> str:
    return subprocess.run(
        [PDFTOTEXT, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
