"""A page's weight as a browser loads it: the HTML and every file it makes the browser fetch."""

from __future__ import annotations

import gzip
import re
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from bench.server import fetch

# <link rel="…"> values a browser fetches on its own; "alternate", "canonical" and the like
# are only references.
_FETCHED_LINK_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
    "preload",
    "modulepreload",
    "prefetch",
}
# Attributes through which a page loads something (links and forms are only navigation).
_SOURCE_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


class _ResourceParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.resources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link":
            rels = set((attributes.get("rel") or "").lower().split())
            if rels & _FETCHED_LINK_RELS and attributes.get("href"):
                self.resources.append(attributes["href"])
            return
        for name in _SOURCE_ATTRIBUTES.get(tag, ()):
            if attributes.get(name):
                self.resources.append(attributes[name])
        if attributes.get("srcset"):
            for candidate in attributes["srcset"].split(","):
                if candidate.strip():
                    self.resources.append(candidate.split()[0])


@dataclass
class Resource:
    url: str
    status: int
    content_type: str
    content_encoding: str
    bytes: int


@dataclass
class PageWeight:
    path: str
    total_bytes: int = 0
    # The HTML as the server rendered it, uncompressed (what a client gets without gzip).
    html_bytes: int = 0
    # Pages from the page cache come gzip-compressed; other HTML is not compressed by Django
    # (BREACH). This is what a compressing proxy would send.
    html_gzip_bytes: int = 0
    resources: list[Resource] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _body_text(response) -> str:
    body = response.body
    if response.header("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode("utf-8", errors="replace")


def measure(port: int, path: str, *, first_party_hosts: set[str]) -> PageWeight:
    """Fetch ``path`` and what it references, as a browser accepting gzip would."""
    origin = f"http://127.0.0.1:{port}"
    hosts = {urlsplit(origin).netloc, *first_party_hosts}
    weight = PageWeight(path=path)
    queue = [urljoin(origin, path)]
    seen: set[str] = set()
    while queue:
        url = urldefrag(queue.pop(0)).url
        if url in seen or url.startswith("data:"):
            continue
        seen.add(url)
        parts = urlsplit(url)
        if parts.netloc not in hosts:
            weight.third_party.append(url)
            continue
        response = fetch(port, parts.path + (f"?{parts.query}" if parts.query else ""))
        content_type = response.header("Content-Type")
        weight.resources.append(
            Resource(
                url=parts.path,
                status=response.status,
                content_type=content_type.split(";")[0],
                content_encoding=response.header("Content-Encoding") or "identity",
                bytes=len(response.body),
            )
        )
        weight.total_bytes += len(response.body)
        if response.status != 200:
            weight.errors.append(f"{parts.path} answered {response.status}")
            continue
        if content_type.startswith("text/html") and len(weight.resources) == 1:
            html = _body_text(response)
            weight.html_bytes = len(html.encode())
            weight.html_gzip_bytes = len(gzip.compress(html.encode()))
            parser = _ResourceParser()
            parser.feed(html)
            queue.extend(urljoin(url, reference) for reference in parser.resources)
        elif content_type.startswith("text/css"):
            for match in _CSS_URL.finditer(_body_text(response)):
                reference = match.group(2) or match.group(4)
                queue.append(urljoin(url, reference.strip()))
    return weight
