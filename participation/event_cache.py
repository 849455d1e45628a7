"""Event pages for anonymous visitors, rendered once and served again with a fresh CSRF token.

An event page carries the registration form, so it needs a CSRF token, which differs per visitor;
the general page cache (:mod:`munich_portal.core.page_cache`) therefore never stores it. Here the
page is rendered once with a placeholder where the token goes, kept per process for a few
seconds, and each visitor gets a copy with their own (masked) token put in: the form works, and
the page costs about what a cached page costs (docs/participation.md, "Performance").

Only anonymous GET/HEAD requests without a session or pending messages are served this way; the
places-left figure is at most :data:`EVENT_PAGE_SECONDS` old (a registration in this process
forgets the page at once), and the registration itself always counts against the database.
"""

from __future__ import annotations

import hashlib
import random
import threading

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils import translation

from munich_portal.core.page_cache import ALIAS, MESSAGES_COOKIE

#: How long a rendered event page is served again (seconds; never longer than the page cache).
EVENT_PAGE_SECONDS = 10
#: What the page holds where each visitor's CSRF token goes (never a valid token).
PLACEHOLDER = "participation-csrf-placeholder-3c9f1e07"

_versions: dict[str, int] = {}
_lock = threading.Lock()
_random = random.SystemRandom()  # the operating system's CSPRNG, like the secrets module
_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}


def forget_event_page(slug: str) -> None:
    """Make this process render the event's page again (after a registration or cancellation)."""
    with _lock:
        _versions[slug] = _versions.get(slug, 0) + 1


def _cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and MESSAGES_COOKIE not in cookies


def _key(request, slug: str) -> str:
    varying = "|".join(
        f"{name}={request.COOKIES.get(name, '')}" for name in settings.PAGE_CACHE_VARY_COOKIES
    )
    raw = "\n".join(
        [
            "participation-event",
            str(_versions.get(slug, 0)),
            translation.get_language() or "",
            request.get_host(),
            request.get_full_path(),
            varying,
        ]
    )
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_form_page(request, slug: str, render_page) -> HttpResponse:
    """Serve ``render_page(csrf_placeholder=...)``'s output, rendered at most once per period."""
    seconds = min(settings.PAGE_CACHE_SECONDS, EVENT_PAGE_SECONDS)
    if not seconds or not _cacheable(request):
        return render_page()
    cache = caches[ALIAS]
    key = _key(request, slug)
    cached = cache.get(key)
    if cached is None:
        response = render_page(csrf_placeholder=PLACEHOLDER)
        if response.status_code != 200 or response.cookies or response.streaming:
            return _with_token(request, response)
        cached = (response.content, response["Content-Type"])
        cache.set(key, cached, seconds)
    content, content_type = cached
    return _with_token(request, HttpResponse(content, content_type=content_type))


def _random_string(length: int) -> str:
    return "".join(_random.choices(CSRF_ALLOWED_CHARS, k=length))


def csrf_token(request) -> str:
    """A masked CSRF token for ``request``: what ``django.middleware.csrf.get_token`` returns.

    The same secret handling (the cookie's secret from ``CSRF_COOKIE``, or a new one; the flag
    that makes the middleware send the cookie) and the same masking, with one call to the
    system's random source per string instead of one per character: half a millisecond less per
    page, which a cached page notices. tests/participation/test_event_cache.py checks that the
    middleware accepts these tokens.
    """
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        secret = _random_string(CSRF_SECRET_LENGTH)
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _random_string(CSRF_SECRET_LENGTH)
    size = len(CSRF_ALLOWED_CHARS)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(_INDEX[s] + _INDEX[m]) % size]
        for s, m in zip(secret, mask, strict=True)
    )
    return mask + cipher


def _with_token(request, response: HttpResponse) -> HttpResponse:
    if not response.streaming and PLACEHOLDER.encode() in response.content:
        # The token's secret goes out as the CSRF cookie (the middleware sets it).
        token = csrf_token(request)
        response.content = response.content.replace(PLACEHOLDER.encode(), token.encode())
    return response
