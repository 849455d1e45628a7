"""Residents' text on the page: escaped, web addresses as links that search engines ignore.

Ideas and comments are plain text; nothing a resident types is ever rendered as HTML. The one
enrichment is linking web addresses (``https://…``, ``www.…``), and every such link carries
``rel="nofollow ugc noopener"`` so that spam gains nothing from it (issue 7, item 8). Paragraphs
and line breaks are kept. Links show their address, so nobody is led somewhere unexpected.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

REL = "nofollow ugc noopener"

# Only http(s) and www. addresses; anything up to whitespace or an angle bracket/quote.
_URL = re.compile(r"(?P<url>(?:https?://|www\.)[^\s<>\"']+)", re.IGNORECASE)
# Punctuation that usually ends the sentence, not the address.
_TRAILING = ".,;:!?)]}"
MAX_LINK_LENGTH = 2000


def _link(match: re.Match) -> str:
    url = match.group("url")
    trailing = ""
    while url and url[-1] in _TRAILING:
        trailing = url[-1] + trailing
        url = url[:-1]
    if not url or len(url) > MAX_LINK_LENGTH:
        return escape(match.group("url"))
    href = url if url.lower().startswith("http") else f"https://{url}"
    return format_html('<a href="{}" rel="{}">{}</a>{}', href, REL, url, trailing)


def _linkify(plain: str) -> str:
    out = []
    position = 0
    for match in _URL.finditer(plain):
        out.append(escape(plain[position : match.start()]))
        out.append(_link(match))
        position = match.end()
    out.append(escape(plain[position:]))
    return "".join(out)


def render_user_text(value) -> SafeString:
    """Plain text → escaped HTML paragraphs with safe links."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    paragraphs = [part.strip("\n") for part in re.split(r"\n{2,}", text) if part.strip()]
    html = "".join(
        "<p>{}</p>".format(_linkify(paragraph).replace("\n", "<br>")) for paragraph in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - every piece of user text above went through escape()


# German letters as people write them without the keys (Müller = Mueller, Strauß = Strauss).
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NAME_WORD = re.compile(r"[^\W_]+")


def name_key(name: str) -> str:
    """A name for comparing supporters: ``" MÜLLER,  Jörg-Peter "`` → ``"joerg mueller peter"``.

    Case, spacing, punctuation, word order, other accents and the German umlaut spelling do not
    count. Used for :class:`ideas.models.Support` (signature lists and online supports).
    """
    text = unicodedata.normalize("NFKC", name or "").casefold().translate(_GERMAN)
    text = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    return " ".join(sorted(_NAME_WORD.findall(text)))[:150]


def postal_code_key(code: str) -> str:
    """A postal code without spaces (``"80 331"`` → ``"80331"``)."""
    return re.sub(r"\s", "", code or "")
