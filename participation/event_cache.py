"""Event pages for anonymous visitors, rendered once and served again with a fresh CSRF token.

An event page carries the registration form, so it needs a CSRF token, which differs per visitor;
the general page cache (:mod:`munich_portal.core.page_cache`) therefore never stores it whole. Here
the page is rendered once with a placeholder where the token goes, kept per process for a few
seconds, under the page cache's key and request policy, and each visitor gets a copy with their own
token put in (Django's ``get_token``): the form works, and the page costs about what a cached page
costs (docs/participation.md, "Performance").

Only anonymous GET/HEAD requests without a session or pending messages are served this way; the
places-left figure is at most :data:`EVENT_PAGE_SECONDS` old (a registration in this process
forgets the page at once), and the registration itself always counts against the database.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token

from munich_portal.core.page_cache import ALIAS, is_cacheable_request, page_key

#: How long a rendered event page is served again (seconds; never longer than the page cache).
EVENT_PAGE_SECONDS = 10
#: What the page holds where each visitor's CSRF token goes (never a valid token).
PLACEHOLDER = "participation-csrf-placeholder-3c9f1e07"

_versions: dict[str, int] = {}
_lock = threading.Lock()


def forget_event_page(slug: str) -> None:
    """Make this process render the event's page again (after a registration or cancellation)."""
    with _lock:
        _versions[slug] = _versions.get(slug, 0) + 1


def cached_form_page(request, slug: str, render_page) -> HttpResponse:
    """Serve ``render_page(csrf_placeholder=...)``'s output, rendered at most once per period."""
    seconds = min(settings.PAGE_CACHE_SECONDS, EVENT_PAGE_SECONDS)
    if not seconds or not is_cacheable_request(request):
        return render_page()
    cache = caches[ALIAS]
    key = page_key(request, "participation-event", str(_versions.get(slug, 0)))
    cached = cache.get(key)
    if cached is None:
        response = render_page(csrf_placeholder=PLACEHOLDER)
        if response.status_code != 200 or response.cookies or response.streaming:
            return _with_token(request, response)
        cached = (response.content, response["Content-Type"])
        cache.set(key, cached, seconds)
    content, content_type = cached
    return _with_token(request, HttpResponse(content, content_type=content_type))


def _with_token(request, response: HttpResponse) -> HttpResponse:
    if not response.streaming and PLACEHOLDER.encode() in response.content:
        # The token's secret goes out as the CSRF cookie (the middleware sets it).
        token = get_token(request)
        response.content = response.content.replace(PLACEHOLDER.encode(), token.encode())
    return response
