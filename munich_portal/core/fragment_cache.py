"""Fragment cache: the parts of a page that do not depend on the person, rendered once per process
(issue 17; docs/decisions.md, "Fragment cache").

The page cache (:mod:`munich_portal.core.page_cache`) serves whole pages, but only to anonymous
visitors without a session. A logged-in resident, a visitor with a CSRF cookie or a search is
rendered in full. Most of such a page is still the same for everyone: a service's text, a process's
phases, the list of offices. This module keeps those parts as rendered HTML, so a page that must be
rendered for one person only renders that person's parts.

One key, one store, one rule, like the page cache:

- **Key** (:func:`fragment_key`): the fragment's name, the parts the caller names (an object's pk,
  a page number, …), the version token, the active language, the display cookies
  (``PAGE_CACHE_VARY_COOKIES``), scheme and domain. A fragment never depends on anything else of
  the request.
- **Store**: the page cache's per-process ``LocMemCache`` (``CACHES["pages"]``,
  :class:`munich_portal.core.memory_cache.ProcessMemoryCache`: fragments kept without pickling),
  bounded, least recently used out first; it holds derived data only.
- **Rule**: a fragment holds **nothing of a person**: no name, no form values, no CSRF token, no
  "logged in" state. The caller decides what goes in, so a fragment is only used for output that
  is the same for every visitor of the same address, language and display settings.
  tests/core/test_fragment_cache.py holds the rule for the kernel's own fragments; each app's
  tests hold it for theirs.

How long a fragment is kept — whichever ends first:

- with ``version=``: while the app's version token (usually a :class:`page_cache.DataVersion`) is
  unchanged, at most ``PAGE_CACHE_MAX_SECONDS``; a ``None`` token keeps nothing;
- without: ``seconds`` (default ``PAGE_CACHE_SECONDS``; 0 in the tests, so there only versioned
  fragments are kept, and every test reads them after its own changes).

``DEBUG`` switches the fragment cache off, as it does the page cache.

In templates: ``{% load fragments %}{% fragment "name" part… version=token %}…{% endfragment %}``.
The body is not rendered on a hit, so lazy querysets used only inside it are never evaluated.
In Python: :func:`cached_fragment` with a ``render`` callable, to skip building a context at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from munich_portal.core import page_cache

__all__ = ["NO_VERSION", "Once", "cached_fragment", "fragment_key", "once"]


class Once:
    """``compute(*args)`` as a callable that computes on its first call only. Views pass such
    callables to templates for the data of a fragment: a fragment that is kept never calls them
    (its page runs no query), one that is rendered may read the value twice ({% if %} then
    {% for %}) and computes it once.

    A class of its own rather than ``functools.cache``, which copies the function's attributes
    onto a new wrapper each time: on the home page's six values per request that was 4 % of a
    logged-in home page's time in a worker under load (py-spy, issue 17, round 6)."""

    __slots__ = ("_args", "_compute", "_value")
    _UNSET = object()

    def __init__(self, compute: Callable, *args):
        self._compute, self._args = compute, args
        self._value = self._UNSET

    def __call__(self):
        if self._value is self._UNSET:
            self._value = self._compute(*self._args)
        return self._value


once = Once


class _NoVersion:
    def __repr__(self) -> str:
        return "NO_VERSION"


#: The default of ``version``: the fragment has no version and is kept for ``seconds``.
NO_VERSION = _NoVersion()


def fragment_key(request, name: str, parts: tuple[object, ...], token: str) -> str:
    """The store key of fragment ``name`` with ``parts`` at version ``token`` for ``request``."""
    raw = "\n".join(
        [
            name,
            "\x1f".join(str(part) for part in parts),
            token,
            translation.get_language() or "",  # may change within a request (override)
            _request_part(request),
        ]
    )
    return "fragment:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


#: The request's attribute holding :func:`_request_part` once it is worked out.
_REQUEST_PART = "_fragment_key_request_part"


def _request_part(request) -> str:
    """Scheme, domain and display cookies: the same for every fragment of one request, so worked
    out once per request (a page has about five fragments)."""
    if request is None:
        return "\n\n" + "|".join(f"{cookie}=" for cookie in settings.PAGE_CACHE_VARY_COOKIES)
    part = getattr(request, _REQUEST_PART, None)
    if part is None:
        cookies = request.COOKIES
        varying = "|".join(
            f"{cookie}={cookies.get(cookie, '')}" for cookie in settings.PAGE_CACHE_VARY_COOKIES
        )
        part = "\n".join([request.scheme, page_cache._domain(request), varying])
        setattr(request, _REQUEST_PART, part)
    return part


def _lifetime(token: object, seconds: float | None) -> float:
    longest = settings.PAGE_CACHE_MAX_SECONDS
    if seconds is None:
        seconds = settings.PAGE_CACHE_SECONDS if token is NO_VERSION else longest
    return max(0, min(seconds, longest))


def cached_fragment(
    request,
    name: str,
    *parts: object,
    render: Callable[[], str],
    version: str | _NoVersion | None = NO_VERSION,
    seconds: float | None = None,
) -> SafeString:
    """``render()``'s HTML for fragment ``name`` with ``parts``, from the cache while valid.

    ``version`` is the token of the data the fragment shows (``None``: keep nothing); without it
    the fragment is kept for ``seconds``. ``render`` returns HTML that is already escaped.
    """
    lifetime = _lifetime(version, seconds)
    if settings.DEBUG or not lifetime or version is None:
        return mark_safe(render())  # noqa: S308 - rendered (escaped) template output
    token = "" if version is NO_VERSION else str(version)
    cache = caches[page_cache.ALIAS]
    key = fragment_key(request, name, parts, token)
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, lifetime)
    return mark_safe(html)  # noqa: S308 - rendered (escaped) template output
