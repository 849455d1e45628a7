"""A short-lived, per-process cache of public pages as anonymous visitors see them.

Anonymous visitors get the same HTML for the same address, language and display settings, so a
popular page is rendered once per process and ``PAGE_CACHE_SECONDS`` rather than per request
(see docs/decisions.md, "Page cache"). The cache is deliberately local to each process: it holds
derived data only, app servers stay stateless, and a hit costs no database round trip (the shared
DatabaseCache would). Editors' changes show after at most ``PAGE_CACHE_SECONDS``.

Never cached: visitors with a session or pending messages (logged in, or in the middle of a
flow), responses that use the CSRF token or set cookies, anything but a 200 to GET/HEAD.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import translation

ALIAS = "pages"
MESSAGES_COOKIE = "messages"


def is_cacheable_request(request) -> bool:
    """GET or HEAD from a visitor without a session and without pending messages."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and MESSAGES_COOKIE not in cookies


def page_key(request, *extra: str) -> str:
    """The cache key of what ``request`` sees: ``extra`` parts, language, host, path, cookies."""
    varying = "|".join(
        f"{name}={request.COOKIES.get(name, '')}" for name in settings.PAGE_CACHE_VARY_COOKIES
    )
    raw = "\n".join(
        [
            *extra,
            translation.get_language() or "",
            request.get_host(),
            request.get_full_path(),
            varying,
        ]
    )
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _is_cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def cache_public_page(view):
    """Decorate a view whose anonymous output depends only on address, language and data."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not is_cacheable_request(request):
            return view(request, *args, **kwargs)
        cache = caches[ALIAS]
        key = page_key(request)
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response.headers[name] = value
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if _is_cacheable_response(request, response):
            cache.set(key, (response.content, list(response.headers.items())), seconds)
        return response

    return wrapped
