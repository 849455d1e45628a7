"""The portal's one page cache: public pages rendered once per process, served again to anonymous
visitors (issue 12; docs/decisions.md, "One page cache").

Anonymous visitors get the same HTML for the same address, language and display settings, so a
page is rendered once and served from memory until it may have changed. Every cached page goes
through :func:`cached_response` (the decorator :func:`cache_public_page` wraps a view in it), with
one key (:func:`page_key`), one request policy (:func:`is_cacheable_request`), one response policy
(:func:`is_cacheable_response`) and one store: the Django cache alias :data:`ALIAS`, a
``LocMemCache`` in each process (:class:`munich_portal.core.memory_cache.ProcessMemoryCache`,
which keeps pages without pickling them), bounded (least recently used out first). It holds
derived data only, so app servers stay stateless, and a hit costs no database round trip.

How long a stored copy is served — whichever ends first:

- **time**: ``seconds`` after it was rendered (the decorator's argument; by default
  ``PAGE_CACHE_SECONDS`` for a page without a version, ``PAGE_CACHE_MAX_SECONDS`` for one with);
  never longer than ``PAGE_CACHE_MAX_SECONDS``;
- **version**: with ``version=``, a callable that returns a token of the data the page shows, a
  copy is served only while the callable returns the token it was stored under (``None``: not
  cached). The kernel does not know what a token stands for; the app that owns the data supplies
  it, usually through a :class:`DataVersion`, which reads the token at most every
  ``PAGE_CACHE_VERSION_SECONDS`` per process so that a hit needs no query;
- **the page itself**: a view whose page changes at a known moment (an office opens) says so with
  :func:`set_valid_until`.

Never served from the cache: anything but GET/HEAD, visitors with a session cookie (logged in, or
in the middle of a flow) or a messages cookie, addresses longer than :data:`MAX_PATH_LENGTH`, and
everything while ``DEBUG`` is on. Never stored: anything but a complete 200 to a GET, a response
that sets a cookie, uses the CSRF token, changes the session, carries a message or says
``private``/``no-store``. So nothing of one visitor is ever shown to another; ``request.user`` is
not consulted, because without a session cookie every visitor is anonymous (the portal
authenticates through the session only).

A stored page is kept gzip-compressed too and sent so to clients that accept it; the pages hold no
secret (no CSRF token, nothing of a user), so compression reveals nothing (BREACH). Responses of a
cached view say ``Vary: Accept-Encoding, Cookie``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import re
import threading
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

__all__ = [
    "ALIAS",
    "MAX_PATH_LENGTH",
    "MESSAGES_COOKIE",
    "DataVersion",
    "cache_public_page",
    "cached_response",
    "clear",
    "is_cacheable_request",
    "is_cacheable_response",
    "page_key",
    "set_valid_until",
]

#: The Django cache alias that stores the pages (settings: ``CACHES["pages"]``).
ALIAS = "pages"
#: Longer addresses (odd query strings) are rendered but not kept: they would only crowd the store.
MAX_PATH_LENGTH = 300
#: The cookie of Django's cookie message storage: a visitor with one has messages waiting.
MESSAGES_COOKIE = "messages"
_VARY = ("Accept-Encoding", "Cookie")
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_VALID_UNTIL = "page_cache_valid_until"

#: A callable returning the current version token of the data a page shows (None: don't cache).
VersionSource = Callable[[], str | None]


# An entry: (version token, body, gzipped body or b"" when not compressed, Content-Type, the other
# headers). A plain tuple: it is unpickled on every hit.
_Entry = tuple[str, bytes, bytes, str, tuple[tuple[str, str], ...]]


def is_cacheable_request(request) -> bool:
    """GET or HEAD of a reasonable address from a visitor without a session and without messages."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
        return False
    return len(request.path) + len(request.META.get("QUERY_STRING", "")) < MAX_PATH_LENGTH


def page_key(request) -> str:
    """What ``request`` sees: language, scheme, domain, path, query, the display cookies."""
    varying = "|".join(
        f"{name}={request.COOKIES.get(name, '')}" for name in settings.PAGE_CACHE_VARY_COOKIES
    )
    raw = "\n".join(
        [
            translation.get_language() or "",
            request.scheme,
            _domain(request),
            request.path,
            request.META.get("QUERY_STRING", ""),
            varying,
        ]
    )
    # 128 bits are plenty against collisions; a short key is validated faster on every hit.
    return "page:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def _domain(request) -> str:
    """The host's domain, lower-case and without port, as ``request.get_host()`` would read it.

    Not the host as sent: letter case and port variants of an allowed host would each get an entry
    (a way to flood the store). Not ``get_host()`` itself: CommonMiddleware validated the host
    before any view ran, and validating it again costs more than the rest of the key.
    """
    meta = request.META
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in meta:
        host = meta["HTTP_X_FORWARDED_HOST"]
    else:
        host = meta.get("HTTP_HOST") or meta.get("SERVER_NAME", "")
    return split_domain_port(host)[0]


def is_cacheable_response(request, response) -> bool:
    """A complete 200 that carries nothing of this visitor: no cookie, no CSRF token, no session
    change, no message, and nothing that forbids shared caching."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(getattr(request, "session", None), "modified", False)
        and len(get_messages(request)) == 0
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def set_valid_until(response: HttpResponse, moment: dt.datetime | None) -> HttpResponse:
    """Say that the page in ``response`` changes at ``moment`` (aware; None: at no known moment).

    Its cached copy is not served after that moment, whatever its version says.
    """
    setattr(response, _VALID_UNTIL, moment)
    return response


def clear() -> None:
    """Forget every page this process keeps (tests and benchmarks start from nothing)."""
    caches[ALIAS].clear()


def _lifetime(version: VersionSource | None, seconds: float | None) -> float:
    longest = settings.PAGE_CACHE_MAX_SECONDS
    if seconds is None:
        seconds = longest if version is not None else settings.PAGE_CACHE_SECONDS
    return max(0, min(seconds, longest))


def cached_response(
    request,
    render: Callable[[], HttpResponse],
    *,
    version: VersionSource | None = None,
    seconds: float | None = None,
    compress: bool = True,
) -> HttpResponse:
    """``render()``'s response to ``request``, served from the page cache while a copy is valid.

    ``version`` and ``seconds`` decide how long a copy is valid (module docstring). With
    ``compress=False`` the page is stored and served uncompressed only: for a caller that puts
    something of the visitor into the served copy (the event pages' CSRF token).
    """
    lifetime = _lifetime(version, seconds)
    if (
        settings.DEBUG
        or not lifetime
        or not settings.PAGE_CACHE_PAGES
        or not is_cacheable_request(request)
    ):
        return _vary(render(), compress)
    token = version() if version is not None else ""
    if token is None:
        return _vary(render(), compress)
    cache = caches[ALIAS]
    key = page_key(request)
    entry = cache.get(key)
    if entry is not None and entry[0] == token:
        return _from_entry(request, entry)
    response = render()
    render_template = getattr(response, "render", None)  # a TemplateResponse renders late
    if callable(render_template):
        response = render_template()
    _vary(response, compress)
    if request.method != "GET" or not is_cacheable_response(request, response):
        return response
    valid_until = getattr(response, _VALID_UNTIL, None)
    if valid_until is not None:
        lifetime = min(lifetime, (valid_until - timezone.now()).total_seconds())
    if lifetime <= 0:
        return response
    content = response.content
    gzipped = b""
    if compress and not response.has_header("Content-Encoding"):
        gzipped = gzip.compress(content, compresslevel=6, mtime=0)
    headers = tuple((name, value) for name, value in response.items() if name != "Content-Type")
    entry = (token, content, gzipped, response["Content-Type"], headers)
    cache.set(key, entry, lifetime)
    if gzipped and _accepts_gzip(request):
        response.content = gzipped
        response["Content-Encoding"] = "gzip"
    return response


def cache_public_page(
    view=None, *, version: VersionSource | None = None, seconds: float | None = None
):
    """Decorate a view whose anonymous output depends only on address, language and data.

    ``@cache_public_page`` keeps a page for ``PAGE_CACHE_SECONDS``;
    ``@cache_public_page(version=...)`` while the version token is unchanged (module docstring).
    """

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return cached_response(
                request, lambda: view(request, *args, **kwargs), version=version, seconds=seconds
            )

        return wrapped

    return decorate if view is None else decorate(view)


def _accepts_gzip(request) -> bool:
    return bool(_ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _vary(response: HttpResponse, compress: bool) -> HttpResponse:
    # What the page cache serves differs by these request headers: say so to every HTTP cache.
    patch_vary_headers(response, _VARY if compress else _VARY[1:])
    return response


def _from_entry(request, entry: _Entry) -> HttpResponse:
    _version, content, gzipped, content_type, headers = entry
    if gzipped and _accepts_gzip(request):
        response = HttpResponse(gzipped, content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(content, content_type=content_type)
    for name, value in headers:
        response[name] = value
    return response


class DataVersion:
    """The version token of an app's data, as this process last read it.

    ``read()`` returns the current token (a database read) or None when there is none. A
    ``DataVersion`` calls it at most once every ``PAGE_CACHE_VERSION_SECONDS``, so a page hit within
    that time needs no query; another process's change shows after at most that long.
    :meth:`forget` (a signal receiver too) makes the next call read again: an app connects it to
    its models' signals (:meth:`forget_on_writes`), so a change made in this process shows at
    once. :meth:`memo` keeps small derived values (filter options, a synonym table) for the
    current token.
    """

    def __init__(self, read: Callable[[], str | None]):
        self._read = read
        self._lock = threading.Lock()
        self._token: str | None = None
        self._read_at = 0.0
        # Bumped by forget(): a token read before a forget() is not remembered after it.
        self._generation = 0
        self._values: dict[str, tuple[str, object]] = {}

    def __call__(self) -> str | None:
        now = time.monotonic()
        trusted = settings.PAGE_CACHE_VERSION_SECONDS
        with self._lock:
            if self._token is not None and now - self._read_at < trusted:
                return self._token
            generation = self._generation
        token = self._read()
        with self._lock:
            if generation == self._generation:
                self._token, self._read_at = token, now
        return token

    def forget_on_writes(self, *models, m2m: Iterable = (), uid: str) -> None:
        """Forget the token whenever this process saves or deletes one of ``models`` through the
        ORM, or changes one of the many-to-many ``m2m`` (their through models), so that such a
        change shows at once. Writes that send no signal (``update()``, raw SQL, another process)
        are seen when the token is read again, within ``PAGE_CACHE_VERSION_SECONDS``. ``uid``
        names the caller (signal ``dispatch_uid`` prefix)."""
        for model in models:
            for name, signal in (("saved", post_save), ("deleted", post_delete)):
                signal.connect(
                    self.forget, sender=model, dispatch_uid=f"{uid}.{name}.{model._meta.label}"
                )
        for through in m2m:
            m2m_changed.connect(
                self.forget, sender=through, dispatch_uid=f"{uid}.m2m.{through._meta.label}"
            )

    def forget(self, **signal_arguments) -> None:
        """Read the token again next time, and recompute what :meth:`memo` kept."""
        with self._lock:
            self._token = None
            self._generation += 1
            self._values.clear()

    def memo[T](self, name: str, compute: Callable[[], T]) -> T:
        """``compute()``'s value, computed once per token (every time while there is no token)."""
        token = self()
        with self._lock:
            remembered = self._values.get(name)
        if token is not None and remembered is not None and remembered[0] == token:
            return remembered[1]  # type: ignore[return-value]
        value = compute()
        if token is not None:
            with self._lock:
                self._values[name] = (token, value)
        return value
