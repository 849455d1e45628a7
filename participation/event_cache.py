"""Event pages for anonymous visitors, rendered once and served again with a fresh CSRF token.

An event page carries the registration form, so it needs a CSRF token, which differs per visitor;
the page cache (:mod:`munich_portal.core.page_cache`) therefore never stores a page with a token.
Here the page is rendered with a placeholder where the token goes and kept in the page cache (its
key, policies and store; uncompressed) for a few seconds, and each visitor gets a copy with their
own token put in (Django's ``get_token``): the form works, and the page costs about what a cached
page costs (docs/participation.md, "Performance").

Only anonymous GET/HEAD requests without a session or pending messages are served a kept copy; the
places-left figure is at most :data:`EVENT_PAGE_SECONDS` old (a registration in this process
forgets the page at once: its version changes), and the registration itself always counts against
the database.

A copy goes out gzip-compressed to clients that accept it, without compressing the page on every
hit: the page's text around the placeholder is compressed once per rendering (raw deflate, each
piece flushed to a byte boundary, kept in the page store beside the page) and each visitor's token
goes between the pieces as an uncompressed ("stored") deflate block; only the checksum is computed
per hit. The token Django puts in a page is masked anew for every response, so compressing it
beside the page's text reveals nothing (BREACH).
"""

from __future__ import annotations

import hashlib
import re
import struct
import threading
import zlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from munich_portal.core import page_cache
from munich_portal.core.csrf import get_token
from munich_portal.core.page_cache import cached_response
from participation.selectors import participation_token

#: How long a rendered event page is served again (seconds; never longer than the page cache).
EVENT_PAGE_SECONDS = 10
#: What the page holds where each visitor's CSRF token goes (never a valid token).
PLACEHOLDER = "participation-csrf-placeholder-3c9f1e07"

_PLACEHOLDER = PLACEHOLDER.encode()
# A gzip header without a name or time (RFC 1952): deflate, no flags, mtime 0, unknown OS.
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")

_versions: dict[str, int] = {}
_lock = threading.Lock()


def forget_event_page(slug: str) -> None:
    """Make this process render the event's page again (after a registration or cancellation)."""
    with _lock:
        _versions[slug] = _versions.get(slug, 0) + 1
    participation_token.forget()


def cached_form_page(request, slug: str, render_page) -> HttpResponse:
    """Serve ``render_page(csrf_placeholder=...)``'s output, rendered at most once per period,
    with this visitor's CSRF token in place of the placeholder."""
    seconds = min(settings.PAGE_CACHE_SECONDS, EVENT_PAGE_SECONDS)
    response = cached_response(
        request,
        lambda: render_page(csrf_placeholder=PLACEHOLDER),
        version=lambda: str(_versions.get(slug, 0)),
        seconds=seconds,
        compress=False,
    )
    if response.streaming or _PLACEHOLDER not in response.content:
        return response
    # The token's secret goes out as the CSRF cookie (the middleware sets it).
    token = get_token(request).encode()
    pieces = response.content.split(_PLACEHOLDER)
    kept = seconds > 0 and settings.PAGE_CACHE_PAGES and not settings.DEBUG
    if kept and _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response.content = _gzip_with_tokens(pieces, token, seconds)
        response["Content-Encoding"] = "gzip"
    else:
        response.content = token.join(pieces)
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _compressed_pieces(pieces: list[bytes], seconds: int) -> tuple[bytes, ...]:
    """Each piece as raw deflate data, flushed to a byte boundary, the last one final; kept in
    the page store while the page is (its key is the page's digest)."""
    content = _PLACEHOLDER.join(pieces)
    key = "event-gzip:" + hashlib.blake2b(content, digest_size=16).hexdigest()
    store = caches[page_cache.ALIAS]
    compressed = store.get(key)
    if compressed is None:
        compressed = []
        for index, piece in enumerate(pieces):
            compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
            data = compressor.compress(piece)
            last = index == len(pieces) - 1
            compressed.append(data + compressor.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH))
        compressed = tuple(compressed)
        store.set(key, compressed, seconds)
    return compressed


def _gzip_with_tokens(pieces: list[bytes], token: bytes, seconds: int) -> bytes:
    """The gzip file of ``token.join(pieces)``: the kept pieces with the token between them as
    stored (uncompressed) deflate blocks, and the checksum and length of the whole."""
    compressed = _compressed_pieces(pieces, seconds)
    stored_token = b"\x00" + struct.pack("<HH", len(token), len(token) ^ 0xFFFF) + token
    body = stored_token.join(compressed)
    crc = 0
    for index, piece in enumerate(pieces):
        if index:
            crc = zlib.crc32(token, crc)
        crc = zlib.crc32(piece, crc)
    size = sum(len(piece) for piece in pieces) + len(token) * (len(pieces) - 1)
    return _GZIP_HEADER + body + struct.pack("<II", crc, size & 0xFFFFFFFF)
