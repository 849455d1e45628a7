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
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token

from munich_portal.core.page_cache import cached_response

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
    """Serve ``render_page(csrf_placeholder=...)``'s output, rendered at most once per period,
    with this visitor's CSRF token in place of the placeholder."""
    response = cached_response(
        request,
        lambda: render_page(csrf_placeholder=PLACEHOLDER),
        version=lambda: str(_versions.get(slug, 0)),
        seconds=min(settings.PAGE_CACHE_SECONDS, EVENT_PAGE_SECONDS),
        compress=False,
    )
    if not response.streaming and PLACEHOLDER.encode() in response.content:
        # The token's secret goes out as the CSRF cookie (the middleware sets it).
        token = get_token(request)
        response.content = response.content.replace(PLACEHOLDER.encode(), token.encode())
    return response
