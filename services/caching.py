"""Rendered catalogue pages kept in memory, keyed by the catalogue version.

The public catalogue pages change only when editors change the catalogue, or when an office
opens or closes ("open now"). Every write to a catalogue table gives the catalogue a new version
token (database triggers, migration 0001); a page rendered for one token is served again while
the token stays the same and the page's own validity (the next opening or closing of an office
it shows) has not passed. A hit costs one small query (the token) instead of the page's queries
and template rendering, which is what lets these pages keep up with a minimal Django view
(docs/services.md, "Performance").

Only anonymous GET/HEAD requests without pending messages use the cache: everything user-specific
in the layout stays out of it. The store is per process, bounded, least recently used first out.

The token itself is read at most once every :data:`VERSION_TTL` seconds per process: a page hit
then needs no database at all, which is what a page must cost to keep up with a view that does
nothing. Writes through the ORM in this process forget the token at once (signals, see
``apps.py``); another process sees an edit after at most a second.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

MAX_ENTRIES = 2000
# How long a process trusts the catalogue version it read last (seconds).
VERSION_TTL = 1.0
# Even an unchanged page is rendered again after this long (the dates it names move on).
MAX_AGE = dt.timedelta(hours=1)
# Longer addresses (odd query strings) are rendered but not kept.
MAX_PATH_LENGTH = 300
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


@dataclass(frozen=True)
class _Entry:
    content: bytes
    content_type: str
    expires: dt.datetime
    # Compressed once when stored: less to send for every hit. These pages hold no secret (no
    # CSRF token, nothing of a user), so compression reveals nothing (BREACH).
    gzipped: bytes = b""


class PageCache:
    def __init__(self, max_entries: int = MAX_ENTRIES):
        self._entries: OrderedDict[tuple, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.max_entries = max_entries
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple, now: dt.datetime) -> _Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.expires <= now:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def set(self, key: tuple, entry: _Entry) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)


page_cache = PageCache()


class _VersionMemo:
    """The catalogue version as last read, and when."""

    def __init__(self):
        self._lock = threading.Lock()
        self._version = None
        self._read_at = 0.0

    def get(self):
        from services.selectors import catalogue_version

        now = time.monotonic()
        with self._lock:
            if self._version is not None and now - self._read_at < VERSION_TTL:
                return self._version
        version = catalogue_version()
        with self._lock:
            self._version, self._read_at = version, now
        return version

    def forget(self) -> None:
        with self._lock:
            self._version = None


version_memo = _VersionMemo()


class _CatalogueMemo:
    """Small derived data (filter options, the synonym table) kept per catalogue version."""

    def __init__(self):
        self._lock = threading.Lock()
        self._values: dict[str, tuple[str, object]] = {}

    def get(self, name: str, compute):
        version = version_memo.get()
        token = version.token if version else None
        with self._lock:
            remembered = self._values.get(name)
        if token is not None and remembered is not None and remembered[0] == token:
            return remembered[1]
        value = compute()
        if token is not None:
            with self._lock:
                self._values[name] = (token, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


catalogue_memo = _CatalogueMemo()


def forget_catalogue_version(**kwargs) -> None:
    """Signal receiver: a catalogue row changed in this process; read the version again."""
    version_memo.forget()


def cacheable_request(request) -> bool:
    if settings.DEBUG or request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        return False
    # A pending message ("You have been logged out") belongs to this visitor only.
    return len(get_messages(request)) == 0


def _cached_response(request, entry: _Entry) -> HttpResponse:
    if entry.gzipped and _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(entry.gzipped, content_type=entry.content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(entry.content, content_type=entry.content_type)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def cached_page(view):
    """Serve the view's 200 responses from :data:`page_cache` while the catalogue is unchanged.

    A view may set ``response.valid_until`` (an aware datetime) when its page depends on the
    time, e.g. "open now"; the entry then expires at that moment.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not cacheable_request(request):
            return view(request, *args, **kwargs)
        version = version_memo.get()
        if version is None:
            return view(request, *args, **kwargs)
        path = request.get_full_path()
        if len(path) > MAX_PATH_LENGTH:
            return view(request, *args, **kwargs)
        now = timezone.now()
        # Cookies that change what an anonymous visitor sees (display preferences, issue 8),
        # as munich_portal.core.page_cache keys them.
        varying = tuple(request.COOKIES.get(name, "") for name in settings.PAGE_CACHE_VARY_COOKIES)
        key = (version.token, get_language(), path, varying)
        entry = page_cache.get(key, now)
        if entry is not None:
            return _cached_response(request, entry)
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        ):
            expires = min(getattr(response, "valid_until", None) or now + MAX_AGE, now + MAX_AGE)
            page_cache.set(
                key,
                _Entry(
                    content=response.content,
                    content_type=response.get("Content-Type", "text/html; charset=utf-8"),
                    expires=expires,
                    gzipped=gzip.compress(response.content, compresslevel=6, mtime=0),
                ),
            )
            patch_vary_headers(response, ["Accept-Encoding"])
        return response

    return wrapper
