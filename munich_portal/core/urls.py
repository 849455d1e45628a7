"""The root URL configuration's apps, each skipped at once when it cannot match the path.

Most apps are included without a prefix of their own (``path("", include("services.urls"))``):
their paths start with several German words (``dienstleistungen/``, ``dienststellen/``, …) and
apps share some (``dienstleistungen/<slug>/`` is the services', ``…/termin/`` the
appointments', ``…/antrag/`` the online requests'). Django then tries every pattern of every
app before the one that matches, and records each try: the event page's path was tried against
50 patterns, Meine Daten's against 87, 40 to 63 µs of every request, in a page from the page cache
of about 500 µs (issue 17, round 5).

:func:`app_urls` includes an app as Django's ``path("", include(module))`` does (same patterns,
order, namespace and reversing) through a resolver that first compares the path's first segment
with the first segments the app's patterns can match. A pattern whose route starts with a fixed
segment (``veranstaltungen/<slug:slug>/``) can only match a path starting with that segment, so an
app none of whose patterns can match is skipped without trying each; an app with a pattern that
starts with a converter or a regular expression is always tried. What changes is only the list
of tried patterns a 404 page shows in ``DEBUG``.
"""

from __future__ import annotations

from functools import cached_property

from django.urls import URLResolver, include
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RoutePattern

__all__ = ["AppResolver", "app_urls", "first_segment"]


def first_segment(path: str) -> str:
    """The path up to and including its first ``/`` (all of it if it has none)."""
    head, slash, _rest = path.partition("/")
    return head + slash


class AppResolver(URLResolver):
    """A prefix-less include that rejects a path no pattern of the app can match."""

    @cached_property
    def first_segments(self) -> frozenset[str] | None:
        """The first segments the app's paths can start with; ``None``: any."""
        segments = set()
        for pattern in self.url_patterns:
            route = pattern.pattern
            text = getattr(route, "_route", None)
            if not isinstance(route, RoutePattern) or not isinstance(text, str):
                return None  # a regular expression, or a route translated per language
            segment = first_segment(text)
            if "<" in segment:
                return None  # starts with a converter
            if isinstance(pattern, URLResolver) and not segment.endswith("/"):
                return None  # an include's prefix matches the start of any longer segment
            segments.add(segment)
        return frozenset(segments)

    def resolve(self, path):
        segments = self.first_segments
        if segments is not None and first_segment(str(path)) not in segments:
            raise Resolver404({"tried": [], "path": path})
        return super().resolve(path)


def app_urls(module: str) -> AppResolver:
    """``path("", include(module))``, skipped at once for paths the app cannot match."""
    urlconf_module, app_name, namespace = include(module)
    return AppResolver(
        RoutePattern("", is_endpoint=False),
        urlconf_module,
        app_name=app_name,
        namespace=namespace,
    )
